import os from 'node:os';
import type { BenchOptions } from '../options';
import { OursServer, startBenchServer } from '../servers';

/**
 * Indicators at scale (ours only; the reference has no such thing): a
 * workspace with `indicators` daily indicators of `days` values each, sent
 * through the API as a script would. Then the server time of what people
 * open most — the dashboard (API and page), one indicator's series with its
 * limits (API and page) — and of a CSV import of `importRows` rows, as a dry
 * run and for real. Timed from the bench process over 127.0.0.1, so each
 * figure is the server's time plus a local round trip.
 */
export interface IndicatorsResult {
	figures: { figure: string; unit: string; value: number }[];
	lines: string[];
}

const REPEATS = 5;
/** Requests in flight while seeding: PGlite runs one statement at a time anyway. */
const SEED_CONCURRENCY = 2;

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
};

function dayAfter(start: number, offset: number): string {
	return new Date(start + offset * 86_400_000).toISOString().slice(0, 10);
}

/** Noise around a level, with a shift two thirds of the way in so the charts have signals to find. */
function valueOf(indicator: number, day: number, days: number): number {
	const level = 50 + (indicator % 40);
	const noise = Math.sin(indicator * 7.3 + day * 1.7) * 4 + Math.cos(day * 0.37 + indicator) * 2;
	const shift = day > (days * 2) / 3 ? 6 : 0;
	return Math.round((level + noise + shift) * 100) / 100;
}

export async function runIndicatorsBench(
	options: BenchOptions,
	progress: (message: string) => void
): Promise<IndicatorsResult> {
	const { indicatorCount, indicatorDays, indicatorImportRows } = options;
	const server = (await startBenchServer('ours', options.profileDir ?? undefined)) as OursServer;
	try {
		await server.prepareRooms(0);
		const token = server.token!;
		const workspaceId = server.workspaceId!;
		const base = server.baseUrl;
		const call = async (method: string, path: string, body?: unknown, type?: string) => {
			const res = await fetch(base + path, {
				method,
				headers: {
					authorization: `Bearer ${token}`,
					...(body === undefined ? {} : { 'content-type': type ?? 'application/json' })
				},
				body: body === undefined ? undefined : type ? (body as string) : JSON.stringify(body)
			});
			const text = await res.text();
			if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
			return text;
		};
		const timed = async (method: string, path: string, body?: unknown, type?: string) => {
			const start = performance.now();
			const text = await call(method, path, body, type);
			return { ms: performance.now() - start, text };
		};
		const medianOf = async (path: string) => {
			await call('GET', path); // warm: the first request compiles the route's code
			const times: number[] = [];
			for (let i = 0; i < REPEATS; i++) times.push((await timed('GET', path)).ms);
			return median(times);
		};

		progress(`indicators: defining ${indicatorCount} indicators`);
		const ids: string[] = [];
		for (let i = 0; i < indicatorCount; i++) {
			const created = JSON.parse(
				await call('POST', `/api/v1/workspaces/${workspaceId}/indicators`, {
					name: `Indicator ${String(i).padStart(3, '0')}`,
					unit: '%',
					direction: i % 3 === 0 ? 'lower' : 'higher',
					frequency: 'daily',
					target: 50 + (i % 40),
					warning: i % 3 === 0 ? 58 + (i % 40) : 44 + (i % 40)
				})
			) as { id: string };
			ids.push(created.id);
		}
		const start = Date.UTC(2021, 0, 1);
		progress(
			`indicators: sending ${(indicatorCount * indicatorDays).toLocaleString('en')} values (${indicatorDays} days each)`
		);
		const seedStart = performance.now();
		let next = 0;
		const worker = async () => {
			while (next < ids.length) {
				const i = next++;
				const measurements = Array.from({ length: indicatorDays }, (_, day) => ({
					period: dayAfter(start, day),
					value: valueOf(i, day, indicatorDays)
				}));
				await call('POST', `/api/v1/indicators/${ids[i]}/measurements`, { measurements });
			}
		};
		await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
		const seedMs = performance.now() - seedStart;

		progress('indicators: timing the dashboard and a series');
		const loadBefore = os.loadavg()[0];
		const dashboardApi = await medianOf(`/api/v1/workspaces/${workspaceId}/indicators`);
		const dashboardPage = await medianOf(`/w/${workspaceId}/indicators`);
		const homePage = await medianOf(`/w/${workspaceId}`);
		const one = ids[Math.floor(ids.length / 2)];
		const seriesAll = await medianOf(`/api/v1/indicators/${one}/series`);
		const seriesRecent = await medianOf(
			`/api/v1/indicators/${one}/series?from=${dayAfter(start, indicatorDays - 90)}`
		);
		const indicatorPage = await medianOf(`/w/${workspaceId}/indicators/${one}`);

		// A month's evaluation reads every indicator's whole series (for its signals).
		const month = dayAfter(start, indicatorDays - 1).slice(0, 7);
		const evaluation = await timed('POST', `/api/v1/workspaces/${workspaceId}/evaluations`, {
			period: month
		});

		// The import continues every indicator's series into the days after the seed.
		const perIndicator = Math.ceil(indicatorImportRows / indicatorCount);
		const lines = ['indicator,period,value'];
		for (let i = 0; i < indicatorCount && lines.length <= indicatorImportRows; i++) {
			for (let d = 0; d < perIndicator && lines.length <= indicatorImportRows; d++) {
				const day = indicatorDays + d;
				lines.push(
					`Indicator ${String(i).padStart(3, '0')},${dayAfter(start, day)},${valueOf(i, day, indicatorDays)}`
				);
			}
		}
		const csv = `\ufeff${lines.join('\n')}\n`;
		const rows = lines.length - 1;
		progress(`indicators: importing ${rows.toLocaleString('en')} rows (dry run, then for real)`);
		const importPath = `/api/v1/workspaces/${workspaceId}/indicators/import`;
		const dry = await timed('POST', `${importPath}?dryRun=true`, csv, 'text/csv');
		const real = await timed('POST', importPath, csv, 'text/csv');
		const imported = JSON.parse(real.text) as { counts: { added: number } };
		if (imported.counts.added !== rows) {
			throw new Error(`the import added ${imported.counts.added} of ${rows} rows`);
		}
		const dashboardAfter = await medianOf(`/api/v1/workspaces/${workspaceId}/indicators`);
		const seriesAfter = await medianOf(`/api/v1/indicators/${one}/series`);
		const loadAfter = os.loadavg()[0];

		const total = indicatorCount * indicatorDays;
		const figures = [
			{
				figure: `seed ${total.toLocaleString('en')} values via the API`,
				unit: 's',
				value: seedMs / 1000
			},
			{ figure: 'dashboard: GET …/indicators (JSON)', unit: 'ms', value: dashboardApi },
			{ figure: 'dashboard: indicators page (HTML)', unit: 'ms', value: dashboardPage },
			{ figure: 'dashboard: workspace home (HTML)', unit: 'ms', value: homePage },
			{ figure: `series with limits, all ${indicatorDays} days`, unit: 'ms', value: seriesAll },
			{ figure: 'series with limits, last 90 days', unit: 'ms', value: seriesRecent },
			{ figure: 'indicator page (HTML)', unit: 'ms', value: indicatorPage },
			{ figure: `evaluation of ${month}: values filled in`, unit: 'ms', value: evaluation.ms },
			{
				figure: `import ${rows.toLocaleString('en')} rows: dry run`,
				unit: 's',
				value: dry.ms / 1000
			},
			{ figure: `import ${rows.toLocaleString('en')} rows`, unit: 's', value: real.ms / 1000 },
			{ figure: 'dashboard JSON after the import', unit: 'ms', value: dashboardAfter },
			{ figure: 'series after the import', unit: 'ms', value: seriesAfter },
			{ figure: 'machine load (1-min average) start', unit: '', value: loadBefore },
			{ figure: 'machine load (1-min average) end', unit: '', value: loadAfter }
		];
		const width = Math.max(...figures.map((f) => f.figure.length));
		return {
			figures,
			lines: [
				'',
				`Indicators at scale (ours only): ${indicatorCount} daily indicators x ${indicatorDays} days = ${total.toLocaleString('en')} values; medians of ${REPEATS} requests`,
				...figures.map(
					(f) =>
						`  ${f.figure.padEnd(width)}  ${f.value.toFixed(f.unit === 'ms' ? 1 : 2).padStart(9)} ${f.unit}`
				),
				`  (${os.cpus().length} cores; load is the machine's 1-minute average, shared with other work)`
			]
		};
	} finally {
		await server.dispose();
	}
}
