import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { clientWritableRoots } from '../../src/lib/model/client-writes';
import { log } from '../../src/lib/server/log';
import type { PresentUser } from '../../src/lib/server/runtime';
import { CLOSE_FORBIDDEN_WRITE, CLOSE_INVALID_PAYLOAD, Connection } from './connection';
import type { DocumentCheckpoints, DocumentStore } from './document-store';
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
import {
	admitAwareness,
	decodeAwarenessEntries,
	encodeAwarenessEntries,
	type AwarenessOwner
} from './awareness-guard';
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
/** Origin of updates another process committed (relayed, or read back from the log): stored already. */
const REMOTE_ORIGIN = Symbol('remote');
/** Origin of presence another process admitted. */
const REMOTE_AWARENESS = Symbol('remote awareness');

/**
 * A relayed update that skips seqs is usually overtaken by the one in
 * flight; a hole still open after this long is filled from the database.
 */
const GAP_WAIT_MS = 300;

/**
 * How a room reaches the same document's rooms in other processes (several
 * processes on one database, see relay.ts). Only committed updates are
 * published, with the seqs the database gave them.
 */
export interface RoomLink {
	publishUpdate(fromSeq: number, toSeq: number, update: Uint8Array): void;
	/** An awareness update (y-protocols encoding) of this process's clients. */
	publishAwareness(update: Uint8Array): void;
	/** Asks the other processes for the presence of their clients in this document. */
	queryAwareness(): void;
}

/** Presence held by a client of another process: the guard treats it like a connection's. */
export class RemoteOwner implements AwarenessOwner {
	readonly awarenessClients = new Set<number>();
	constructor(
		readonly processId: string,
		readonly user: PresentUser
	) {}
}
/** Origin of changes the server makes itself (key repair, task write-back): relayed to everyone. */
export const SERVER_ORIGIN = Symbol('server');

export interface RoomOptions {
	documentId: string;
	workspaceId: string;
	kind: string;
	store: DocumentStore;
	commits: GroupCommit;
	compactAfterUpdates: number;
	/** Called after a change is committed: the content may have changed. */
	onContentChanged(room: Room): void;
	/**
	 * Called once after loading, with how far extraction and indexing cover
	 * what was loaded (null when unknown): the process may have stopped
	 * between persisting and extracting.
	 */
	onLoaded(room: Room, checkpoints: DocumentCheckpoints | null): void;
	/** Set when several processes serve the database. */
	link?: RoomLink | null;
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
	/** Which connection (or other process's client) holds each awareness client id (see awareness-guard.ts). */
	private readonly awarenessOwners = new Map<number, Connection | RemoteOwner>();
	/** Committed updates not yet published to the other processes (flushed once per commit). */
	private outgoing: { seq: number; update: Uint8Array }[] = [];
	/** Relayed updates that arrived while the document was loading. */
	private early: { from: number; to: number; update: Uint8Array }[] = [];
	private catchingUp: Promise<void> | null = null;
	private catchUpAgain = false;
	private gapTimer: ReturnType<typeof setTimeout> | null = null;
	/** The stored head seen by the previous periodic check. */
	private headSeen = 0;
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
		if (this.options.link) {
			for (const { from, to, update } of this.early.splice(0)) {
				this.receiveRemoteUpdate(from, to, update);
			}
			this.options.link.queryAwareness();
		}
		if (this.tailLength >= this.options.compactAfterUpdates) this.queueCompaction();
		this.options.onLoaded(this, stored.checkpoints ?? null);
	}

	/** Every change to the document, from a client or from the server itself, goes through here. */
	private persist(update: Uint8Array, origin: unknown): void {
		if (origin === LOAD_ORIGIN) return;
		if (origin === REMOTE_ORIGIN) {
			// Committed by another process: only what this document did not hold yet reaches here.
			if (this.connections.size > 0) {
				const message = encodeUpdate(update);
				for (const connection of this.connections) connection.send(message);
			}
			return;
		}
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
		if (this.options.link) {
			if (this.outgoing.length === 0) queueMicrotask(() => this.publishOutgoing());
			this.outgoing.push({ seq, update });
			this.watchGap();
		}
		if (this.tailLength >= this.options.compactAfterUpdates) this.queueCompaction();
		this.options.onContentChanged(this);
	}

	/**
	 * Publishes what one commit stored for this document, after the commit:
	 * consecutive seqs as one merged update with its range.
	 */
	private publishOutgoing(): void {
		const link = this.options.link;
		const items = this.outgoing;
		this.outgoing = [];
		if (!link) return;
		let start = 0;
		for (let i = 1; i <= items.length; i++) {
			if (i < items.length && items[i].seq === items[i - 1].seq + 1) continue;
			const run = items.slice(start, i);
			const update = run.length === 1 ? run[0].update : Y.mergeUpdates(run.map((r) => r.update));
			link.publishUpdate(run[0].seq, run[run.length - 1].seq, update);
			start = i;
		}
	}

	/**
	 * Applies updates another process committed as seqs `from`..`to`, and
	 * passes on to this room's clients what was new. Updates beyond a hole are
	 * applied at once (Yjs holds what depends on the missing ones); the hole is
	 * filled from the database if the relay does not fill it soon.
	 */
	receiveRemoteUpdate(from: number, to: number, update: Uint8Array): void {
		if (this.state === 'loading') {
			this.early.push({ from, to, update });
			return;
		}
		if (this.state !== 'ready' || to <= this.applied.through) return;
		try {
			Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
		} catch (error) {
			// Not ours to judge: the database has the real rows.
			log.warn('a relayed update could not be applied; reading the log instead', {
				documentId: this.documentId,
				error
			});
			void this.catchUp();
			return;
		}
		this.applied.add(from, to);
		this.tailLength += to - from + 1;
		this.afterRemote();
	}

	/** Reads from the database every stored update after what this room holds contiguously. */
	catchUp(): Promise<void> {
		if (this.catchingUp) {
			this.catchUpAgain = true;
			return this.catchingUp;
		}
		this.catchingUp = (async () => {
			do {
				this.catchUpAgain = false;
				if (this.state !== 'ready') return;
				const from = this.applied.through;
				const stored = await this.options.store.loadSince(this.documentId, from);
				if (this.state !== 'ready') return;
				if (stored.updates.length > 0) {
					Y.applyUpdate(this.doc, Y.mergeUpdates(stored.updates), REMOTE_ORIGIN);
				}
				if (stored.lastSeq > from) {
					this.applied.add(from + 1, stored.lastSeq);
					this.tailLength += stored.tailLength;
					this.afterRemote();
				}
			} while (this.catchUpAgain);
		})()
			.catch((error: unknown) => {
				log.error('catching up on a document from the database failed', {
					documentId: this.documentId,
					error
				});
				// The hole stays; the next check tries again.
			})
			.finally(() => {
				this.catchingUp = null;
			});
		return this.catchingUp;
	}

	/**
	 * The periodic check of the stored head: a room still behind the head seen
	 * one check earlier lost a relayed message (the last of a burst has no
	 * successor to reveal the hole) and reads it from the database.
	 */
	checkHead(head: number): void {
		if (this.state !== 'ready') return;
		if (this.headSeen > this.applied.through) void this.catchUp();
		this.headSeen = head;
	}

	private afterRemote(): void {
		this.watchGap();
		if (this.tailLength >= this.options.compactAfterUpdates) this.queueCompaction();
		this.options.onContentChanged(this);
	}

	private watchGap(): void {
		if (!this.applied.hasGap) {
			if (this.gapTimer) clearTimeout(this.gapTimer);
			this.gapTimer = null;
			return;
		}
		if (this.gapTimer) return;
		this.gapTimer = setTimeout(() => {
			this.gapTimer = null;
			if (this.applied.hasGap) void this.catchUp();
		}, GAP_WAIT_MS);
		this.gapTimer.unref();
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
			const compacted = await this.options.store.compact(
				this.documentId,
				withoutPending(this.doc, () => Y.encodeStateAsUpdate(this.doc)),
				throughSeq
			);
			// Not compacted: another process is folding the same log right now.
			if (compacted) this.tailLength -= tail;
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
		const { entries, dropped } = admitAwareness<Connection | RemoteOwner>(
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
		if (changed.length === 0) return;
		// What this process admitted (or removed when its socket closed) goes to
		// the other processes; their own presence, and time-outs, stay here.
		const publish = this.options.link && origin instanceof Connection;
		if (this.connections.size === 0 && !publish) return;
		const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
		if (publish) this.options.link!.publishAwareness(update);
		if (this.connections.size === 0) return;
		const message = encodeAwareness(update);
		for (const connection of this.connections) {
			if (connection !== origin) connection.send(message);
		}
	}

	/**
	 * Applies presence another process admitted for its clients (it stamped
	 * their identity already) and records who holds each id, so this room's
	 * guard treats those ids as taken.
	 */
	receiveRemoteAwareness(processId: string, update: Uint8Array): void {
		if (this.state !== 'ready') return;
		let entries;
		try {
			entries = decodeAwarenessEntries(update);
		} catch (error) {
			log.warn('dropping malformed relayed presence', { documentId: this.documentId, error });
			return;
		}
		for (const entry of entries) {
			const current = this.awarenessOwners.get(entry.clientId);
			const newer = entry.clock > (this.awareness.meta.get(entry.clientId)?.clock ?? -1);
			if (entry.json === 'null') {
				if (current instanceof RemoteOwner && current.processId === processId && newer) {
					this.awarenessOwners.delete(entry.clientId);
				}
				continue;
			}
			if (current && !newer) continue;
			let user: PresentUser | null = null;
			try {
				const state = JSON.parse(entry.json) as { user?: { id?: unknown; name?: unknown } };
				if (typeof state.user?.id === 'string' && typeof state.user.name === 'string') {
					user = { id: state.user.id, name: state.user.name };
				}
			} catch {
				// Without an identity it is not shown as anybody.
			}
			if (!user) continue;
			current?.awarenessClients.delete(entry.clientId);
			const owner = new RemoteOwner(processId, user);
			owner.awarenessClients.add(entry.clientId);
			this.awarenessOwners.set(entry.clientId, owner);
		}
		awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_AWARENESS);
	}

	/** Removes the presence of a process that stopped: its sockets are gone with it. */
	dropProcess(processId: string): void {
		const ids: number[] = [];
		for (const [id, owner] of this.awarenessOwners) {
			if (owner instanceof RemoteOwner && owner.processId === processId) ids.push(id);
		}
		if (ids.length === 0) return;
		for (const id of ids) this.awarenessOwners.delete(id);
		awarenessProtocol.removeAwarenessStates(this.awareness, ids, REMOTE_AWARENESS);
	}

	/** The presence of this process's clients, for a process that asked (null when there is none). */
	localAwareness(): Uint8Array | null {
		const ids: number[] = [];
		for (const [id, owner] of this.awarenessOwners) {
			if (owner instanceof Connection && this.awareness.getStates().has(id)) ids.push(id);
		}
		return ids.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids) : null;
	}

	presentUsers(): PresentUser[] {
		const byId = new Map<string, PresentUser>();
		for (const { user } of this.connections) byId.set(user.id, user);
		for (const owner of this.awarenessOwners.values()) {
			if (owner instanceof RemoteOwner && !byId.has(owner.user.id)) {
				byId.set(owner.user.id, owner.user);
			}
		}
		return [...byId.values()];
	}

	destroy(): void {
		if (this.pendingTimer) clearTimeout(this.pendingTimer);
		if (this.gapTimer) clearTimeout(this.gapTimer);
		this.state = 'closed';
		this.awareness.destroy();
		this.doc.destroy();
	}
}
