import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import {
	MESSAGE_AUTH,
	MESSAGE_AWARENESS,
	MESSAGE_QUERY_AWARENESS,
	MESSAGE_SYNC,
	SYNC_STEP_1,
	SYNC_STEP_2,
	SYNC_UPDATE
} from '../../server/sync/protocol';

/**
 * Hostile traffic for the sync server: random, mutated and well-formed but
 * nonsensical y-protocols frames from several sockets at once. Deterministic
 * for a seed, so a failure can be replayed (`npm run fuzz -- --seed N`).
 */

/** mulberry32: small, fast, good enough to pick mutations. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function frame(type: number, write: (e: encoding.Encoder) => void): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, type);
	write(e);
	return encoding.toUint8Array(e);
}

/** A pool of valid updates to mutate: text, maps, deletions, from clients the server does or does not know. */
function sampleUpdates(random: () => number): Uint8Array[] {
	const samples: Uint8Array[] = [];
	for (let i = 0; i < 8; i++) {
		const doc = new Y.Doc();
		doc.clientID = Math.floor(random() * 2 ** 31);
		doc.getText('notes').insert(0, 'fuzz '.repeat(1 + (i % 4)));
		doc.getMap('meta').set('k' + i, { nested: [i, 'x'] });
		const xml = doc.getXmlFragment('content');
		xml.insert(0, [new Y.XmlElement('paragraph')]);
		const before = Y.encodeStateVector(doc);
		doc.getText('notes').delete(0, 2);
		samples.push(Y.encodeStateAsUpdate(doc), Y.encodeStateAsUpdate(doc, before));
	}
	return samples;
}

function mutate(bytes: Uint8Array, random: () => number): Uint8Array {
	const out = Uint8Array.from(bytes);
	const kind = Math.floor(random() * 5);
	if (kind === 0 && out.length > 1) return out.slice(0, Math.floor(random() * out.length)); // truncate
	if (kind === 1) {
		// Lengths and counts near the varint limits.
		const junk = frame(0, (e) => encoding.writeVarUint(e, Math.floor(random() * 2 ** 32)));
		const joined = new Uint8Array(out.length + junk.length);
		joined.set(out);
		joined.set(junk, out.length);
		return joined;
	}
	const flips = 1 + Math.floor(random() * 4);
	for (let i = 0; i < flips && out.length > 0; i++) {
		out[Math.floor(random() * out.length)] = Math.floor(random() * 256);
	}
	return out;
}

/** One hostile frame. */
export function fuzzFrame(random: () => number, updates: Uint8Array[]): Uint8Array {
	const update = updates[Math.floor(random() * updates.length)];
	switch (Math.floor(random() * 10)) {
		case 0: {
			const junk = new Uint8Array(Math.floor(random() * 64));
			for (let i = 0; i < junk.length; i++) junk[i] = Math.floor(random() * 256);
			return junk;
		}
		case 1:
			return frame(MESSAGE_SYNC, (e) => {
				encoding.writeVarUint(e, SYNC_UPDATE);
				encoding.writeVarUint8Array(e, mutate(update, random));
			});
		case 2:
			return frame(MESSAGE_SYNC, (e) => {
				encoding.writeVarUint(e, random() < 0.5 ? SYNC_UPDATE : SYNC_STEP_2);
				encoding.writeVarUint8Array(e, update);
			});
		case 3:
			return frame(MESSAGE_SYNC, (e) => {
				encoding.writeVarUint(e, SYNC_STEP_1);
				// A state vector claiming random clocks for random clients.
				const sv = encoding.createEncoder();
				const n = Math.floor(random() * 4);
				encoding.writeVarUint(sv, n);
				for (let i = 0; i < n; i++) {
					encoding.writeVarUint(sv, Math.floor(random() * 2 ** 31));
					encoding.writeVarUint(sv, Math.floor(random() * 1000));
				}
				encoding.writeVarUint8Array(e, encoding.toUint8Array(sv));
			});
		case 4:
		case 5:
			return frame(MESSAGE_AWARENESS, (e) => {
				const a = encoding.createEncoder();
				const n = 1 + Math.floor(random() * 6);
				encoding.writeVarUint(a, n);
				for (let i = 0; i < n; i++) {
					encoding.writeVarUint(a, Math.floor(random() * 2 ** 31));
					encoding.writeVarUint(a, Math.floor(random() * 100));
					const states = [
						'null',
						'{}',
						'{"user":{"id":"x","name":"forged"}}',
						'[1,2]',
						'"s"',
						'{"cursor":',
						'{"ready":true}'
					];
					encoding.writeVarString(a, states[Math.floor(random() * states.length)]);
				}
				encoding.writeVarUint8Array(e, encoding.toUint8Array(a));
			});
		case 6:
			return mutate(
				frame(MESSAGE_AWARENESS, (e) =>
					encoding.writeVarUint8Array(e, new Uint8Array([1, 5, 1, 2, 123, 125]))
				),
				random
			);
		case 7:
			return frame(random() < 0.5 ? MESSAGE_QUERY_AWARENESS : MESSAGE_AUTH, () => {});
		case 8:
			return frame(Math.floor(random() * 300), (e) => encoding.writeVarUint(e, 1));
		default:
			return mutate(
				frame(MESSAGE_SYNC, (e) => {
					encoding.writeVarUint(e, SYNC_UPDATE);
					encoding.writeVarUint8Array(e, update);
				}),
				random
			);
	}
}

const QUERY_AWARENESS = frame(MESSAGE_QUERY_AWARENESS, () => {});

export interface FuzzOptions {
	/** ws://host:port/sync/<documentId>?token=… for each attacking socket. */
	urls: string[];
	frames: number;
	seed: number;
}

export interface FuzzStats {
	sent: number;
	/** Times the server closed an attacking socket (for a malformed frame, mostly), which then reconnected. */
	closedByServer: number;
}

/** Sends `frames` hostile frames spread over the sockets, reconnecting whatever the server closes. */
export async function runSyncFuzz(options: FuzzOptions): Promise<FuzzStats> {
	const random = prng(options.seed);
	const updates = sampleUpdates(random);
	const stats: FuzzStats = { sent: 0, closedByServer: 0 };
	const perSocket = Math.ceil(options.frames / options.urls.length);

	const attack = async (url: string, quota: number) => {
		let left = quota;
		while (left > 0) {
			const ws = new WebSocket(url);
			let replied: (() => void) | null = null;
			ws.on('message', () => replied?.());
			const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
			ws.once('error', () => {});
			const opened = await new Promise<boolean>((resolve) => {
				ws.once('open', () => resolve(true));
				ws.once('close', () => resolve(false));
			});
			if (!opened) throw new Error(`the server refused an attacking socket at ${url}`);
			let open = true;
			void closed.then(() => {
				open = false;
				replied?.();
			});
			// A few frames, then a query the server answers once it has read them
			// all, so every frame sent is one the server actually handled.
			while (open && left > 0) {
				const burst = Math.min(left, 1 + Math.floor(random() * 8));
				for (let i = 0; i < burst; i++) ws.send(fuzzFrame(random, updates));
				left -= burst;
				stats.sent += burst;
				const answered = new Promise<void>((resolve) => (replied = resolve));
				ws.send(QUERY_AWARENESS);
				await answered;
				replied = null;
			}
			if (open) ws.close();
			else stats.closedByServer++;
			await closed;
		}
	};
	await Promise.all(options.urls.map((url) => attack(url, perSocket)));
	return stats;
}
