import {
	observeRemoteItems,
	openClients,
	type BenchClient,
	type ConnectionCounts
} from '../clients';
import { LatencyRecorder } from '../latency';
import type { BenchOptions } from '../options';
import {
	deliveryFigures,
	LoadWindow,
	peakRssFigure,
	waitUntil,
	type Figure,
	type Scenario
} from '../scenario';
import { readRssMb } from '../process-stats';
import { sleep, type RoomAddress } from '../servers';

/** How often the write scheduler wakes; writes due meanwhile go out together. */
const TICK_MS = 2;

export interface MeasuredWindow {
	close(): Figure[] | Promise<Figure[]>;
}

/** What the rooms load runs against: documents made already, and where each client connects. */
export interface RoomLoad {
	roomIds: string[];
	/** Where client `slot` (0 … clients per room − 1) of room number `room` connects. */
	addressOf(room: number, slot: number): RoomAddress;
	options: BenchOptions;
	clients: BenchClient[];
	counts: ConnectionCounts;
	/** Opened when the first write is due, closed after the last: the server side's figures. */
	openWindow(): MeasuredWindow | Promise<MeasuredWindow>;
}

/**
 * Many small rooms: every room's `clientsPerRoom` clients each insert a
 * timestamp once per interval. Start times are spread evenly over the
 * interval, so the servers see a steady stream, not bursts. Returns the
 * delivery figures, then the window's.
 */
export async function driveRooms(
	load: RoomLoad
): Promise<{ figures: Figure[]; connectMs: number; writes: number }> {
	const { roomIds, options, clients, counts } = load;
	const { clientsPerRoom, intervalMs, durationMs } = options.rooms;
	const addresses = roomIds.flatMap((_, room) =>
		Array.from({ length: clientsPerRoom }, (_, slot) => load.addressOf(room, slot))
	);
	const connectStart = performance.now();
	await openClients(addresses, {
		batch: options.connectBatch,
		awareness: options.awareness,
		counts,
		into: clients
	});
	const connectMs = performance.now() - connectStart;

	const rounds = Math.floor(durationMs / intervalMs);
	const writes = rounds * clients.length;
	const expected = writes * (clientsPerRoom - 1);
	const latency = new LatencyRecorder(expected);
	let delivered = 0;
	for (const client of clients) {
		observeRemoteItems(client, (sentAt, receivedAt) => {
			delivered++;
			latency.record(receivedAt - sentAt);
		});
	}
	await sleep(1000);

	// Write number w is due at start + w * gap and comes from writers[w mod n]. The
	// order walks all rooms once per client slot, so a room's clients write half an
	// interval apart (with two per room) rather than back to back.
	const writers = Array.from({ length: clientsPerRoom }, (_, slot) =>
		roomIds.map((_, r) => clients[r * clientsPerRoom + slot])
	).flat();
	const gap = intervalMs / writers.length;

	const window = await load.openWindow();
	const start = performance.now();
	let next = 0;
	while (next < writes) {
		const now = performance.now();
		while (next < writes && start + next * gap <= now) {
			writers[next % writers.length].items.push([performance.now()]);
			next++;
		}
		await sleep(TICK_MS);
	}
	const loadFigures = await window.close();
	await waitUntil(() => delivered >= expected, options.drainMs);
	return {
		figures: [...deliveryFigures(delivered, expected, latency.summarize()), ...loadFigures],
		connectMs,
		writes
	};
}

/** The rooms load against one server, side by side with the reference. */
export const runRooms: Scenario = async ({ server, options, clients, counts }) => {
	const { rooms, intervalMs, durationMs } = options.rooms;
	// A fresh process that has started and holds nothing open yet.
	const idleRssMb = readRssMb(server.pid);
	const roomIds = await server.prepareRooms(rooms);
	const result = await driveRooms({
		roomIds,
		addressOf: (room) => server.address(roomIds[room]),
		options,
		clients,
		counts,
		openWindow: () => new LoadWindow(server)
	});
	return {
		figures: [
			...result.figures,
			{ figure: 'server idle RSS', unit: 'MB', value: idleRssMb, better: 'lower' },
			peakRssFigure(server),
			{ figure: 'connect all clients', unit: 's', value: result.connectMs / 1000, better: 'lower' }
		],
		details: { rooms, clients: clients.length, writes: result.writes, intervalMs, durationMs }
	};
};
