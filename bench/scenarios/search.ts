import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/lib/server/db';
import { documents } from '../../src/lib/server/db/schema';
import { indexDocument } from '../../src/lib/server/search/index-document';
import { searchWorkspace } from '../../src/lib/server/search/search-workspace';
import { signUp } from '../../src/lib/server/users';
import { createWorkspace } from '../../src/lib/server/workspaces';
import type { BenchOptions } from '../options';

/**
 * Workspace search (ours only): `searchDocuments` documents of ten passages
 * each, half Chinese and half English (random words of a small vocabulary), written through the indexer's own
 * write (`indexDocument`, one transaction per document as after an edit)
 * into PGlite in this process; then each query of a mix (a Chinese word in
 * the middle of a run, one Chinese character, an English stem, a prefix, a
 * rare word, a mixed query) is run repeatedly through `searchWorkspace`, the
 * service the API calls.
 */
export interface SearchResult {
	figures: { figure: string; unit: string; value: number }[];
	lines: string[];
}

/** Characters and words the synthetic documents are made of: a vocabulary, not five sentences, so a query matches a realistic share. */
const HANZI =
	'客户回访流程服务台组长负责投诉处理需要小时内给出首次答复现场工程师到达后先确认设备编号保修状态新员工入职第一周跟随资深同事工单月度指标包括解决率平均时长质量改进计划风险评估监控运营管理技术支持交付资源市场目标原则框架组织人员实施短期长期应对持续评价数据系统'.split(
		''
	);
const ENGLISH =
	'service desk customer callback complaint escalation manager warranty engineer review region survey ticket schedule shift handover incident response quality risk budget training process improvement target measure owner pilot rollback monitor report vendor contract meeting'.split(
		' '
	);
const FORMS = ['', 's', 'ing', 'ed'];

/** A fixed pseudo-random sequence, so every run indexes the same text. */
function generator(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

function passagesOf(n: number) {
	const random = generator(n + 1);
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
	return Array.from({ length: 10 }, (_, i) => {
		const words =
			i % 2 === 0
				? Array.from({ length: 20 }, () => pick(HANZI) + pick(HANZI)).join('')
				: Array.from({ length: 14 }, () => pick(ENGLISH) + pick(FORMS)).join(' ');
		// A word of its own per document, so a rare query has exactly one hit.
		return { key: `b${i}`, text: `${words} doc${n}word` };
	});
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

export async function runSearchBench(
	options: BenchOptions,
	progress: (message: string) => void
): Promise<SearchResult> {
	const count = options.searchDocuments;
	const handle = await openDatabase({ databaseUrl: null, dataDir: 'memory://' });
	try {
		const user = await signUp(handle.db, {
			name: 'Bench',
			email: 'bench@example.com',
			password: 'bench password'
		});
		const workspace = await createWorkspace(handle.db, user.id, 'Bench');
		const ids = Array.from({ length: count }, (_, n) => `benchdoc${String(n).padStart(12, '0')}`);
		for (let i = 0; i < ids.length; i += 500) {
			await handle.db.insert(documents).values(
				ids.slice(i, i + 500).map((id, j) => ({
					id,
					workspaceId: workspace.id,
					kind: 'framework' as const,
					title: j % 2 ? `服务框架 ${i + j}` : `Service framework ${i + j}`,
					createdBy: user.id
				}))
			);
		}
		progress(`search: indexing ${count} documents`);
		const started = performance.now();
		for (let n = 0; n < ids.length; n++) await indexDocument(handle.db, ids[n], 1, passagesOf(n));
		const buildMs = performance.now() - started;
		const [{ rows }] = await handle.db
			.select({ rows: sql<number>`count(*)::int` })
			.from(sql`search_passages`);

		const access = { workspaceId: workspace.id, userId: user.id, role: 'owner' as const };
		const queries = [
			'回访',
			'访',
			'schedules',
			'escal',
			`doc${Math.floor(count / 2)}word`,
			'投诉 complaint'
		];
		const times: number[] = [];
		const hits = new Map<string, number>();
		for (let round = 0; round < 20; round++) {
			for (const q of queries) {
				const t = performance.now();
				const found = await searchWorkspace(handle.db, access, q, 20);
				times.push(performance.now() - t);
				hits.set(q, found.length);
			}
		}
		times.sort((a, b) => a - b);
		const figures = [
			{ figure: `index build, ${count} documents`, unit: 's', value: buildMs / 1000 },
			{ figure: 'index build per document', unit: 'ms', value: buildMs / count },
			{ figure: 'query p50', unit: 'ms', value: percentile(times, 50) },
			{ figure: 'query p95', unit: 'ms', value: percentile(times, 95) }
		];
		const lines = [
			'',
			`Search (ours only; PGlite in process; ${count} documents, ${rows} passages; ${times.length} queries)`,
			...figures.map(
				(f) => `  ${f.figure.padEnd(36)} ${f.value.toFixed(f.unit === 's' ? 1 : 2)} ${f.unit}`
			),
			`  hits per query (limit 20): ${queries.map((q) => `${q}=${hits.get(q)}`).join(', ')}`
		];
		return { figures, lines };
	} finally {
		await handle.close();
	}
}
