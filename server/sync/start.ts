import { getRuntime } from '../../src/lib/server/runtime';
import { createSyncServer, type SyncServer } from './sync-server';

/** Creates the process's one sync server and registers it on the runtime. */
export async function startSync(): Promise<SyncServer> {
	const runtime = await getRuntime();
	if (runtime.sync) return runtime.sync as SyncServer;
	const sync = createSyncServer(runtime);
	runtime.sync = sync;
	return sync;
}
