import { log } from '../../src/lib/server/log';
import { getRuntime } from '../../src/lib/server/runtime';
import { createSyncServer, type SyncServer } from './sync-server';

/** Creates the process's one sync server and registers it on the runtime. */
export async function startSync(): Promise<SyncServer> {
	const runtime = await getRuntime();
	if (runtime.sync) return runtime.sync as SyncServer;
	const sync = createSyncServer(runtime);
	runtime.sync = sync;
	// In the background: serving must not wait for documents nobody has open.
	sync.catchUpExtraction().catch((error: unknown) => {
		log.error('catching up on extraction failed', { error });
	});
	return sync;
}
