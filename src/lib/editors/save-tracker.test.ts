import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { MESSAGE_SAVED, SaveTracker } from './save-tracker';

type Handler = (
	encoder: encoding.Encoder,
	decoder: decoding.Decoder,
	provider: unknown,
	emitSynced: boolean,
	messageType: number
) => void;

/** Just enough of a provider: the per-provider handler table y-websocket 3 dispatches on. */
function fakeProvider() {
	const seenSync: number[] = [];
	const handlers: Handler[] = [];
	handlers[0] = (_e, decoder) => {
		seenSync.push(decoding.readVarUint(decoder));
		decoding.readVarUint8Array(decoder);
	};
	return {
		provider: { messageHandlers: handlers } as unknown as WebsocketProvider,
		handlers,
		seenSync
	};
}

function deliver(
	handlers: Handler[],
	build: (encoder: encoding.Encoder) => void
): encoding.Encoder {
	const message = encoding.createEncoder();
	build(message);
	const decoder = decoding.createDecoder(encoding.toUint8Array(message));
	const type = decoding.readVarUint(decoder);
	const reply = encoding.createEncoder();
	handlers[type](reply, decoder, null, true, type);
	return reply;
}

describe('SaveTracker', () => {
	it('is pending after a local edit until the server acks our clock', () => {
		const doc = new Y.Doc();
		const { provider, handlers } = fakeProvider();
		const tracker = new SaveTracker(doc, provider);
		const states: boolean[] = [];
		tracker.subscribe((pending) => states.push(pending));

		doc.getText('t').insert(0, 'hello');
		expect(tracker.pending).toBe(true);

		const partial = new Map([[doc.clientID, 2]]);
		const reply = deliver(handlers, (e) => {
			encoding.writeVarUint(e, MESSAGE_SAVED);
			encoding.writeVarUint8Array(e, Y.encodeStateVector(partial));
		});
		expect(encoding.length(reply)).toBe(0);
		expect(tracker.pending).toBe(true);

		deliver(handlers, (e) => {
			encoding.writeVarUint(e, MESSAGE_SAVED);
			encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
		});
		expect(tracker.pending).toBe(false);
		expect(states).toEqual([false, true, false]);
	});

	it('counts edits the server already had when it greets a reconnect', () => {
		const doc = new Y.Doc();
		const { provider, handlers, seenSync } = fakeProvider();
		const tracker = new SaveTracker(doc, provider);
		doc.getText('t').insert(0, 'typed offline');
		expect(tracker.pending).toBe(true);

		// Sync step 1 from the server, carrying its state vector; the stock handler must still run.
		deliver(handlers, (e) => {
			encoding.writeVarUint(e, 0);
			encoding.writeVarUint(e, 0);
			encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
		});
		expect(seenSync).toEqual([0]);
		expect(tracker.pending).toBe(false);
	});
});
