import { bridgeToProcesses } from './auth/revocations';
import { connectCluster, type Cluster } from './cluster';
import { readConfig, type Config } from './config';
import { openDatabase, type Database, type DatabaseHandle } from './db';
import { COMMENTS, DocumentWakeups, VERSIONS } from './document-wakeups';
import { setLogLevel } from './log';
import { NotificationEvents } from './notifications/events';
import { SuggestionEvents } from './suggestions/events';
import { TaskEvents } from './task-events';
import type * as Y from 'yjs';

/** Who is connected to a document right now, as the sync server sees it. */
export interface PresentUser {
	id: string;
	name: string;
}

/** What the SvelteKit side may ask of the sync server running in the same process. */
export interface SyncHub {
	presence(documentIds: string[]): Map<string, PresentUser[]>;
	/**
	 * Changes a document on the server's behalf, as an ordinary update: persisted,
	 * relayed to everyone with it open, and extracted. Loads the document if no one
	 * has it open. Resolves with `change`'s result once the change is committed.
	 */
	changeDocument<T>(documentId: string, change: (doc: Y.Doc) => T): Promise<T>;
}

export interface Runtime {
	config: Config;
	database: DatabaseHandle;
	db: Database;
	/** The link to the other processes serving the database; null when this one serves it alone. */
	cluster: Cluster | null;
	sync: SyncHub | null;
	taskEvents: TaskEvents;
	notificationEvents: NotificationEvents;
	suggestionEvents: SuggestionEvents;
	commentEvents: DocumentWakeups;
	versionEvents: DocumentWakeups;
}

/**
 * The process-wide runtime lives on globalThis, not in a module variable.
 * SvelteKit bundles src/lib/server into build/ while server/index.ts (and
 * Vite's config in dev) load the same modules from source, so one process
 * can hold two copies of this module. PGlite allows a single opener and the
 * architecture wants exactly one database handle per process: the global
 * makes both copies share one.
 */
const KEY = Symbol.for('opsloom.runtime');
type Holder = { [KEY]?: Promise<Runtime> };

export function getRuntime(): Promise<Runtime> {
	const holder = globalThis as Holder;
	holder[KEY] ??= (async () => {
		const config = readConfig();
		setLogLevel(config.logLevel);
		const database = await openDatabase({
			...config,
			serving: config.redisUrl ? 'shared' : 'alone'
		});
		const cluster = config.redisUrl ? await connectCluster(config.redisUrl) : null;
		// Sockets and streams another process holds close when access ends here.
		if (cluster) await bridgeToProcesses(database, cluster.processId);
		const notificationEvents = new NotificationEvents();
		await notificationEvents.listenTo(database);
		const suggestionEvents = new SuggestionEvents();
		await suggestionEvents.listenTo(database);
		const commentEvents = new DocumentWakeups(COMMENTS);
		await commentEvents.listenTo(database);
		const versionEvents = new DocumentWakeups(VERSIONS);
		await versionEvents.listenTo(database);
		const taskEvents = new TaskEvents();
		await taskEvents.listenTo(database);
		return {
			config,
			database,
			db: database.db,
			cluster,
			sync: null,
			taskEvents,
			notificationEvents,
			suggestionEvents,
			commentEvents,
			versionEvents
		};
	})();
	return holder[KEY];
}

/** Forgets the runtime after closing its database: for tests and orderly shutdown. */
export async function closeRuntime(): Promise<void> {
	const holder = globalThis as Holder;
	const pending = holder[KEY];
	delete holder[KEY];
	if (!pending) return;
	const runtime = await pending;
	await runtime.cluster?.close();
	await runtime.database.close();
}
