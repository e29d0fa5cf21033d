// Loaded with --import into a server under test by `npm run bench -- --memory-trace`:
// once a second it appends one JSON line to $BENCH_MEMORY_TRACE with where the
// process's resident memory is (process.memoryUsage() and /proc/self/smaps).
// Reading smaps costs a few milliseconds, so latency figures of a traced run
// are not comparable with an untraced one.
import fs from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

const file = process.env.BENCH_MEMORY_TRACE;
const MB = 1024 * 1024;

/**
 * Resident kB by kind of mapping. PGlite's WebAssembly memory is the one
 * anonymous mapping of 64 MB or more (its current size; growing it maps a
 * larger one and copies), of which only touched pages are resident.
 */
function readSmaps() {
	const totals = { wasm: 0, wasmSize: 0, heap: 0, anon: 0, file: 0 };
	let kind = 'file';
	for (const line of fs.readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
		const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
		if (head) {
			const size = parseInt(head[2], 16) - parseInt(head[1], 16);
			const name = head[3];
			if (name === '[heap]') kind = 'heap';
			else if (name === '' && size >= 64 * MB) {
				kind = 'wasm';
				totals.wasmSize += size / 1024;
			} else if (name === '' || name.startsWith('[')) kind = 'anon';
			else kind = 'file';
			continue;
		}
		const rss = /^Rss:\s+(\d+) kB/.exec(line);
		if (rss) totals[kind] += Number(rss[1]);
	}
	return totals;
}

if (file) {
	const delay = monitorEventLoopDelay({ resolution: 10 });
	delay.enable();
	let gcMs = 0;
	let gcMax = 0;
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) {
			gcMs += entry.duration;
			gcMax = Math.max(gcMax, entry.duration);
		}
	}).observe({ entryTypes: ['gc'] });
	const started = performance.now();
	const timer = setInterval(() => {
		const usage = process.memoryUsage();
		const smaps = readSmaps();
		const status = fs.readFileSync('/proc/self/status', 'utf8');
		const rss = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
		const line = {
			t: Math.round(performance.now() - started),
			rssMb: +(rss / 1024).toFixed(1),
			heapTotalMb: +(usage.heapTotal / MB).toFixed(1),
			heapUsedMb: +(usage.heapUsed / MB).toFixed(1),
			externalMb: +(usage.external / MB).toFixed(1),
			arrayBuffersMb: +(usage.arrayBuffers / MB).toFixed(1),
			wasmResidentMb: +(smaps.wasm / 1024).toFixed(1),
			wasmSizeMb: +(smaps.wasmSize / 1024).toFixed(1),
			mallocHeapMb: +(smaps.heap / 1024).toFixed(1),
			otherAnonMb: +(smaps.anon / 1024).toFixed(1),
			fileMb: +(smaps.file / 1024).toFixed(1),
			loopDelayP99Ms: +(delay.percentile(99) / 1e6).toFixed(1),
			loopDelayMaxMs: +(delay.max / 1e6).toFixed(1),
			gcMs: +gcMs.toFixed(1),
			gcMaxMs: +gcMax.toFixed(1)
		};
		delay.reset();
		gcMs = 0;
		gcMax = 0;
		fs.appendFileSync(file, JSON.stringify(line) + '\n');
	}, 1000);
	timer.unref();
}
