/**
 * Bench sizes, read from `--flag=value` arguments or `BENCH_FLAG` environment
 * variables (flag in upper snake case). Defaults are the full sizes; `--quick`
 * swaps in small ones so a smoke run takes about a minute.
 */

export const SCENARIOS = [
	'fan-out',
	'rooms',
	'cold-load',
	'actions',
	'board-render',
	'flow-render',
	'indicators',
	'search',
	'processes'
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];
/**
 * What runs without `--only`: all but the processes scenario, which needs a
 * PostgreSQL server and redis-server and takes several minutes at full size
 * (`--only=processes`, or `--only=all` for everything).
 */
export const DEFAULT_SCENARIOS: readonly ScenarioName[] = SCENARIOS.filter(
	(s) => s !== 'processes'
);
export const SERVER_KINDS = ['ours', 'reference'] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

export interface BenchOptions {
	quick: boolean;
	scenarios: ScenarioName[];
	servers: ServerKind[];
	/** Every client carries awareness state like a browser tab does; off by default (see README). */
	awareness: boolean;
	fanOut: { receivers: number; rate: number; durationMs: number };
	rooms: { rooms: number; clientsPerRoom: number; intervalMs: number; durationMs: number };
	coldLoad: { updates: number; repeats: number };
	/** Checklist items in the action-pipeline document. */
	actionItems: number;
	/**
	 * Receivers of the action-pipeline fan-out. Fewer than the plain fan-out:
	 * each holds a copy of the 1,000-item document in the bench process, which
	 * would otherwise become the bottleneck it measures.
	 */
	actionReceivers: number;
	/** Cards on the retro board rendered in Chromium. */
	boardCards: number;
	/** Shapes in the flowchart rendered in Chromium (arrows: 1.5 times as many). */
	flowNodes: number;
	/** Daily indicators in the indicators-at-scale workspace. */
	indicatorCount: number;
	/** Days of values each of them holds (five years: 1,825). */
	indicatorDays: number;
	/** Rows of the CSV import timed there. */
	indicatorImportRows: number;
	/** Documents (ten passages each) in the search index bench. */
	searchDocuments: number;
	/** The search bench runs on this (empty) PostgreSQL database instead of an in-process PGlite. */
	searchDatabaseUrl: string | null;
	/**
	 * The processes scenario creates (and drops) a fresh database on the
	 * PostgreSQL server this URL points to; the user must be allowed to create databases.
	 */
	processesDatabaseUrl: string;
	/** How long to wait for late deliveries once the writers stop. */
	drainMs: number;
	/** Clients are opened this many at a time, each batch waiting until synced. */
	connectBatch: number;
	/**
	 * How many times the side-by-side scenarios run, each round alternating which
	 * server goes first; the table then shows medians over the rounds.
	 */
	rounds: number;
	/** The whole bench is stopped after this long, whatever it is doing. */
	maxMinutes: number;
	/** Before each run, wait up to this long for other processes to go quiet (0: do not wait). */
	quietWaitMs: number;
	/** Where the JSON result goes. */
	out: string;
	/** When set, every server process writes a CPU profile (.cpuprofile) below this folder. */
	profileDir: string | null;
	/**
	 * When set, every server process samples its memory (bench/memory-sampler.js)
	 * once a second into a .jsonl file below this folder.
	 */
	memoryTraceDir: string | null;
}

const FULL = {
	'fan-out-receivers': 500,
	'fan-out-rate': 20,
	'fan-out-seconds': 20,
	rooms: 1000,
	'clients-per-room': 2,
	'rooms-interval-ms': 1000,
	'rooms-seconds': 20,
	'cold-updates': 10_000,
	'cold-repeats': 3,
	'action-items': 1000,
	'action-receivers': 100,
	'board-cards': 1000,
	'flow-nodes': 1000,
	indicators: 200,
	'indicator-days': 1825,
	'import-rows': 100_000,
	'search-documents': 10000,
	'drain-ms': 5000,
	'connect-batch': 100,
	rounds: 1,
	/** Per round: the default grows with --rounds. */
	'max-minutes': 30,
	'quiet-wait-seconds': 180
};

const QUICK: typeof FULL = {
	...FULL,
	'fan-out-receivers': 50,
	'fan-out-seconds': 5,
	rooms: 100,
	'rooms-seconds': 5,
	'cold-updates': 1000,
	'cold-repeats': 1,
	'action-items': 200,
	'action-receivers': 20,
	'board-cards': 200,
	'flow-nodes': 200,
	indicators: 20,
	'indicator-days': 365,
	'import-rows': 5000,
	'search-documents': 1000,
	'drain-ms': 2000,
	'max-minutes': 10,
	'quiet-wait-seconds': 30
};

type NumericFlag = keyof typeof FULL;

/** Where the processes scenario makes its database unless told otherwise (trust auth on this machine). */
const PROCESSES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

const USAGE = `Usage: npm run bench -- [--quick] [--only=${SCENARIOS.join(',')} | all] [--servers=ours,reference]
  [--awareness] [--profile] [--memory-trace] [--out=bench/results/latest.json] [--search-database-url=postgres://…]
  [--processes-database-url=${PROCESSES_ADMIN_URL}] [--${Object.keys(FULL).join('=N] [--')}=N]
Every flag can also be given as an environment variable, e.g. BENCH_ROOMS=200 or BENCH_QUICK=1.`;

export class UsageError extends Error {}

function envName(flag: string): string {
	return `BENCH_${flag.toUpperCase().replace(/-/g, '_')}`;
}

function readFlags(argv: string[]): Map<string, string> {
	const flags = new Map<string, string>();
	for (const arg of argv) {
		if (arg === '--help' || arg === '-h') throw new UsageError(USAGE);
		const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
		if (!match) throw new UsageError(`Unknown argument "${arg}".\n${USAGE}`);
		flags.set(match[1], match[2] ?? 'true');
	}
	return flags;
}

function readList<T extends string>(
	raw: string | undefined,
	allowed: readonly T[],
	flag: string,
	byDefault: readonly T[] = allowed
): T[] {
	if (raw === undefined || raw === '') return [...byDefault];
	if (raw === 'all') return [...allowed];
	const items = raw.split(',').map((s) => s.trim());
	for (const item of items) {
		if (!allowed.includes(item as T)) {
			throw new UsageError(`--${flag} takes ${allowed.join(', ')}; got "${item}".`);
		}
	}
	return items as T[];
}

function readBoolean(raw: string | undefined): boolean {
	return raw !== undefined && raw !== '' && raw !== '0' && raw !== 'false';
}

/** Unlike the sizes, 0 is meaningful here: do not wait. */
function readQuietWait(raw: string | undefined, fallback: number): number {
	if (raw === undefined || raw === '') return fallback * 1000;
	const value = Number(raw);
	if (!Number.isFinite(value) || value < 0) {
		throw new UsageError(`--quiet-wait-seconds must be 0 or more, got "${raw}".`);
	}
	return value * 1000;
}

export function readOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
	const flags = readFlags(argv);
	const known = new Set<string>([
		'quick',
		'only',
		'servers',
		'awareness',
		'out',
		'profile',
		'search-database-url',
		'processes-database-url',
		'memory-trace',
		...Object.keys(FULL)
	]);
	for (const flag of flags.keys()) {
		if (!known.has(flag)) throw new UsageError(`Unknown flag --${flag}.\n${USAGE}`);
	}
	const get = (flag: string) => flags.get(flag) ?? env[envName(flag)];
	const quick = readBoolean(get('quick'));
	const defaults = quick ? QUICK : FULL;
	const num = (flag: NumericFlag): number => {
		const raw = get(flag);
		if (raw === undefined || raw === '') return defaults[flag];
		const value = Number(raw);
		if (!Number.isFinite(value) || value <= 0) {
			throw new UsageError(`--${flag} must be a positive number, got "${raw}".`);
		}
		return value;
	};
	const whole = (flag: NumericFlag): number => {
		const value = num(flag);
		if (!Number.isInteger(value)) throw new UsageError(`--${flag} must be a whole number.`);
		return value;
	};
	const rounds = whole('rounds');
	const maxMinutes = get('max-minutes') ? num('max-minutes') : defaults['max-minutes'] * rounds;
	const clientsPerRoom = whole('clients-per-room');
	if (clientsPerRoom < 2) throw new UsageError('--clients-per-room must be at least 2.');
	return {
		quick,
		scenarios: readList(get('only'), SCENARIOS, 'only', DEFAULT_SCENARIOS),
		servers: readList(get('servers'), SERVER_KINDS, 'servers'),
		awareness: readBoolean(get('awareness')),
		fanOut: {
			receivers: whole('fan-out-receivers'),
			rate: num('fan-out-rate'),
			durationMs: num('fan-out-seconds') * 1000
		},
		rooms: {
			rooms: whole('rooms'),
			clientsPerRoom,
			intervalMs: num('rooms-interval-ms'),
			durationMs: num('rooms-seconds') * 1000
		},
		coldLoad: { updates: whole('cold-updates'), repeats: whole('cold-repeats') },
		actionItems: whole('action-items'),
		actionReceivers: whole('action-receivers'),
		boardCards: whole('board-cards'),
		flowNodes: whole('flow-nodes'),
		indicatorCount: whole('indicators'),
		indicatorDays: whole('indicator-days'),
		indicatorImportRows: whole('import-rows'),
		searchDocuments: whole('search-documents'),
		searchDatabaseUrl: get('search-database-url') || null,
		processesDatabaseUrl: get('processes-database-url') || PROCESSES_ADMIN_URL,
		drainMs: num('drain-ms'),
		connectBatch: whole('connect-batch'),
		rounds,
		maxMinutes,
		quietWaitMs: readQuietWait(get('quiet-wait-seconds'), defaults['quiet-wait-seconds']),
		out: get('out') || 'bench/results/latest.json',
		profileDir: readBoolean(get('profile')) ? 'bench/results/profiles' : null,
		memoryTraceDir: readBoolean(get('memory-trace')) ? 'bench/results/memory' : null
	};
}
