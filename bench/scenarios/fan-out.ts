import { observeRemoteItems, openClients } from '../clients';
import { LatencyRecorder } from '../latency';
import { deliveryFigures, LoadWindow, peakRssFigure, waitUntil, type Scenario } from '../scenario';
import { sleep } from '../servers';

/**
 * One document, one writer inserting a timestamp `rate` times a second, and
 * `receivers` clients following along. Latency is receive time minus the
 * writer's send time (one process, one clock).
 */
export const runFanOut: Scenario = async ({ server, options, clients, counts }) => {
	const { receivers, rate, durationMs } = options.fanOut;
	const [room] = await server.prepareRooms(1);
	const address = server.address(room);
	const connectStart = performance.now();
	await openClients(
		Array.from({ length: receivers + 1 }, () => address),
		{
			batch: options.connectBatch,
			awareness: options.awareness,
			counts,
			into: clients
		}
	);
	const connectMs = performance.now() - connectStart;
	const [writer, ...readers] = clients;

	const writes = Math.floor((durationMs / 1000) * rate);
	const expected = writes * readers.length;
	const latency = new LatencyRecorder(expected);
	let delivered = 0;
	for (const reader of readers) {
		observeRemoteItems(reader, (sentAt, receivedAt) => {
			delivered++;
			latency.record(receivedAt - sentAt);
		});
	}
	// Let connection set-up traffic die down before measuring.
	await sleep(1000);

	const window = new LoadWindow(server);
	const period = 1000 / rate;
	const start = performance.now();
	for (let i = 0; i < writes; i++) {
		const wait = start + i * period - performance.now();
		if (wait > 0) await sleep(wait);
		writer.items.push([performance.now()]);
	}
	const loadFigures = window.close();
	await waitUntil(() => delivered >= expected, options.drainMs);

	return {
		figures: [
			...deliveryFigures(delivered, expected, latency.summarize()),
			...loadFigures,
			peakRssFigure(server)
		],
		details: { receivers: readers.length, writes, rate, durationMs, connectMs }
	};
};
