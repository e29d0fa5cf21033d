import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type * as Y from 'yjs';
import { API_TOKEN_PREFIX, validateApiToken } from '../../src/lib/server/api-tokens';
import { validateSessionToken } from '../../src/lib/server/auth/session';
import { findDocument, getDocumentAccess } from '../../src/lib/server/documents';
import { notFound } from '../../src/lib/server/errors';
import { m } from '../../src/lib/paraglide/messages.js';
import { log } from '../../src/lib/server/log';
import type { PresentUser, Runtime, SyncHub } from '../../src/lib/server/runtime';
import { authorizeUpgrade, type UpgradeDecision } from './authorize-upgrade';
import {
	CLOSE_ACCESS_REVOKED,
	CLOSE_GOING_AWAY,
	CLOSE_INTERNAL_ERROR,
	CLOSE_SIGNED_OUT,
	CLOSE_TRY_AGAIN_LATER,
	Connection
} from './connection';
import { isRevoked, onAccessChange, onRevocation } from '../../src/lib/server/auth/revocations';
import { JournaledStore } from './journaled-store';
import type { DocumentCheckpoints, DocumentStore } from './document-store';
import { createDrizzleStore } from './drizzle-store';
import { ActionExtraction } from './action-extraction';
import { VersionAutoSave } from '../../src/lib/server/versions/auto-save';
import { SearchIndexing } from './search-indexing';
import { SettleScheduler, type SettleConsumer } from './settle-scheduler';
import { UpgradeLookups } from './upgrade-lookups';
import { GroupCommit } from './group-commit';
import { DocumentRelay } from './relay';
import { Room, SERVER_ORIGIN } from './room';

export interface SyncServer extends SyncHub {
	handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
	/**
	 * Extracts (and indexes for search) every document whose stored updates run
	 * past its last recorded extraction (or indexing). Call once at start-up: a process killed between committing an
	 * update and the debounced extraction would otherwise leave that change out
	 * of the task list until someone opens the document again.
	 */
	catchUpExtraction(): Promise<void>;
	/**
	 * Runs the queries of an upgrade and a document load once against ids that
	 * do not exist, so the first real client after a (re)start does not pay for
	 * the embedded engine compiling and caching them.
	 */
	warmUp(): Promise<void>;
	/** Stops accepting, closes every socket and waits until all writes are committed. */
	close(): Promise<void>;
	/**
	 * Adds work that follows documents' content once edits settle, off the
	 * relay path (see settle-scheduler.ts); returns how to remove it.
	 */
	onSettled(consumer: SettleConsumer): () => void;
	/** Loaded rooms, for tests and diagnostics. */
	readonly rooms: ReadonlyMap<string, Room>;
	readonly commits: GroupCommit;
}

/** A room stays loaded this long after its last client leaves, so a page reload does not reload it. */
const UNLOAD_DELAY_MS = 2_000;
/** Unloading folds the log into a snapshot when at least this many rows would be folded. */
const COMPACT_ON_UNLOAD = 20;

const STATUS_TEXT: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	500: 'Internal Server Error',
	503: 'Service Unavailable'
};

function refuse(socket: Duplex, status: number, message: string): void {
	const body = JSON.stringify({ error: { code: STATUS_TEXT[status], message } });
	socket.end(
		`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\n` +
			'Content-Type: application/json\r\n' +
			`Content-Length: ${Buffer.byteLength(body)}\r\n` +
			'Connection: close\r\n\r\n' +
			body
	);
}

/** The sync journal's folder, inside the embedded engine's (null for an in-memory database). */
function journalDir(dataDir: string): string | null {
	return dataDir.startsWith('memory://') ? null : path.join(dataDir, 'sync-journal');
}

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export type SyncServerDeps = Pick<Runtime, 'db' | 'config' | 'taskEvents' | 'database'> &
	Partial<Pick<Runtime, 'cluster'>> & {
		/** Where documents are kept; by default the drizzle store on `database`. */
		store?: DocumentStore;
	};

export function createSyncServer(deps: SyncServerDeps): SyncServer {
	const { config, db } = deps;
	const cluster = deps.cluster ?? null;
	const databaseStore = createDrizzleStore(deps.database, { shared: cluster !== null });
	// The embedded engine has one writer, this process: see journaled-store.ts.
	const journaled =
		!deps.store && deps.database.engine === 'pglite'
			? new JournaledStore({
					store: databaseStore,
					dir: journalDir(config.dataDir),
					applyIntervalMs: config.journalIntervalMs
				})
			: null;
	const store = deps.store ?? journaled ?? databaseStore;
	const relay = cluster
		? new DocumentRelay({ cluster, store, dropShare: config.relayDropShare })
		: null;
	const commits = new GroupCommit({
		store,
		// A journaled batch costs one write(2): nothing to gain by pacing it.
		minIntervalMs: journaled ? 0 : config.commitIntervalMs
	});
	const settling = new SettleScheduler();
	const lookups = new UpgradeLookups({ db });
	const actions = new ActionExtraction({
		db,
		store,
		events: deps.taskEvents,
		shared: cluster !== null,
		retry: (room) => settling.changed(room)
	});
	if (config.extractActions) settling.subscribe(actions);
	const search = new SearchIndexing({ db, store, retry: (room) => settling.changed(room) });
	settling.subscribe(search);
	const versions = new VersionAutoSave(db, cluster !== null, config.autoVersionMs);
	const rooms = new Map<string, Room>();
	const unloadTimers = new Map<string, NodeJS.Timeout>();
	/** Sockets whose document is still loading: not in a room yet, but revocable all the same. */
	const pendingConnections = new Set<Connection>();
	let closing = false;

	const wss = new WebSocketServer({
		noServer: true,
		// Larger messages are refused by ws with close code 1009 before we see them.
		maxPayload: config.maxMessageBytes,
		perMessageDeflate: false
	});

	function onContentChanged(room: Room): void {
		settling.changed(room);
		versions.contentChanged(room);
	}

	function onLoaded(room: Room, checkpoints: DocumentCheckpoints | null): void {
		settling.loaded(room, checkpoints);
		versions.contentChanged(room);
	}

	async function openRoom(documentId: string, workspaceId: string, kind: string): Promise<Room> {
		for (;;) {
			const existing = rooms.get(documentId);
			if (!existing) break;
			if (existing.state === 'loading' || existing.state === 'ready') {
				await existing.ready;
				return existing;
			}
			// Being unloaded: wait until it is gone, then load afresh.
			await new Promise((r) => setTimeout(r, 20));
		}
		const room = new Room({
			documentId,
			workspaceId,
			kind,
			store,
			commits,
			compactAfterUpdates: config.compactAfterUpdates,
			onContentChanged,
			onLoaded,
			link: relay?.link(documentId) ?? null
		});
		rooms.set(documentId, room);
		relay?.attach(room);
		try {
			await room.ready;
		} catch (error) {
			rooms.delete(documentId);
			relay?.detach(room);
			room.destroy();
			throw error;
		}
		return room;
	}

	function scheduleUnload(room: Room): void {
		if (
			closing ||
			room.connections.size > 0 ||
			room.pins > 0 ||
			unloadTimers.has(room.documentId)
		) {
			return;
		}
		const timer = setTimeout(() => {
			unloadTimers.delete(room.documentId);
			void unload(room);
		}, UNLOAD_DELAY_MS);
		unloadTimers.set(room.documentId, timer);
	}

	async function unload(room: Room): Promise<void> {
		if (room.connections.size > 0 || room.pins > 0 || room.state !== 'ready') return;
		room.state = 'closing';
		try {
			await settling.flush(room);
			await Promise.all([actions.writeCheckpoints(), search.recordProgress(room)]);
			await versions.roomEmptied(room);
			if (room.tail >= COMPACT_ON_UNLOAD) room.queueCompaction();
			while (!room.settled) await commits.idle();
			await commits.idle();
		} finally {
			rooms.delete(room.documentId);
			relay?.detach(room);
			commits.forget(room.documentId);
			actions.forget(room.documentId);
			room.destroy();
		}
	}

	function cancelUnload(documentId: string): void {
		const timer = unloadTimers.get(documentId);
		if (timer) {
			clearTimeout(timer);
			unloadTimers.delete(documentId);
		}
	}

	/**
	 * Checks a connection's rights again. Losing access or edit rights (a role
	 * change, removal, archiving) closes the socket: the page then asks for a
	 * reload instead of letting the person type into the void.
	 */
	function revalidate(room: Room, connection: Connection): void {
		connection.rechecking += 1;
		const done = () => {
			connection.rechecking -= 1;
			if (connection.rechecking > 0 || connection.closed) return;
			connection.backlogBytes = 0;
			for (const message of connection.backlog.splice(0)) room.receive(connection, message);
		};
		getDocumentAccess(db, room.documentId, connection.user.id).then(
			(access) => {
				const readOnly = access.ok
					? access.role === 'viewer' || access.document.archivedAt !== null
					: true;
				if (!access.ok || readOnly !== connection.readOnly) {
					connection.close(CLOSE_ACCESS_REVOKED, 'access changed');
				}
				done();
			},
			(error) => {
				log.error('re-checking access failed', { documentId: room.documentId, error });
				done();
			}
		);
	}

	// Ending a session or token ends its sockets at once; the next request would
	// be refused anyway, but an open socket makes no more requests.
	const stopRevocations = onRevocation((revocation) => {
		for (const room of rooms.values()) {
			for (const connection of room.connections) {
				if (isRevoked(revocation, connection.user.id, connection.credential)) {
					connection.close(CLOSE_SIGNED_OUT, 'signed out');
				}
			}
		}
		for (const connection of pendingConnections) {
			if (isRevoked(revocation, connection.user.id, connection.credential)) {
				connection.close(CLOSE_SIGNED_OUT, 'signed out');
			}
		}
	});

	const stopAccessChanges = onAccessChange((change) => {
		for (const room of rooms.values()) {
			const affected =
				'documentId' in change
					? room.documentId === change.documentId
					: room.workspaceId === change.workspaceId;
			if (!affected) continue;
			for (const connection of room.connections) {
				if ('documentId' in change || connection.user.id === change.userId) {
					revalidate(room, connection);
				}
			}
		}
	});

	function attach(ws: WebSocket, decision: Extract<UpgradeDecision, { ok: true }>): void {
		const { document, user } = decision;
		const connection = new Connection(
			ws,
			user,
			decision.readOnly,
			decision.acks,
			config.maxBufferedBytes,
			document.id,
			decision.credential
		);
		cancelUnload(document.id);
		let room: Room | null = null;
		pendingConnections.add(connection);

		ws.on('message', (data) => {
			const bytes = toBytes(data);
			if (room && connection.rechecking === 0) {
				room.receive(connection, bytes);
				return;
			}
			// Until the document is loaded (or the socket's access is re-checked)
			// nothing is answered; what the client sends meanwhile waits, up to a
			// bound, so a socket cannot grow memory at will.
			connection.backlogBytes += bytes.byteLength;
			if (connection.backlogBytes > config.maxMessageBytes * 4) {
				connection.close(CLOSE_TRY_AGAIN_LATER, 'too much data before the document loaded');
			} else connection.backlog.push(bytes);
		});
		ws.on('error', (error) => {
			log.warn('socket error', { documentId: document.id, userId: user.id, error: error.message });
		});
		ws.on('close', () => {
			connection.closed = true;
			pendingConnections.delete(connection);
			if (room) {
				room.leave(connection);
				scheduleUnload(room);
			}
		});

		openRoom(document.id, document.workspaceId, document.kind).then(
			(opened) => {
				if (connection.closed) {
					scheduleUnload(opened);
					return;
				}
				room = opened;
				pendingConnections.delete(connection);
				cancelUnload(document.id);
				room.join(connection);
			},
			(error) => {
				log.error('loading document failed', { documentId: document.id, error });
				connection.close(CLOSE_INTERNAL_ERROR, 'document could not be loaded');
			}
		);
	}

	return {
		rooms,
		commits,
		onSettled: (consumer) => settling.subscribe(consumer),

		handleUpgrade(request, socket, head) {
			socket.on('error', () => socket.destroy());
			if (closing) {
				refuse(socket, 503, 'The server is shutting down.');
				return;
			}
			authorizeUpgrade(request, { lookups, config }).then(
				(decision) => {
					if (!decision.ok) {
						refuse(socket, decision.status, decision.message);
						return;
					}
					wss.handleUpgrade(request, socket, head, (ws) => attach(ws, decision));
				},
				(error) => {
					log.error('authorizing a sync connection failed', { url: request.url, error });
					refuse(socket, 500, 'Something went wrong on our side.');
				}
			);
		},

		presence(documentIds: string[]): Map<string, PresentUser[]> {
			const result = new Map<string, PresentUser[]>();
			for (const id of documentIds) {
				const room = rooms.get(id);
				result.set(id, room ? room.presentUsers() : []);
			}
			return result;
		},

		async changeDocument<T>(documentId: string, change: (doc: Y.Doc) => T): Promise<T> {
			const document = await findDocument(db, documentId);
			if (!document) throw notFound(m.server_no_such_document());
			cancelUnload(documentId);
			const room = await openRoom(document.id, document.workspaceId, document.kind);
			room.pins += 1;
			try {
				let result!: T;
				room.doc.transact(() => {
					result = change(room.doc);
				}, SERVER_ORIGIN);
				await room.whenSettled();
				return result;
			} finally {
				room.pins -= 1;
				scheduleUnload(room);
			}
		},

		async warmUp() {
			const absent = 'a'.repeat(20);
			await validateApiToken(db, `${API_TOKEN_PREFIX}${absent}.${'a'.repeat(32)}`);
			await validateSessionToken(db, `${absent}.${'a'.repeat(32)}`);
			await getDocumentAccess(db, absent, absent);
			await store.load(absent);
		},

		async catchUpExtraction() {
			const behind = new Map<string, { id: string; workspaceId: string; kind: string }>();
			if (config.extractActions)
				for (const d of await actions.findUnextracted()) behind.set(d.id, d);
			for (const d of await search.findBehind()) behind.set(d.id, d);
			// One document at a time, so start-up does not load them all at once.
			for (const document of behind.values()) {
				if (closing) return;
				// A loaded room was extracted when it loaded.
				if (rooms.has(document.id)) continue;
				try {
					const room = await openRoom(document.id, document.workspaceId, document.kind);
					room.pins += 1;
					try {
						await settling.flush(room);
						await Promise.all([actions.writeCheckpoints(), search.recordProgress(room)]);
					} finally {
						room.pins -= 1;
						scheduleUnload(room);
					}
				} catch (error) {
					log.error('catching up on extraction failed', { documentId: document.id, error });
				}
			}
		},

		async close() {
			closing = true;
			lookups.close();
			stopRevocations();
			stopAccessChanges();
			for (const timer of unloadTimers.values()) clearTimeout(timer);
			unloadTimers.clear();
			for (const room of rooms.values()) {
				for (const connection of room.connections)
					connection.close(CLOSE_GOING_AWAY, 'server shutting down');
			}
			await settling.flushAll(rooms.values());
			settling.close();
			await actions.writeCheckpoints();
			actions.close();
			await Promise.all([...rooms.values()].map((room) => search.recordProgress(room)));
			await Promise.all([...rooms.values()].map((room) => versions.roomEmptied(room)));
			versions.close();
			await commits.idle();
			for (const room of [...rooms.values()]) {
				if (room.tail >= COMPACT_ON_UNLOAD) room.queueCompaction();
			}
			await commits.idle();
			await journaled?.close();
			relay?.close();
			for (const room of rooms.values()) room.destroy();
			rooms.clear();
			wss.close();
		}
	};
}
