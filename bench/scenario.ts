import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { BenchClient, ConnectionCounts } from './clients';
import type { BenchOptions } from './options';
import {
	CpuWindow,
	OwnCpuWindow,
	readCpuMs,
	readMachineBusyMs,
	readPeakRssMb
} from './process-stats';
import { sleep, type BenchServer } from './servers';

export interface Figure {
	figure: string;
	unit: string;
	value: number;
	/** Which way is better, for the reader of the ratio; 'none' for context figures. */
	better: 'lower' | 'higher' | 'none';
	/** Shown instead of the bare value, e.g. "9,990 / 10,000". */
	display?: string;
}

export interface ScenarioResult {
	figures: Figure[];
	details: Record<string, unknown>;
}

/** What a scenario gets: a fresh server, the options, and a list to put its clients in (closed by the caller). */
export interface ScenarioContext {
	server: BenchServer;
	options: BenchOptions;
	clients: BenchClient[];
	counts: ConnectionCounts;
}

export type Scenario = (context: ScenarioContext) => Promise<ScenarioResult>;

/** Polls `done` every 10 ms until it holds or `timeoutMs` passes; returns whether it held. */
export async function waitUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
	const deadline = performance.now() + timeoutMs;
	while (!done()) {
		if (performance.now() > deadline) return false;
		await sleep(10);
	}
	return true;
}

/** Node's loop-delay histogram includes its own sampling interval; it is subtracted again below. */
const LOOP_RESOLUTION_MS = 5;

/**
 * The measured window of a load scenario: the server's CPU, the bench's own
 * CPU and event-loop delay. A bench that is itself saturated (own CPU near
 * 100 %, loop delay in the tens of ms) inflates the latencies it reports.
 */
export class LoadWindow {
	private serverCpu: CpuWindow;
	private ownCpu = new OwnCpuWindow();
	private loopDelay: IntervalHistogram = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
	private machineStart = readMachineBusyMs();
	private serverStart: number;
	private ownStart = process.cpuUsage();
	private wallStart = performance.now();

	constructor(private readonly server: BenchServer) {
		this.serverCpu = new CpuWindow(server.pid);
		this.serverStart = readCpuMs(server.pid);
		this.loopDelay.enable();
	}

	close(): Figure[] {
		this.loopDelay.disable();
		const wall = performance.now() - this.wallStart;
		const own = process.cpuUsage(this.ownStart);
		// Whatever the machine did besides the server and the bench: a busy
		// neighbour (a build, another test run) makes every other figure suspect.
		const others =
			readMachineBusyMs() -
			this.machineStart -
			(readCpuMs(this.server.pid) - this.serverStart) -
			(own.user + own.system) / 1000;
		return [
			{ figure: 'server CPU', unit: '% core', value: this.serverCpu.percent(), better: 'lower' },
			{ figure: 'bench client CPU', unit: '% core', value: this.ownCpu.percent(), better: 'none' },
			{
				figure: 'bench loop delay p99',
				unit: 'ms',
				value: Math.max(0, this.loopDelay.percentile(99) / 1e6 - LOOP_RESOLUTION_MS),
				better: 'none'
			},
			{
				figure: 'other processes CPU',
				unit: '% core',
				value: Math.max(0, (others / wall) * 100),
				better: 'none'
			}
		];
	}
}

export function peakRssFigure(server: BenchServer): Figure {
	return {
		figure: 'server peak RSS',
		unit: 'MB',
		value: readPeakRssMb(server.pid),
		better: 'lower'
	};
}

export function deliveryFigures(
	delivered: number,
	expected: number,
	latency: { p50: number; p95: number; p99: number; max: number }
): Figure[] {
	return [
		{
			figure: 'delivered',
			unit: '%',
			value: expected > 0 ? (delivered / expected) * 100 : NaN,
			better: 'higher',
			display: `${delivered.toLocaleString('en')}/${expected.toLocaleString('en')}`
		},
		{ figure: 'latency p50', unit: 'ms', value: latency.p50, better: 'lower' },
		// The body of the distribution: one pause (a collection in either process)
		// can make a 20 s run's p99 on its own; p95 moves only with the steady costs.
		{ figure: 'latency p95', unit: 'ms', value: latency.p95, better: 'lower' },
		{ figure: 'latency p99', unit: 'ms', value: latency.p99, better: 'lower' },
		{ figure: 'latency max', unit: 'ms', value: latency.max, better: 'lower' }
	];
}
