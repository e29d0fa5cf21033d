import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeClients, type BenchClient, type ConnectionCounts } from './clients';
import {
	readOptions,
	UsageError,
	type BenchOptions,
	type ScenarioName,
	type ServerKind
} from './options';
import { waitForQuietMachine } from './process-stats';
import { formatGoals } from './goals';
import { buildRows, combineRounds, formatTable, type RunOutcome } from './report';
import type { Scenario } from './scenario';
import { runActionsBench } from './scenarios/actions';
import { runBoardRenderBench } from './scenarios/board-render';
import { runColdLoad } from './scenarios/cold-load';
import { runFanOut } from './scenarios/fan-out';
import { runFlowRenderBench } from './scenarios/flow-render';
import { runIndicatorsBench } from './scenarios/indicators';
import { runProcessesBench } from './scenarios/processes';
import { runRooms } from './scenarios/rooms';
import { runSearchBench } from './scenarios/search';
import { buildDir, cleanUpEverything, sleep, startBenchServer } from './servers';

/**
 * `npm run bench`: runs each scenario against a fresh process of our server
 * and of y-websocket@1.5.4's reference server, then prints the figures side
 * by side. See bench/README.md.
 */

/** Scenarios run against both servers; the others are ours only and reported on their own. */
type SideBySide = Exclude<
	ScenarioName,
	'actions' | 'board-render' | 'flow-render' | 'indicators' | 'search' | 'processes'
>;
const OURS_ONLY: readonly ScenarioName[] = [
	'actions',
	'board-render',
	'flow-render',
	'indicators',
	'search',
	'processes'
];
const SCENARIO_RUNNERS: Record<SideBySide, Scenario> = {
	'fan-out': runFanOut,
	rooms: runRooms,
	'cold-load': runColdLoad
};

const root = path.resolve(import.meta.dirname, '..');
/** A run starts once the rest of the machine uses less than this share of a core (or the wait runs out). */
const QUIET_PERCENT = 15;
const startedAt = performance.now();

function progress(message: string): void {
	const seconds = ((performance.now() - startedAt) / 1000).toFixed(1).padStart(6);
	process.stderr.write(`[bench ${seconds}s] ${message}\n`);
}

function installExitGuards(options: BenchOptions): void {
	// Every provider registers a process 'exit' listener; thousands are expected here.
	process.setMaxListeners(0);
	process.on('exit', cleanUpEverything);
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.on(signal, () => {
			progress(`${signal}: stopping servers`);
			cleanUpEverything();
			process.exit(signal === 'SIGINT' ? 130 : 143);
		});
	}
	process.on('uncaughtException', (error) => {
		progress(`uncaught: ${error.stack ?? error}`);
		cleanUpEverything();
		process.exit(1);
	});
	const limit = options.maxMinutes * 60_000;
	setTimeout(() => {
		progress(`time limit of ${options.maxMinutes} min reached: stopping`);
		cleanUpEverything();
		process.exit(2);
	}, limit).unref();
}

/**
 * What `npm start` does first: builds the app and the server bundle if they
 * are missing or their inputs changed (`scripts/build.ts --if-stale`), so the
 * bench never measures an old build of code that was edited since.
 */
function ensureBuilt(): void {
	progress('checking the build (scripts/build.ts --if-stale)');
	const result = spawnSync(
		process.execPath,
		['--import', 'tsx', path.join(root, 'scripts', 'build.ts'), '--if-stale'],
		{ cwd: root, stdio: ['ignore', process.stderr, process.stderr], env: process.env }
	);
	const bundle = path.join(buildDir(), 'serve.js');
	if (result.status !== 0 || !fs.existsSync(bundle)) {
		throw new Error(`the build failed (exit ${result.status}); ours cannot be benchmarked`);
	}
}

async function runOne(
	scenario: SideBySide,
	kind: ServerKind,
	round: number,
	options: BenchOptions
): Promise<RunOutcome> {
	const counts: ConnectionCounts = { errors: 0, closes: 0 };
	const clients: BenchClient[] = [];
	const outcome: RunOutcome = {
		scenario,
		server: kind,
		round,
		figures: [],
		details: {},
		connectionErrors: 0,
		connectionCloses: 0,
		loadBefore: os.loadavg()[0],
		loadAfter: NaN,
		error: null
	};
	let server: Awaited<ReturnType<typeof startBenchServer>> | null = null;
	try {
		const profileDir = options.profileDir
			? path.resolve(root, options.profileDir, `${scenario}-${kind}`)
			: undefined;
		const memoryTrace = options.memoryTraceDir
			? path.resolve(root, options.memoryTraceDir, `${scenario}-${kind}.jsonl`)
			: undefined;
		server = await startBenchServer(kind, profileDir, {}, memoryTrace);
		const result = await SCENARIO_RUNNERS[scenario]({ server, options, clients, counts });
		outcome.figures = result.figures;
		outcome.details = result.details;
	} catch (error) {
		outcome.error = error instanceof Error ? error.message : String(error);
		progress(`${scenario} on ${kind} FAILED: ${outcome.error}`);
		if (server) progress(`last server output:\n${server.logs().slice(-3000)}`);
	} finally {
		closeClients(clients);
		outcome.connectionErrors = counts.errors;
		outcome.connectionCloses = counts.closes;
		outcome.loadAfter = os.loadavg()[0];
		if (server) await server.dispose();
	}
	return outcome;
}

/** Each side-by-side scenario on each server, `options.rounds` times. */
async function runSideBySide(
	sideBySide: SideBySide[],
	options: BenchOptions
): Promise<RunOutcome[]> {
	const outcomes: RunOutcome[] = [];
	for (let round = 1; round <= options.rounds; round++) {
		// Every other round the reference goes first, so a machine that slows
		// down (or speeds up) over the run does not always favour the same server.
		const order = round % 2 === 1 ? options.servers : [...options.servers].reverse();
		if (options.rounds > 1) progress(`round ${round} of ${options.rounds}`);
		for (const scenario of sideBySide) {
			for (const kind of order) {
				if (options.quietWaitMs > 0) {
					const waitStart = performance.now();
					const busy = await waitForQuietMachine(QUIET_PERCENT, options.quietWaitMs);
					const waited = (performance.now() - waitStart) / 1000;
					if (waited > 3) progress(`waited ${waited.toFixed(0)} s for other processes to go quiet`);
					if (busy >= QUIET_PERCENT) {
						progress(`other processes still use ${busy.toFixed(0)} % of a core; running anyway`);
					}
				}
				progress(`${scenario} on ${kind}: starting`);
				const outcome = await runOne(scenario, kind, round, options);
				outcomes.push(outcome);
				progress(`${scenario} on ${kind}: ${outcome.error ? 'failed' : 'done'}`);
				// Let the sockets of the previous run close before the next one measures.
				await sleep(1000);
			}
		}
	}
	return outcomes;
}

async function main(): Promise<number> {
	let options: BenchOptions;
	try {
		options = readOptions(process.argv.slice(2));
	} catch (error) {
		if (error instanceof UsageError) {
			process.stderr.write(`${error.message}\n`);
			return 2;
		}
		throw error;
	}
	installExitGuards(options);
	// The search scenario runs the services in this process: it alone needs no build.
	if (options.servers.includes('ours') && options.scenarios.some((s) => s !== 'search')) {
		ensureBuilt();
	}

	const sideBySide = options.scenarios.filter((s): s is SideBySide => !OURS_ONLY.includes(s));
	const outcomes = await runSideBySide(sideBySide, options);
	const rowsByRound = Array.from({ length: options.rounds }, (_, i) =>
		buildRows(
			outcomes.filter((o) => o.round === i + 1),
			sideBySide
		)
	);
	const rows = options.rounds === 1 ? rowsByRound[0] : combineRounds(rowsByRound);
	const lines: string[] = [];
	if (sideBySide.length > 0)
		lines.push(
			'',
			`Opsloom sync bench${options.quick ? ' (quick sizes)' : ''}: ours vs y-websocket@1.5.4 reference (LevelDB on)`,
			`fan-out: 1 writer x ${options.fanOut.rate}/s, ${options.fanOut.receivers} receivers, ${options.fanOut.durationMs / 1000} s | ` +
				`rooms: ${options.rooms.rooms} x ${options.rooms.clientsPerRoom} clients, 1 write/${options.rooms.intervalMs} ms each, ${options.rooms.durationMs / 1000} s | ` +
				`cold-load: ${options.coldLoad.updates} updates, ${options.coldLoad.repeats} restart(s)`,
			...(options.rounds > 1
				? [
						`${options.rounds} rounds: each figure is the median over the rounds, each ratio the median of the rounds' ratios`
					]
				: []),
			'',
			formatTable(rows, outcomes),
			...formatGoals(rows, options.quick)
		);
	/** "rooms/ours", or "rooms/ours #2" with --rounds. */
	const runLabel = (o: RunOutcome) =>
		`${o.scenario}/${o.server}${options.rounds > 1 ? ` #${o.round}` : ''}`;
	for (const outcome of outcomes) {
		if (outcome.connectionErrors || outcome.connectionCloses) {
			lines.push(
				`note: ${outcome.scenario} on ${outcome.server}: ${outcome.connectionErrors} connection errors, ` +
					`${outcome.connectionCloses} closes by the server`
			);
		}
		if (outcome.error)
			lines.push(`FAILED: ${outcome.scenario} on ${outcome.server}: ${outcome.error}`);
	}
	if (outcomes.length > 0)
		lines.push(
			'machine load (1-min average, start -> end of each run): ' +
				outcomes
					.map((o) => `${runLabel(o)} ${o.loadBefore.toFixed(1)}->${o.loadAfter.toFixed(1)}`)
					.join(', ')
		);
	const noisy = outcomes.flatMap((o) =>
		o.figures
			.filter((f) => f.figure === 'other processes CPU' && f.value > 20)
			.map((f) => `${runLabel(o)} ${f.value.toFixed(0)} %`)
	);
	if (noisy.length > 0) {
		lines.push(
			`WARNING: other processes used CPU during measured windows (${noisy.join(', ')}): ` +
				'latencies and CPU shares there are not comparable to a quiet run.'
		);
	}
	// The side-by-side table is printed before the ours-only scenarios run, so
	// a failure in one of those loses nothing already measured.
	process.stdout.write(`${lines.join('\n')}\n`);
	const failures: string[] = [];
	async function oursOnly<T extends { lines: string[] }>(
		name: ScenarioName,
		run: () => Promise<T>
	): Promise<T | null> {
		if (!options.scenarios.includes(name) || !options.servers.includes('ours')) return null;
		if (options.quietWaitMs > 0) await waitForQuietMachine(QUIET_PERCENT, options.quietWaitMs);
		progress(`${name} on ours: starting`);
		try {
			const result = await run();
			process.stdout.write(`${result.lines.join('\n')}\n`);
			return result;
		} catch (error) {
			const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
			failures.push(`FAILED: ${name}: ${message}`);
			process.stdout.write(`FAILED: ${name}: ${message}\n`);
			return null;
		}
	}
	const actions = await oursOnly('actions', () => runActionsBench(options, progress));
	const board = await oursOnly('board-render', () => runBoardRenderBench(options, progress));
	const flow = await oursOnly('flow-render', () => runFlowRenderBench(options, progress));
	const indicators = await oursOnly('indicators', () => runIndicatorsBench(options, progress));
	const search = await oursOnly('search', () => runSearchBench(options, progress));
	const processes = await oursOnly('processes', () => runProcessesBench(options, progress));
	for (const outcome of processes?.outcomes ?? []) {
		if (outcome.error) failures.push(`FAILED: processes ${outcome.label}: ${outcome.error}`);
	}

	const out = path.resolve(root, options.out);
	fs.mkdirSync(path.dirname(out), { recursive: true });
	fs.writeFileSync(
		out,
		JSON.stringify(
			{
				finishedAt: new Date().toISOString(),
				machine: {
					cpus: os.cpus().length,
					cpuModel: os.cpus()[0]?.model,
					memoryGb: Math.round(os.totalmem() / 2 ** 30),
					node: process.version
				},
				options,
				rows,
				...(options.rounds > 1 ? { rowsByRound } : {}),
				outcomes,
				actions: actions?.figures ?? null,
				boardRender: board?.figures ?? null,
				flowRender: flow?.figures ?? null,
				indicators: indicators?.figures ?? null,
				search: search?.figures ?? null,
				processes: processes?.outcomes ?? null
			},
			null,
			'\t'
		)
	);
	progress(`wrote ${path.relative(root, out)}`);
	return outcomes.some((o) => o.error) || failures.length > 0 ? 1 : 0;
}

main().then(
	(code) => {
		cleanUpEverything();
		process.exit(code);
	},
	(error: unknown) => {
		progress(`bench failed: ${error instanceof Error ? error.stack : String(error)}`);
		cleanUpEverything();
		process.exit(1);
	}
);
