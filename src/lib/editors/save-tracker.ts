import * as decoding from 'lib0/decoding';
import type * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';

/** Opsloom's sync extension (see server/sync/protocol.ts): the server's durable state vector for this connection. */
export const MESSAGE_SAVED = 100;
const MESSAGE_SYNC = 0;
const SYNC_STEP_1 = 0;

type MessageHandler = (
	encoder: encoding.Encoder,
	decoder: decoding.Decoder,
	provider: WebsocketProvider,
	emitSynced: boolean,
	messageType: number
) => void;

/**
 * Knows whether this tab's own edits are durably stored on the server.
 *
 * Our edits carry our client id, so they are saved once the server has
 * confirmed a clock for that id at least as high as ours. Two sources confirm:
 * the type-100 acks (sent only for updates that changed the server's copy),
 * and the state vector in the server's sync step 1 on (re)connect, which
 * covers edits an earlier connection already delivered. Without the second,
 * a reconnect that re-sends nothing new would never be acked.
 */
export class SaveTracker {
	private confirmedClock = 0;
	private listeners = new Set<(pending: boolean) => void>();
	private lastPending = false;

	constructor(
		private readonly doc: Y.Doc,
		provider: WebsocketProvider
	) {
		// messageHandlers is copied per provider in y-websocket 3, so this does not leak into other providers.
		const handlers = provider.messageHandlers as unknown as MessageHandler[];
		handlers[MESSAGE_SAVED] = (_encoder, decoder) => {
			// Writing nothing to the encoder: y-websocket only replies when the encoder has content.
			this.confirm(Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
		};
		const handleSync = handlers[MESSAGE_SYNC];
		handlers[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced, messageType) => {
			const peek = decoding.clone(decoder);
			if (decoding.readVarUint(peek) === SYNC_STEP_1) {
				this.confirm(Y.decodeStateVector(decoding.readVarUint8Array(peek)));
			}
			handleSync(encoder, decoder, p, emitSynced, messageType);
		};
		// afterTransaction, not 'update': the update's bytes are not needed, only that our clock may have moved.
		doc.on('afterTransaction', this.onUpdate);
	}

	/** True while some of our edits are not yet confirmed as stored. */
	get pending(): boolean {
		return Y.getState(this.doc.store, this.doc.clientID) > this.confirmedClock;
	}

	subscribe(listener: (pending: boolean) => void): () => void {
		this.listeners.add(listener);
		listener(this.pending);
		return () => this.listeners.delete(listener);
	}

	destroy(): void {
		this.doc.off('afterTransaction', this.onUpdate);
		this.listeners.clear();
	}

	private confirm(stateVector: Map<number, number>): void {
		const clock = stateVector.get(this.doc.clientID) ?? 0;
		if (clock > this.confirmedClock) this.confirmedClock = clock;
		this.notify();
	}

	private onUpdate = () => this.notify();

	private notify(): void {
		const pending = this.pending;
		if (pending === this.lastPending) return;
		this.lastPending = pending;
		for (const listener of this.listeners) listener(pending);
	}
}
