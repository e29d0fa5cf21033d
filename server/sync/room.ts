import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { clientWritableRoots } from '../../src/lib/model/client-writes';
import { log } from '../../src/lib/server/log';
import type { PresentUser } from '../../src/lib/server/runtime';
import { CLOSE_FORBIDDEN_WRITE, CLOSE_INVALID_PAYLOAD, Connection } from './connection';
import type { DocumentStore } from './document-store';
import type { GroupCommit } from './group-commit';
import {
	encodeAwareness,
	encodeAwarenessStates,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeUpdate,
	ProtocolError,
	readMessage
} from './protocol';
import { findRootsWrittenBy } from './write-guard';
import { admitAwareness, encodeAwarenessEntries } from './awareness-guard';
import { AppliedSeqs } from './applied-seqs';

/**
 * A client update that refers to items the server does not hold waits in
 * Yjs' pending state until they arrive. That is legitimate for moments (a tab
 * edits what another tab of the same browser sent it over BroadcastChannel
 * before that tab's own socket delivered it), so it is kept this long and
 * this large, then dropped: otherwise anyone could park junk that every
 * joiner receives and that grows memory with each update.
 */
const PENDING_MAX_MS = 30_000;
const PENDING_MAX_BYTES = 1024 * 1024;

/** Encodes state without Yjs' pending structs: what is not integrated is neither sent nor stored. */
export function withoutPending<T>(doc: Y.Doc, encode: () => T): T {
	const store = doc.store;
	const { pendingStructs, pendingDs } = store;
	if (pendingStructs === null && pendingDs === null) return encode();
	store.pendingStructs = null;
	store.pendingDs = null;
	try {
		return encode();
	} finally {
		store.pendingStructs = pendingStructs;
		store.pendingDs = pendingDs;
	}
}

/** Origin of the transaction that loads stored state: not a new write. */
const LOAD_ORIGIN = Symbol('load');
/** Origin of changes the server makes itself (key repair, task write-back): relayed to everyone. */
export const SERVER_ORIGIN = Symbol('server');

export interface RoomOptions {
	documentId: string;
	workspaceId: string;
	kind: string;
	store: DocumentStore;
	commits: GroupCommit;
	compactAfterUpdates: number;
	/** Called after a change is committed, and once after loading: the content may have changed. */
	onContentChanged(room: Room): void;
}

/**
 * One loaded document and the sockets editing it. The in-memory Y.Doc may run
 * ahead of the database by the writes of the current batch, so every message
 * derived from it is released only once what it contains is committed:
 * relayed updates on their own commit, sync replies once everything applied
 * before them is committed. Nothing a client receives can be lost by a crash.
 */
export class Room {
	readonly doc = new Y.Doc();
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	readonly connections = new Set<Connection>();
	readonly documentId: string;
	readonly workspaceId: string;
	readonly kind: string;
	state: 'loading' | 'ready' | 'closing' | 'closed' = 'loading';
	/** Server-side work holding the room open although no client is connected. */
	pins = 0;
	/**
	 * The person behind each Yjs client id whose writes this process applied:
	 * the first authenticated connection that delivered a client id's items
	 * owns it. Extraction persists it (`document_clients`) to say who wrote a
	 * mention or an assignment.
	 */
	readonly clientUsers = new Map<number, string>();
	readonly ready: Promise<void>;

	/**
	 * Writes handed to the group commit and writes committed, counted by this
	 * room: they order held replies. Seqs are the database's (it numbers them in
	 * the commit), so they say nothing about what this room is still waiting for.
	 */
	private writesQueued = 0;
	private writesCommitted = 0;
	private applied = new AppliedSeqs(0);
	private tailLength = 0;
	private compactionQueued = false;
	private heldReplies: { write: number; send: () => void }[] = [];
	/** Which connection holds each awareness client id (see awareness-guard.ts). */
	private readonly awarenessOwners = new Map<number, Connection>();
	private pendingTimer: ReturnType<typeof setTimeout> | null = null;
	/** The roots clients may write in this kind of document; null when they may write anything. */
	private readonly clientRoots: ReadonlySet<string> | null;

	constructor(private readonly options: RoomOptions) {
		this.documentId = options.documentId;
		this.workspaceId = options.workspaceId;
		this.kind = options.kind;
		const writable = clientWritableRoots[options.kind];
		this.clientRoots = writable ? new Set(writable) : null;
		// The server holds no awareness state of its own.
		this.awareness.setLocalState(null);
		this.doc.on('update', (update: Uint8Array, origin: unknown) => this.persist(update, origin));
		// Cheap: Yjs computed both state vectors for this transaction anyway.
		this.doc.on('afterTransaction', (tr: Y.Transaction) => {
			if (!(tr.origin instanceof Connection)) return;
			for (const [client, clock] of tr.afterState) {
				if (clock !== (tr.beforeState.get(client) ?? 0) && !this.clientUsers.has(client)) {
					this.clientUsers.set(client, tr.origin.user.id);
				}
			}
		});
		this.awareness.on(
			'update',
			(
				{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
				origin: unknown
			) => this.relayAwareness(added, updated, removed, origin)
		);
		this.ready = this.load();
	}

	private async load(): Promise<void> {
		const stored = await this.options.store.load(this.documentId);
		if (stored.updates.length > 0) {
			Y.applyUpdate(this.doc, Y.mergeUpdates(stored.updates), LOAD_ORIGIN);
		}
		this.applied = new AppliedSeqs(stored.lastSeq);
		this.tailLength = stored.tailLength;
		this.state = 'ready';
		if (this.tailLength >= this.options.compactAfterUpdates) this.queueCompaction();
		// Catch up: the process may have stopped between persisting and extracting.
		this.options.onContentChanged(this);
	}

	/** Every change to the document, from a client or from the server itself, goes through here. */
	private persist(update: Uint8Array, origin: unknown): void {
		if (origin === LOAD_ORIGIN) return;
		const write = ++this.writesQueued;
		this.options.commits.add({
			documentId: this.documentId,
			data: update,
			onCommitted: (seq) => this.committed(write, seq, update, origin)
		});
	}

	private committed(write: number, seq: number, update: Uint8Array, origin: unknown): void {
		this.writesCommitted = write;
		this.applied.add(seq);
		this.tailLength += 1;
		if (this.connections.size > 0) {
			const message = encodeUpdate(update);
			for (const connection of this.connections) {
				if (connection !== origin) connection.send(message);
			}
		}
		if (origin instanceof Connection) origin.acknowledge(update);
		while (this.heldReplies.length > 0 && this.heldReplies[0].write <= write) {
			this.heldReplies.shift()!.send();
		}
		if (this.tailLength >= this.options.compactAfterUpdates) this.queueCompaction();
		this.options.onContentChanged(this);
	}

	/** Resolves once everything applied so far is committed. */
	whenSettled(): Promise<void> {
		return new Promise((resolve) => this.sendWhenCommitted(resolve));
	}

	/** Sends a reply computed from the current state once that state is durable. */
	private sendWhenCommitted(send: () => void): void {
		if (this.settled) send();
		else this.heldReplies.push({ write: this.writesQueued, send });
	}

	/** The seq up to which every stored update is committed and applied to this document. */
	get committedThrough(): number {
		return this.applied.through;
	}

	/** True once every write applied to the document is committed. */
	get settled(): boolean {
		return this.writesCommitted >= this.writesQueued;
	}

	/** Folds the log into a snapshot; runs between commits, so the two never interleave. */
	queueCompaction(): void {
		if (this.compactionQueued || this.state === 'closed') return;
		this.compactionQueued = true;
		this.options.commits.addTask('compaction', this.documentId, async () => {
			this.compactionQueued = false;
			if (this.state === 'closed') return;
			// The document may hold writes of the batch now gathering, or beyond a
			// gap of rows another process appended; a snapshot that contains them is
			// still correct, since applying a Yjs update twice changes nothing, and
			// those rows stay in the log after it. Folding past a gap would delete
			// rows the snapshot does not contain.
			const throughSeq = this.applied.through;
			const tail = this.tailLength;
			await this.options.store.compact(
				this.documentId,
				withoutPending(this.doc, () => Y.encodeStateAsUpdate(this.doc)),
				throughSeq
			);
			this.tailLength -= tail;
		});
	}

	get tail(): number {
		return this.tailLength;
	}

	join(connection: Connection): void {
		this.connections.add(connection);
		connection.send(encodeSyncStep1(this.doc));
		const states = [...this.awareness.getStates().keys()];
		if (states.length > 0) connection.send(encodeAwarenessStates(this.awareness, states));
		for (const message of connection.backlog.splice(0)) this.receive(connection, message);
	}

	leave(connection: Connection): void {
		this.connections.delete(connection);
		if (connection.awarenessClients.size > 0) {
			const held = [...connection.awarenessClients];
			for (const id of held) this.awarenessOwners.delete(id);
			connection.awarenessClients.clear();
			awarenessProtocol.removeAwarenessStates(this.awareness, held, connection);
		}
	}

	/** Handles one message; a malformed one closes that socket and changes nothing. */
	receive(connection: Connection, data: Uint8Array): void {
		// A socket the server closed may still deliver what was in flight; none of it counts.
		if (connection.closed) return;
		try {
			const message = readMessage(data);
			switch (message.type) {
				case 'sync-step-1': {
					const reply = withoutPending(this.doc, () =>
						encodeSyncStep2(this.doc, message.stateVector)
					);
					this.sendWhenCommitted(() => connection.send(reply));
					break;
				}
				case 'sync-step-2':
				case 'update':
					// Read-only connections (viewers) may follow along but their edits
					// are neither applied, stored nor relayed.
					if (connection.readOnly || this.refuseForbiddenWrite(connection, message.update)) break;
					Y.applyUpdate(this.doc, message.update, connection);
					this.boundPending(connection);
					break;
				case 'awareness':
					this.receiveAwareness(connection, message.update);
					break;
				case 'query-awareness':
					connection.send(
						encodeAwarenessStates(this.awareness, [...this.awareness.getStates().keys()])
					);
					break;
				case 'auth':
					break;
			}
		} catch (error) {
			log.warn('closing connection after a bad message', {
				documentId: this.documentId,
				userId: connection.user.id,
				error: error instanceof ProtocolError ? error.message : error
			});
			connection.close(CLOSE_INVALID_PAYLOAD, 'malformed message');
		}
	}

	/**
	 * Closes `connection` and returns true when `update` writes a root this kind
	 * of document reserves for the server, or refers to items the server does
	 * not hold (it cannot tell what those would change). The update is refused
	 * whole: nothing of it is applied, stored or relayed.
	 */
	private refuseForbiddenWrite(connection: Connection, update: Uint8Array): boolean {
		if (this.clientRoots === null) return false;
		const written = findRootsWrittenBy(this.doc, update);
		const forbidden =
			written === null ? null : [...written].filter((root) => !this.clientRoots!.has(root));
		if (forbidden !== null && forbidden.length === 0) return false;
		log.warn('refusing an update that writes server-only content', {
			documentId: this.documentId,
			userId: connection.user.id,
			roots: forbidden ?? 'unresolvable: refers to items the server does not hold'
		});
		connection.close(CLOSE_FORBIDDEN_WRITE, 'update writes server-only content');
		return true;
	}

	/** Keeps what could not be integrated within PENDING_MAX_MS and PENDING_MAX_BYTES. */
	private boundPending(sender: Connection): void {
		const { pendingStructs, pendingDs } = this.doc.store;
		if (pendingStructs === null && pendingDs === null) {
			if (this.pendingTimer) clearTimeout(this.pendingTimer);
			this.pendingTimer = null;
			return;
		}
		const bytes = (pendingStructs?.update.byteLength ?? 0) + (pendingDs?.byteLength ?? 0);
		if (bytes > PENDING_MAX_BYTES) {
			this.dropPending('too large', sender.user.id);
		} else if (!this.pendingTimer) {
			this.pendingTimer = setTimeout(
				() => this.dropPending('not resolved in time', sender.user.id),
				PENDING_MAX_MS
			);
			this.pendingTimer.unref();
		}
	}

	private dropPending(reason: string, userId: string): void {
		if (this.pendingTimer) clearTimeout(this.pendingTimer);
		this.pendingTimer = null;
		const { pendingStructs, pendingDs } = this.doc.store;
		if (pendingStructs === null && pendingDs === null) return;
		log.warn('dropping an update that refers to content the server does not have', {
			documentId: this.documentId,
			userId,
			reason,
			bytes: (pendingStructs?.update.byteLength ?? 0) + (pendingDs?.byteLength ?? 0)
		});
		this.doc.store.pendingStructs = null;
		this.doc.store.pendingDs = null;
	}

	private receiveAwareness(connection: Connection, update: Uint8Array): void {
		const { entries, dropped } = admitAwareness(
			update,
			connection,
			this.awarenessOwners,
			(id) => this.awareness.meta.get(id)?.clock
		);
		if (dropped > 0 && !connection.warnedAboutAwareness) {
			connection.warnedAboutAwareness = true;
			log.warn('dropping presence a connection may not write', {
				documentId: this.documentId,
				userId: connection.user.id,
				dropped
			});
		}
		if (entries.length === 0) return;
		awarenessProtocol.applyAwarenessUpdate(
			this.awareness,
			encodeAwarenessEntries(entries),
			connection
		);
	}

	private relayAwareness(
		added: number[],
		updated: number[],
		removed: number[],
		origin: unknown
	): void {
		// y-protocols removes states that were not renewed for 30 s on its own (origin 'timeout').
		for (const id of removed) {
			const owner = this.awarenessOwners.get(id);
			owner?.awarenessClients.delete(id);
			this.awarenessOwners.delete(id);
		}
		const changed = [...added, ...updated, ...removed];
		if (changed.length === 0 || this.connections.size === 0) return;
		const message = encodeAwareness(
			awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)
		);
		for (const connection of this.connections) {
			if (connection !== origin) connection.send(message);
		}
	}

	presentUsers(): PresentUser[] {
		const byId = new Map<string, PresentUser>();
		for (const { user } of this.connections) byId.set(user.id, user);
		return [...byId.values()];
	}

	destroy(): void {
		if (this.pendingTimer) clearTimeout(this.pendingTimer);
		this.state = 'closed';
		this.awareness.destroy();
		this.doc.destroy();
	}
}
