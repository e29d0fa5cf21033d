import { observeRemoteItems, openClients } from '../clients';
import { LatencyRecorder } from '../latency';
import { deliveryFigures, LoadWindow, peakRssFigure, waitUntil, type Scenario } from '../scenario';
import { readRssMb } from '../process-stats';
import { sleep } from '../servers';

/** How often the write scheduler wakes; writes due meanwhile go out together. */
const TICK_MS = 2;

/**
 * Many small rooms: `rooms` documents with `clientsPerRoom` clients each, every
 * client inserting a timestamp once per interval. Start times are spread
 * evenly over the interval, so the server sees a steady stream, not bursts.
 */
export const runRooms: Scenario = async ({ server, options, clients, counts }) => {
	const { rooms, clientsPerRoom, intervalMs, durationMs } = options.rooms;
	// A fresh process that has started and holds nothing open yet.
	const idleRssMb = readRssMb(server.pid);
	const roomIds = await server.prepareRooms(rooms);
	const addresses = roomIds.flatMap((room) =>
		Array.from({ length: clientsPerRoom }, () => server.address(room))
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

	const window = new LoadWindow(server);
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
	const loadFigures = window.close();
	await waitUntil(() => delivered >= expected, options.drainMs);

	return {
		figures: [
			...deliveryFigures(delivered, expected, latency.summarize()),
			...loadFigures,
			{ figure: 'server idle RSS', unit: 'MB', value: idleRssMb, better: 'lower' },
			peakRssFigure(server),
			{ figure: 'connect all clients', unit: 's', value: connectMs / 1000, better: 'lower' }
		],
		details: { rooms, clients: clients.length, writes, intervalMs, durationMs }
	};
};
