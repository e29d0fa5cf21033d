import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { channel, type Cluster } from '../../src/lib/server/cluster';
import { log } from '../../src/lib/server/log';
import type { DocumentStore } from './document-store';
import type { Room, RoomLink } from './room';

/**
 * How often the stored head of every open document is compared with what
 * its room holds: a lost relayed message that no later one reveals (the last
 * of a burst) is read from the database within two of these.
 */
export const HEAD_CHECK_MS = 1_000;

const UPDATE = 0;
const AWARENESS = 1;
const QUERY_AWARENESS = 2;

type RelayMessage =
	| { type: typeof UPDATE; processId: string; from: number; to: number; update: Uint8Array }
	| { type: typeof AWARENESS; processId: string; update: Uint8Array }
	| { type: typeof QUERY_AWARENESS; processId: string };

export function encodeRelayMessage(message: RelayMessage): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, message.type);
	encoding.writeVarString(encoder, message.processId);
	if (message.type === UPDATE) {
		encoding.writeVarUint(encoder, message.from);
		encoding.writeVarUint(encoder, message.to);
	}
	if (message.type !== QUERY_AWARENESS) encoding.writeVarUint8Array(encoder, message.update);
	return encoding.toUint8Array(encoder);
}

export function decodeRelayMessage(data: Uint8Array): RelayMessage {
	const decoder = decoding.createDecoder(data);
	const type = decoding.readVarUint(decoder);
	const processId = decoding.readVarString(decoder);
	switch (type) {
		case UPDATE: {
			const from = decoding.readVarUint(decoder);
			const to = decoding.readVarUint(decoder);
			if (from < 1 || to < from) throw new Error(`bad seq range ${from}..${to}`);
			return { type, processId, from, to, update: decoding.readVarUint8Array(decoder) };
		}
		case AWARENESS:
			return { type, processId, update: decoding.readVarUint8Array(decoder) };
		case QUERY_AWARENESS:
			return { type, processId };
		default:
			throw new Error(`unknown relay message type ${type}`);
	}
}

export interface RelayDeps {
	cluster: Cluster;
	store: Pick<DocumentStore, 'heads'>;
	/** Test-only: the share of update messages dropped instead of published. */
	dropShare?: number;
}

/**
 * Relays between the rooms of one document in several processes. Each
 * document has one channel; a process subscribes while it holds the room.
 * Only updates the database committed are published, with their seqs, so a
 * receiver knows exactly what it holds: a hole (a lost message), a dropped
 * Redis connection or a restart of Redis is repaired by reading the log,
 * never by trusting Redis. Presence travels the same channel and is
 * forgotten when its process's heartbeat stops.
 */
export class DocumentRelay {
	private readonly rooms = new Map<string, Room>();
	private readonly stops: (() => void)[] = [];
	private readonly headCheck: NodeJS.Timeout;
	private checking = false;

	private readonly cluster: Cluster;

	constructor(private readonly deps: RelayDeps) {
		const { cluster } = deps;
		this.cluster = cluster;
		this.stops.push(
			cluster.onReconnect(() => {
				for (const room of this.rooms.values()) {
					void room.catchUp();
					this.republishAwareness(room);
					this.link(room.documentId).queryAwareness();
				}
			}),
			cluster.onRevived(() => {
				// The others dropped this process's presence while it was away.
				for (const room of this.rooms.values()) this.republishAwareness(room);
			}),
			cluster.onGone((processId) => {
				for (const room of this.rooms.values()) room.dropProcess(processId);
			})
		);
		this.headCheck = setInterval(() => void this.checkHeads(), HEAD_CHECK_MS);
		this.headCheck.unref();
	}

	link(documentId: string): RoomLink {
		const name = channel(`doc:${documentId}`);
		const { cluster } = this;
		const processId = cluster.processId;
		const dropShare = this.deps.dropShare ?? 0;
		return {
			publishUpdate: (from, to, update) => {
				if (dropShare > 0 && Math.random() < dropShare) return;
				cluster.publish(name, encodeRelayMessage({ type: UPDATE, processId, from, to, update }));
			},
			publishAwareness: (update) =>
				cluster.publish(name, encodeRelayMessage({ type: AWARENESS, processId, update })),
			queryAwareness: () =>
				cluster.publish(name, encodeRelayMessage({ type: QUERY_AWARENESS, processId }))
		};
	}

	/** Subscribes for a room just created: before it loads, so nothing committed meanwhile is missed. */
	attach(room: Room): void {
		this.rooms.set(room.documentId, room);
		this.cluster.subscribe(channel(`doc:${room.documentId}`), (data) =>
			this.receive(room, new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
		);
	}

	detach(room: Room): void {
		if (this.rooms.get(room.documentId) !== room) return;
		this.rooms.delete(room.documentId);
		this.cluster.unsubscribe(channel(`doc:${room.documentId}`));
	}

	close(): void {
		clearInterval(this.headCheck);
		for (const stop of this.stops) stop();
		for (const room of [...this.rooms.values()]) this.detach(room);
	}

	private receive(room: Room, data: Uint8Array): void {
		let message: RelayMessage;
		try {
			message = decodeRelayMessage(data);
		} catch (error) {
			log.warn('dropping a malformed relay message', { documentId: room.documentId, error });
			return;
		}
		// Redis sends a publisher its own messages too when it subscribes.
		if (message.processId === this.cluster.processId) return;
		switch (message.type) {
			case UPDATE:
				room.receiveRemoteUpdate(message.from, message.to, message.update);
				break;
			case AWARENESS:
				this.cluster.watch(message.processId);
				room.receiveRemoteAwareness(message.processId, message.update);
				break;
			case QUERY_AWARENESS:
				this.republishAwareness(room);
				break;
		}
	}

	private republishAwareness(room: Room): void {
		if (room.state !== 'ready') return;
		const update = room.localAwareness();
		if (update) this.link(room.documentId).publishAwareness(update);
	}

	private async checkHeads(): Promise<void> {
		if (this.checking || this.rooms.size === 0) return;
		this.checking = true;
		try {
			// One query for every open room, however many there are.
			const heads = await this.deps.store.heads([...this.rooms.keys()]);
			for (const [documentId, head] of heads) this.rooms.get(documentId)?.checkHead(head);
		} catch (error) {
			log.warn('checking document heads failed', { error });
		} finally {
			this.checking = false;
		}
	}
}
