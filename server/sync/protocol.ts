import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';

/**
 * The y-websocket wire format, in one place. A message is a varUint type
 * followed by its payload; sync payloads are a varUint sub-type and a
 * varUint8Array (state vector or update).
 */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
/**
 * Opsloom's one extension, sent only to clients that connect with `acks=1`:
 * a state vector of the updates from this connection that are durably
 * committed. Stock clients never see it (they would log an unknown type).
 */
export const MESSAGE_SAVED = 100;

export const SYNC_STEP_1 = 0;
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

export type IncomingMessage =
	| { type: 'sync-step-1'; stateVector: Uint8Array }
	| { type: 'sync-step-2'; update: Uint8Array }
	| { type: 'update'; update: Uint8Array }
	| { type: 'awareness'; update: Uint8Array }
	| { type: 'query-awareness' }
	| { type: 'auth' };

export class ProtocolError extends Error {}

/** Parses one client message. Throws ProtocolError for anything that is not well-formed. */
export function readMessage(data: Uint8Array): IncomingMessage {
	try {
		const decoder = decoding.createDecoder(data);
		const type = decoding.readVarUint(decoder);
		let message: IncomingMessage;
		switch (type) {
			case MESSAGE_SYNC: {
				const sub = decoding.readVarUint(decoder);
				const payload = decoding.readVarUint8Array(decoder);
				if (sub === SYNC_STEP_1) {
					Y.decodeStateVector(payload); // throws when malformed
					message = { type: 'sync-step-1', stateVector: payload };
				} else if (sub === SYNC_STEP_2 || sub === SYNC_UPDATE) {
					// Decode the whole update before anything touches the document:
					// a half-applied malformed update would otherwise be persisted.
					Y.decodeUpdate(payload);
					message = { type: sub === SYNC_STEP_2 ? 'sync-step-2' : 'update', update: payload };
				} else {
					throw new ProtocolError(`unknown sync message type ${sub}`);
				}
				break;
			}
			case MESSAGE_AWARENESS:
				message = { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
				break;
			case MESSAGE_QUERY_AWARENESS:
				message = { type: 'query-awareness' };
				break;
			case MESSAGE_AUTH:
				message = { type: 'auth' };
				break;
			default:
				throw new ProtocolError(`unknown message type ${type}`);
		}
		if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after message');
		return message;
	} catch (error) {
		if (error instanceof ProtocolError) throw error;
		throw new ProtocolError(`malformed message: ${(error as Error).message}`);
	}
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, SYNC_STEP_1);
	encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc));
	return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, SYNC_STEP_2);
	encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc, stateVector));
	return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, SYNC_UPDATE);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

export function encodeAwarenessStates(
	awareness: awarenessProtocol.Awareness,
	clients: number[]
): Uint8Array {
	return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
}

export function encodeSaved(stateVector: Map<number, number>): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SAVED);
	encoding.writeVarUint8Array(encoder, Y.encodeStateVector(stateVector));
	return encoding.toUint8Array(encoder);
}
