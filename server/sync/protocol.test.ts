import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { encodeSyncStep1, encodeUpdate, ProtocolError, readMessage } from './protocol';

function syncMessage(sub: number, payload: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint(encoder, sub);
	encoding.writeVarUint8Array(encoder, payload);
	return encoding.toUint8Array(encoder);
}

describe('protocol', () => {
	it('reads the messages a stock client sends', () => {
		const doc = new Y.Doc();
		doc.getText('t').insert(0, 'hi');
		expect(readMessage(encodeSyncStep1(doc)).type).toBe('sync-step-1');
		const update = readMessage(encodeUpdate(Y.encodeStateAsUpdate(doc)));
		expect(update.type).toBe('update');
	});

	it('rejects unknown types, truncated payloads, trailing bytes and garbage updates', () => {
		expect(() => readMessage(new Uint8Array([]))).toThrow(ProtocolError);
		expect(() => readMessage(new Uint8Array([7, 1, 2]))).toThrow(ProtocolError);
		expect(() => readMessage(new Uint8Array([0, 2, 50, 1]))).toThrow(ProtocolError);
		const doc = new Y.Doc();
		doc.getText('t').insert(0, 'hi');
		const valid = encodeUpdate(Y.encodeStateAsUpdate(doc));
		expect(() => readMessage(new Uint8Array([...valid, 0]))).toThrow(ProtocolError);
		expect(() => readMessage(syncMessage(2, new Uint8Array([200, 1, 255, 255, 255, 3])))).toThrow(
			ProtocolError
		);
		expect(() => readMessage(syncMessage(9, new Uint8Array([0])))).toThrow(ProtocolError);
	});
});
