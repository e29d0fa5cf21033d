import fs from 'node:fs';
import path from 'node:path';
import {
	closeClients,
	openClient,
	openClients,
	type BenchClient,
	type ConnectionCounts
} from '../clients';
import { CpuWindow, readPeakRssMb } from '../process-stats';
import { waitUntil, type Figure, type Scenario } from '../scenario';
import { sleep, type BenchServer } from '../servers';

/**
 * The history is typing: one character per transaction into a Y.Text. (Not
 * Y.Array pushes: Yjs applies 10,000 of those in one transaction, as a
 * LevelDB load does, in seconds rather than ~0.1 s, which would measure a Yjs
 * corner case instead of the servers.)
 */
const HISTORY = 'history';
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** The writer may run this many updates ahead of what the observer has received. */
const MAX_IN_FLIGHT = 2000;
const INGEST_TIMEOUT_MS = 180_000;
const LOAD_TIMEOUT_MS = 60_000;

/**
 * Documents with a long history: a client types `updates` characters, each
 * its own transaction (so its own update message and stored update), a second client confirms the server relayed them all; then,
 * for half of the documents, the server restarts on the same storage and a
 * fresh client opens one at once; then, on that running server, a fresh
 * client opens each of the others (not in memory: written before the restarts).
 * Measured: time from creating the provider until `synced`, and until the doc
 * holds all the text (the reference server answers sync before its LevelDB read
 * finishes, so the two differ there).
 */
export const runColdLoad: Scenario = async ({ server, options, clients, counts }) => {
	const { updates, repeats } = options.coldLoad;
	// Each load needs a document that was never loaded since it was written: the
	// reference server folds a long log into one entry on its first load, so a
	// second load of the same document would measure something else.
	// Half are opened right after a restart, half on the running server.
	const rooms = await server.prepareRooms(repeats * 2);
	const ingestMs: number[] = [];
	for (const room of rooms) {
		ingestMs.push(await writeHistory(server, room, updates, options.awareness, counts, clients));
	}

	const runs: { syncedMs: number; loadedMs: number; cpuPercent: number; peakRssMb: number }[] = [];
	for (const room of rooms.slice(0, repeats)) {
		runs.push(await loadOnce(server, room, updates, options.awareness, counts, clients, true));
	}
	// Warm: the same process, up a while and with other documents loaded before.
	const warm: typeof runs = [];
	for (const room of rooms.slice(repeats)) {
		await sleep(1000);
		warm.push(await loadOnce(server, room, updates, options.awareness, counts, clients, false));
	}
	const syncedMs = median(runs.map((run) => run.syncedMs));
	const loadedMs = median(runs.map((run) => run.loadedMs));
	const figures: Figure[] = [
		{
			figure: 'load after restart, all text (median)',
			unit: 'ms',
			value: loadedMs,
			better: 'lower'
		},
		{
			figure: "load after restart, 'synced' (median)",
			unit: 'ms',
			value: syncedMs,
			better: 'lower'
		},
		{
			figure: 'load on running server, all text (median)',
			unit: 'ms',
			value: median(warm.map((run) => run.loadedMs)),
			better: 'lower'
		},
		{
			figure: 'server CPU while loading',
			unit: '% core',
			value: median(runs.map((run) => run.cpuPercent)),
			better: 'lower'
		},
		{
			figure: 'server peak RSS',
			unit: 'MB',
			value: Math.max(...runs.map((run) => run.peakRssMb)),
			better: 'lower'
		},
		{
			figure: `write history (${updates} updates)`,
			unit: 's',
			value: median(ingestMs) / 1000,
			better: 'lower'
		}
	];
	return { figures, details: { updates, repeats, runs, warm, ingestMs } };
};

/** Writes `updates` separate transactions and waits until a second client has them all. */
async function writeHistory(
	server: BenchServer,
	room: string,
	updates: number,
	awareness: boolean,
	counts: ConnectionCounts,
	clients: BenchClient[]
): Promise<number> {
	const address = server.address(room);
	const [writer, observer] = await openClients([address, address], {
		batch: 2,
		awareness,
		counts,
		into: clients
	});
	const written = writer.doc.getText(HISTORY);
	const received = observer.doc.getText(HISTORY);
	let observed = 0;
	observer.doc.on('update', () => (observed = received.length));
	const start = performance.now();
	for (let i = 0; i < updates; i++) {
		written.insert(i, LETTERS[i % LETTERS.length]);
		if (i % 100 === 99) {
			// Keep the socket buffers bounded and give the server room to breathe.
			await new Promise((r) => setImmediate(r));
			while (i + 1 - observed > MAX_IN_FLIGHT) await sleep(5);
		}
	}
	if (!(await waitUntil(() => observed >= updates, INGEST_TIMEOUT_MS))) {
		throw new Error(`the observer received ${observed} of ${updates} updates`);
	}
	const elapsed = performance.now() - start;
	// Ours commits before it relays; the reference writes LevelDB after relaying,
	// so wait until its files stop changing before pulling the plug.
	if (server.kind === 'reference') await waitForQuietFolder(server.storageDir, 1000, 30_000);
	closeClients(clients);
	return elapsed;
}

async function loadOnce(
	server: BenchServer,
	room: string,
	updates: number,
	awareness: boolean,
	counts: ConnectionCounts,
	clients: BenchClient[],
	restart: boolean
) {
	// No pause after the restart: a person who opens a document right after one does not wait either.
	if (restart) await server.restart();
	const cpu = new CpuWindow(server.pid);
	const start = performance.now();
	const client = openClient(server.address(room), awareness, counts);
	clients.push(client);
	let syncedAt = NaN;
	let loadedAt = NaN;
	client.provider.on('sync', (synced) => {
		if (synced && Number.isNaN(syncedAt)) syncedAt = performance.now();
	});
	const text = client.doc.getText(HISTORY);
	client.doc.on('update', () => {
		if (Number.isNaN(loadedAt) && text.length >= updates) loadedAt = performance.now();
	});
	const loaded = await waitUntil(
		() => !Number.isNaN(loadedAt) && !Number.isNaN(syncedAt),
		LOAD_TIMEOUT_MS
	);
	if (!loaded) {
		throw new Error(
			`a fresh client got ${text.length} of ${updates} characters within ${LOAD_TIMEOUT_MS} ms`
		);
	}
	const result = {
		syncedMs: syncedAt - start,
		loadedMs: loadedAt - start,
		cpuPercent: cpu.percent(),
		peakRssMb: readPeakRssMb(server.pid)
	};
	closeClients(clients);
	return result;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Sizes and modification times of every file below `dir`, as one comparable string. */
function describeFolder(dir: string): string {
	const parts: string[] = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
		if (!entry.isFile()) continue;
		// LevelDB deletes files while compacting; a vanished file is a change too.
		const stat = fs.statSync(path.join(entry.parentPath, entry.name), { throwIfNoEntry: false });
		parts.push(`${entry.parentPath}/${entry.name}:${stat?.size}:${stat?.mtimeMs}`);
	}
	return parts.sort().join('|');
}

async function waitForQuietFolder(dir: string, quietMs: number, timeoutMs: number): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	let last = describeFolder(dir);
	let since = performance.now();
	while (performance.now() - since < quietMs) {
		if (performance.now() > deadline) throw new Error(`${dir} kept changing for ${timeoutMs} ms`);
		await sleep(100);
		const now = describeFolder(dir);
		if (now !== last) {
			last = now;
			since = performance.now();
		}
	}
}
