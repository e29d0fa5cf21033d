import { monitorEventLoopDelay } from 'node:perf_hooks';
import os from 'node:os';
import path from 'node:path';
import {
	createDatabase,
	startRedis,
	type BenchDatabase,
	type BenchRedis
} from '../backing-services';
import { closeClients, type BenchClient, type ConnectionCounts } from '../clients';
import type { BenchOptions } from '../options';
import {
	readCpuMs,
	readMachineBusyMs,
	readPeakRssMb,
	readRssMb,
	waitForQuietMachine
} from '../process-stats';
import { HashRing } from '../routing';
import type { Figure } from '../scenario';
import { OursServer, sleep, startBenchServer } from '../servers';
import { driveRooms } from './rooms';

/**
 * One server process against two on the same machine (ours only): the rooms
 * load (`--rooms` documents × `--clients-per-room` clients, one write per
 * client per `--rooms-interval-ms`) served on PostgreSQL with a private
 * Redis, as docs/deploy.md sets several processes up. Three layouts, each on
 * a fresh database and a fresh Redis:
 * - one process;
 * - two processes, every client of a document on the process a consistent
 *   hash of its id picks (what the load balancer in docs/deploy.md does), so
 *   each room's updates stay in one process;
 * - two processes, a room's clients on different ones: every update is
 *   committed by one process and reaches the other client through Redis.
 * All of them share the machine's cores with each other, with PostgreSQL,
 * Redis and the bench's clients.
 */

type Layout = 'one' | 'routed' | 'split';
const LAYOUTS: { layout: Layout; label: string }[] = [
	{ layout: 'one', label: '1 process' },
	{ layout: 'routed', label: '2, routed by id' },
	{ layout: 'split', label: '2, rooms split' }
];
const QUIET_PERCENT = 15;
/** Node's loop-delay histogram includes its own sampling interval; subtracted again below. */
const LOOP_RESOLUTION_MS = 5;

export interface ProcessesOutcome {
	layout: Layout;
	label: string;
	figures: Figure[];
	details: Record<string, unknown>;
	loadBefore: number;
	loadAfter: number;
	connectionErrors: number;
	connectionCloses: number;
	error: string | null;
}

export interface ProcessesResult {
	outcomes: ProcessesOutcome[];
	lines: string[];
}

/** CPU so far of each pid that is still there; a pid that is gone counts as absent. */
function cpuOf(pids: number[]): Map<number, number> {
	const cpu = new Map<number, number>();
	for (const pid of pids) {
		try {
			cpu.set(pid, readCpuMs(pid));
		} catch {
			// exited (a pooled backend that closed)
		}
	}
	return cpu;
}

/**
 * The measured window over a group of processes: each server process's CPU,
 * the database's PostgreSQL backends and Redis (they do the work the servers
 * hand them), the bench's own CPU and event-loop delay, and whatever else the
 * machine did. A backend that connects during the window counts from zero;
 * one that closes during it is lost (the servers' pools keep theirs open).
 */
class GroupWindow {
	private loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
	private machineStart = readMachineBusyMs();
	private ownStart = process.cpuUsage();
	private wallStart = performance.now();
	private serverStart: Map<number, number>;
	private redisStart: number;

	private constructor(
		private readonly servers: OursServer[],
		private readonly redis: BenchRedis,
		private readonly database: BenchDatabase,
		private readonly backendStart: Map<number, number>
	) {
		this.serverStart = cpuOf(servers.map((s) => s.pid));
		this.redisStart = readCpuMs(redis.pid);
		this.loopDelay.enable();
	}

	static async open(servers: OursServer[], redis: BenchRedis, database: BenchDatabase) {
		const backends = cpuOf(await database.backendPids());
		return new GroupWindow(servers, redis, database, backends);
	}

	async close(): Promise<Figure[]> {
		const wall = performance.now() - this.wallStart;
		const serverEnd = cpuOf(this.servers.map((s) => s.pid));
		const redisMs = readCpuMs(this.redis.pid) - this.redisStart;
		const own = process.cpuUsage(this.ownStart);
		const machineMs = readMachineBusyMs() - this.machineStart;
		this.loopDelay.disable();
		const backendEnd = cpuOf(await this.database.backendPids());
		let backendMs = 0;
		for (const [pid, end] of backendEnd) backendMs += end - (this.backendStart.get(pid) ?? 0);
		const perServer = this.servers.map(
			(s) => (serverEnd.get(s.pid) ?? NaN) - (this.serverStart.get(s.pid) ?? NaN)
		);
		const serversMs = perServer.reduce((a, b) => a + b, 0);
		const ownMs = (own.user + own.system) / 1000;
		const share = (ms: number) => (ms / wall) * 100;
		return [
			{
				figure: 'server CPU, all processes',
				unit: '% core',
				value: share(serversMs),
				better: 'lower'
			},
			...perServer.map((ms, i): Figure => ({
				figure: `server CPU, process ${i + 1}`,
				unit: '% core',
				value: share(ms),
				better: 'lower'
			})),
			{ figure: 'PostgreSQL CPU', unit: '% core', value: share(backendMs), better: 'lower' },
			{ figure: 'Redis CPU', unit: '% core', value: share(redisMs), better: 'lower' },
			{
				figure: 'servers + PostgreSQL + Redis CPU',
				unit: '% core',
				value: share(serversMs + backendMs + redisMs),
				better: 'lower'
			},
			{ figure: 'bench client CPU', unit: '% core', value: share(ownMs), better: 'none' },
			{
				figure: 'bench loop delay p99',
				unit: 'ms',
				value: Math.max(0, this.loopDelay.percentile(99) / 1e6 - LOOP_RESOLUTION_MS),
				better: 'none'
			},
			{
				figure: 'other processes CPU',
				unit: '% core',
				value: Math.max(0, share(machineMs - serversMs - backendMs - redisMs - ownMs)),
				better: 'none'
			}
		];
	}
}

async function runLayout(
	layout: Layout,
	options: BenchOptions,
	progress: (message: string) => void
): Promise<Omit<ProcessesOutcome, 'label' | 'loadBefore' | 'loadAfter' | 'error'>> {
	const { rooms, clientsPerRoom } = options.rooms;
	const counts: ConnectionCounts = { errors: 0, closes: 0 };
	const clients: BenchClient[] = [];
	const servers: OursServer[] = [];
	let database: BenchDatabase | null = null;
	let redis: BenchRedis | null = null;
	const root = path.resolve(import.meta.dirname, '../..');
	try {
		database = await createDatabase(options.processesDatabaseUrl);
		redis = await startRedis();
		const env = { DATABASE_URL: database.url, REDIS_URL: redis.url };
		const processCount = layout === 'one' ? 1 : 2;
		for (let i = 0; i < processCount; i++) {
			const name = `processes-${layout}-${i + 1}`;
			progress(`processes ${layout}: starting server process ${i + 1} of ${processCount}`);
			// One after another: the first start on the fresh database runs the migrations.
			const server = await startBenchServer(
				'ours',
				options.profileDir ? path.resolve(root, options.profileDir, name) : undefined,
				env,
				options.memoryTraceDir
					? path.resolve(root, options.memoryTraceDir, `${name}.jsonl`)
					: undefined
			);
			servers.push(server as OursServer);
		}
		const idleRss = servers.map((s) => readRssMb(s.pid));
		progress(`processes ${layout}: creating ${rooms} documents`);
		const [first, ...others] = servers;
		const roomIds = await first.prepareRooms(rooms);
		// One database: the token and workspace made through the first process work on every one.
		for (const other of others) {
			other.token = first.token;
			other.workspaceId = first.workspaceId;
		}
		const ring = new HashRing(servers.map((server, i) => ({ name: `app${i + 1}`, server })));
		const owners = roomIds.map((id) => ring.pick(id));
		const clientsOn = servers.map(() => 0);
		const addressOf = (room: number, slot: number) => {
			const owner = servers.indexOf(owners[room]);
			// Split: slot 0 where the hash sends the document, the next slot on the next process.
			const index = layout === 'split' ? (owner + slot) % servers.length : owner;
			clientsOn[index]++;
			return servers[index].address(roomIds[room]);
		};
		progress(
			`processes ${layout}: ${rooms * clientsPerRoom} clients connecting, then ${options.rooms.durationMs / 1000} s of writes`
		);
		const result = await driveRooms({
			roomIds,
			addressOf,
			options,
			clients,
			counts,
			openWindow: () => GroupWindow.open(servers, redis!, database!)
		});
		const documentsOn = servers.map((s) => owners.filter((o) => o === s).length);
		return {
			layout,
			figures: [
				...result.figures,
				...servers.map((s, i): Figure => ({
					figure: `peak RSS, process ${i + 1}`,
					unit: 'MB',
					value: readPeakRssMb(s.pid),
					better: 'lower'
				})),
				...servers.map((_, i): Figure => ({
					figure: `idle RSS, process ${i + 1}`,
					unit: 'MB',
					value: idleRss[i],
					better: 'lower'
				})),
				{
					figure: 'connect all clients',
					unit: 's',
					value: result.connectMs / 1000,
					better: 'lower'
				}
			],
			details: {
				rooms,
				clients: clients.length,
				writes: result.writes,
				processes: servers.length,
				documentsByHash: documentsOn,
				clientsOn,
				database: database.name
			},
			connectionErrors: counts.errors,
			connectionCloses: counts.closes
		};
	} catch (error) {
		for (const [i, server] of servers.entries()) {
			progress(
				`processes ${layout}: last output of process ${i + 1}:\n${server.logs().slice(-3000)}`
			);
		}
		throw error;
	} finally {
		closeClients(clients);
		for (const server of servers) await server.dispose();
		await redis?.stop();
		await database?.drop();
	}
}

function formatValue(figure: Figure | undefined): string {
	if (!figure || !Number.isFinite(figure.value)) return '-';
	const v = figure.value;
	const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
	const text = `${v.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${figure.unit}`;
	return figure.display ? `${text} (${figure.display})` : text;
}

export function formatProcesses(outcomes: ProcessesOutcome[], options: BenchOptions): string[] {
	// Rows in the order of the layout with the most figures (two processes), then any others.
	const names: string[] = [];
	const byFigureCount = [...outcomes].sort((a, b) => b.figures.length - a.figures.length);
	for (const o of byFigureCount) {
		for (const f of o.figures) if (!names.includes(f.figure)) names.push(f.figure);
	}
	const header = ['figure', ...outcomes.map((o) => o.label)];
	const body = names.map((name) => [
		name,
		...outcomes.map((o) =>
			o.error ? 'FAILED' : formatValue(o.figures.find((f) => f.figure === name))
		)
	]);
	body.push([
		'load average (1 min), start -> end',
		...outcomes.map((o) => `${o.loadBefore.toFixed(1)} -> ${o.loadAfter.toFixed(1)}`)
	]);
	body.push([
		'documents / clients per process',
		...outcomes.map((o) => {
			const docs = o.details.documentsByHash as number[] | undefined;
			const on = o.details.clientsOn as number[] | undefined;
			if (!docs || !on) return '-';
			return o.layout === 'split'
				? `clients ${on.join(' / ')}`
				: `${docs.join(' / ')} docs, ${on.join(' / ')} clients`;
		})
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
	const line = (cells: string[]) =>
		cells
			.map((c, i) => c.padEnd(widths[i]))
			.join(' | ')
			.trimEnd();
	const lines = [
		'',
		`Processes (ours only): 1 vs 2 server processes on one fresh PostgreSQL database + a private Redis; rooms load ${options.rooms.rooms} x ${options.rooms.clientsPerRoom} clients, 1 write/${options.rooms.intervalMs} ms each, ${options.rooms.durationMs / 1000} s`,
		'',
		line(header),
		widths.map((w) => '-'.repeat(w)).join('-|-'),
		...body.map(line),
		'',
		`CAVEAT: this machine has ${os.cpus().length} cores, shared by every server process, PostgreSQL, Redis and the bench client:`,
		'a second process adds no cores here, so these figures show the cost of the extra process and of the Redis relay,',
		'not the capacity two machines would have.'
	];
	for (const o of outcomes) {
		if (o.connectionErrors || o.connectionCloses) {
			lines.push(
				`note: ${o.label}: ${o.connectionErrors} connection errors, ${o.connectionCloses} closes by the server`
			);
		}
		if (o.error) lines.push(`FAILED: processes ${o.label}: ${o.error}`);
	}
	return lines;
}

export async function runProcessesBench(
	options: BenchOptions,
	progress: (message: string) => void
): Promise<ProcessesResult> {
	const outcomes: ProcessesOutcome[] = [];
	for (const { layout, label } of LAYOUTS) {
		if (options.quietWaitMs > 0) await waitForQuietMachine(QUIET_PERCENT, options.quietWaitMs);
		const loadBefore = os.loadavg()[0];
		progress(`processes ${layout}: starting`);
		try {
			const result = await runLayout(layout, options, progress);
			outcomes.push({ ...result, label, loadBefore, loadAfter: os.loadavg()[0], error: null });
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			progress(`processes ${layout} FAILED: ${message}`);
			outcomes.push({
				layout,
				label,
				figures: [],
				details: {},
				loadBefore,
				loadAfter: os.loadavg()[0],
				connectionErrors: 0,
				connectionCloses: 0,
				error: message
			});
		}
		// Let the previous layout's sockets close before the next one measures.
		await sleep(1000);
	}
	return { outcomes, lines: formatProcesses(outcomes, options) };
}
