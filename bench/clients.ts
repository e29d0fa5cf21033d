import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { RoomAddress } from './servers';
import { sleep } from './servers';

/** The shared type every scenario writes to: one number (a timestamp or a counter) per insert. */
export const ITEMS = 'bench';

export interface BenchClient {
	doc: Y.Doc;
	items: Y.Array<number>;
	provider: WebsocketProvider;
}

/** Connection trouble seen by the clients of one scenario run. */
export interface ConnectionCounts {
	errors: number;
	closes: number;
}

export function openClient(
	address: RoomAddress,
	awareness: boolean,
	counts: ConnectionCounts
): BenchClient {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(address.serverUrl, address.room, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		params: address.params,
		disableBc: true
	});
	// A null local state means the provider sends no awareness at all: the
	// scenarios measure document updates, and 500 tabs renewing awareness every
	// 15 s in one room would be O(n²) traffic of its own (see README).
	if (!awareness) provider.awareness.setLocalState(null);
	provider.on('connection-error', () => counts.errors++);
	provider.on('connection-close', (event) => {
		if (event) counts.closes++;
	});
	return { doc, items: doc.getArray<number>(ITEMS), provider };
}

export async function waitSynced(clients: BenchClient[], timeoutMs: number): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	for (;;) {
		let pending = 0;
		for (const client of clients) if (!client.provider.synced) pending++;
		if (pending === 0) return;
		if (performance.now() > deadline) {
			throw new Error(
				`${pending} of ${clients.length} clients did not sync within ${timeoutMs} ms`
			);
		}
		await sleep(20);
	}
}

/** Opens clients `batch` at a time, each batch synced before the next starts. */
export async function openClients(
	addresses: RoomAddress[],
	options: { batch: number; awareness: boolean; counts: ConnectionCounts; into: BenchClient[] }
): Promise<BenchClient[]> {
	const { into } = options;
	for (let i = 0; i < addresses.length; i += options.batch) {
		const batch = addresses
			.slice(i, i + options.batch)
			.map((address) => openClient(address, options.awareness, options.counts));
		into.push(...batch);
		await waitSynced(batch, 30_000);
	}
	return into;
}

export function closeClient(client: BenchClient): void {
	client.provider.destroy();
	// The provider leaves its awareness (and that one's timer) alive.
	client.provider.awareness.destroy();
	client.doc.destroy();
}

export function closeClients(clients: BenchClient[]): void {
	for (const client of clients.splice(0)) closeClient(client);
}

/**
 * Calls `onItem(value, receivedAt)` for every number another client inserted
 * into this client's array; the client's own inserts are skipped. The clock is
 * read once per received update, not per item.
 */
export function observeRemoteItems(
	client: BenchClient,
	onItem: (value: number, receivedAt: number) => void
): void {
	client.items.observe((event) => {
		if (event.transaction.local) return;
		const receivedAt = performance.now();
		for (const op of event.changes.delta) {
			if (op.insert) for (const value of op.insert as number[]) onItem(value, receivedAt);
		}
	});
}
