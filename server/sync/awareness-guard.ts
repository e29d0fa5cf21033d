import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { ProtocolError } from './protocol';

/**
 * Presence belongs to the authenticated person. A y-protocols awareness
 * update carries entries (client id, clock, JSON state) for any client ids
 * the sender likes, so the server decides what each entry may say before it
 * is applied and relayed:
 *
 * - a client id belongs to the first connection that announces it; another
 *   person's connection may not set or remove it (the same person's other
 *   connection may take it over with a newer state: that is a reconnect);
 * - a connection announces at most MAX_CLIENTS_PER_CONNECTION ids and each
 *   state is at most MAX_STATE_BYTES of JSON;
 * - `user.id` and `user.name` are the session's, whatever the client wrote;
 *   of `user` the client chooses only its colour.
 */

/** A provider announces one id; a couple more cover a page that recreated its document. */
export const MAX_CLIENTS_PER_CONNECTION = 4;
/** A caret, a selection or a viewport take a few hundred bytes; this leaves room for all at once. */
export const MAX_STATE_BYTES = 8 * 1024;

export interface AwarenessEntry {
	clientId: number;
	clock: number;
	/** The state's JSON text; "null" removes the client. */
	json: string;
}

export function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
	try {
		const decoder = decoding.createDecoder(update);
		const count = decoding.readVarUint(decoder);
		const entries: AwarenessEntry[] = [];
		for (let i = 0; i < count; i++) {
			entries.push({
				clientId: decoding.readVarUint(decoder),
				clock: decoding.readVarUint(decoder),
				json: decoding.readVarString(decoder)
			});
		}
		if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes in awareness update');
		return entries;
	} catch (error) {
		if (error instanceof ProtocolError) throw error;
		throw new ProtocolError(`malformed awareness update: ${(error as Error).message}`);
	}
}

export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const entry of entries) {
		encoding.writeVarUint(encoder, entry.clientId);
		encoding.writeVarUint(encoder, entry.clock);
		encoding.writeVarString(encoder, entry.json);
	}
	return encoding.toUint8Array(encoder);
}

const COLOR = /^#[0-9a-f]{6}$/i;

/**
 * Rewrites a state so its identity is the session's. Returns null when the
 * JSON is not an object (or null): such an entry is dropped.
 */
export function stampIdentity(json: string, user: { id: string; name: string }): string | null {
	let state: unknown;
	try {
		state = JSON.parse(json);
	} catch {
		return null;
	}
	if (state === null) return 'null';
	if (typeof state !== 'object' || Array.isArray(state)) return null;
	const claimed = (state as { user?: unknown }).user;
	const color =
		typeof claimed === 'object' && claimed !== null
			? (claimed as { color?: unknown }).color
			: undefined;
	return JSON.stringify({
		...(state as Record<string, unknown>),
		user: {
			id: user.id,
			name: user.name,
			...(typeof color === 'string' && COLOR.test(color) ? { color } : {})
		}
	});
}

/** Who holds each awareness client id in a room, as far as the guard is concerned. */
export interface AwarenessOwner {
	user: { id: string; name: string };
	awarenessClients: Set<number>;
}

/**
 * The entries of `update` that `sender` may write, rewritten with its
 * identity, and how many broke the rules (for the log).
 *
 * Stock providers send back every awareness change they receive, so most
 * entries for other connections' ids are echoes at the clock the server
 * already holds: those are skipped silently. Only a newer entry for an id of
 * the same person counts as theirs (a reconnect, or a tab relaying its
 * sibling over BroadcastChannel); a newer one for someone else's id is a
 * forgery.
 */
export function admitAwareness<C extends AwarenessOwner>(
	update: Uint8Array,
	sender: C,
	owners: Map<number, C>,
	clockOf: (clientId: number) => number | undefined
): { entries: AwarenessEntry[]; dropped: number } {
	const admitted: AwarenessEntry[] = [];
	let dropped = 0;
	for (const entry of decodeAwarenessEntries(update)) {
		const owner = owners.get(entry.clientId);
		if (owner && owner !== sender) {
			const newer = entry.clock > (clockOf(entry.clientId) ?? -1);
			if (!newer) continue;
			if (owner.user.id !== sender.user.id) {
				dropped++;
				continue;
			}
		}
		if (entry.json === 'null') {
			// A removal: only of an id this person holds; of an unknown id it would change nothing.
			if (!owner) continue;
			owner.awarenessClients.delete(entry.clientId);
			owners.delete(entry.clientId);
			admitted.push(entry);
			continue;
		}
		const isNew = owner !== sender;
		if (isNew && sender.awarenessClients.size >= MAX_CLIENTS_PER_CONNECTION) {
			dropped++;
			continue;
		}
		const json =
			entry.json.length > MAX_STATE_BYTES ? null : stampIdentity(entry.json, sender.user);
		if (json === null || json === 'null') {
			dropped++;
			continue;
		}
		if (owner && owner !== sender) owner.awarenessClients.delete(entry.clientId);
		owners.set(entry.clientId, sender);
		sender.awarenessClients.add(entry.clientId);
		admitted.push({ ...entry, json });
	}
	return { entries: admitted, dropped };
}
