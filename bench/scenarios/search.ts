import fs from 'node:fs';
import path from 'node:path';
import { count, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Room } from '../../server/sync/room';
import { SearchIndexing } from '../../server/sync/search-indexing';
import { parseSearchQuery } from '../../src/lib/model/search/query';
import { openDatabase, type Database } from '../../src/lib/server/db';
import { rowsOf } from '../../src/lib/server/db/rows';
import {
	documents,
	memberships,
	searchPassages,
	suggestionAuthors,
	suggestions,
	tasks,
	type DocumentKind
} from '../../src/lib/server/db/schema';
import { indexDocument } from '../../src/lib/server/search/index-document';
import { searchStatement, searchWorkspace } from '../../src/lib/server/search/search-workspace';
import { isModerator } from '../../src/lib/server/suggestions/access';
import { signUp } from '../../src/lib/server/users';
import { createWorkspace, requireWorkspaceRole } from '../../src/lib/server/workspaces';
import type { BenchOptions } from '../options';

/**
 * Workspace search (ours only). `searchDocuments` documents spread over eight
 * workspaces of uneven size (30 % down to 5 %) and three kinds (framework
 * blocks, flow step labels and arrows, retro columns, cards and actions),
 * their passages written through the indexer's own write (`indexDocument`,
 * one transaction per document as after an edit); one task per document and
 * a suggestion per five, some hidden. The searcher is an editor of three of
 * the eight workspaces and no moderator, so every measured query goes
 * through the route's membership check and the hidden-suggestion filter,
 * and every index lookup sees the other workspaces' rows too. Each query
 * type is timed in each of the searcher's workspaces through
 * `searchWorkspace`, the service the API calls; the index latency is an
 * edit to a framework document's Y.Doc through the sync server's indexer
 * (`SearchIndexing.settle`) until a search finds it. Then the statement of
 * each query type is run under EXPLAIN (ANALYZE, BUFFERS) in the largest of
 * those workspaces. PGlite in this process, or PostgreSQL with
 * `--search-database-url` (an empty database).
 */
export interface SearchResult {
	figures: { figure: string; unit: string; value: number }[];
	lines: string[];
}

/**
 * Words the synthetic text is made of: a vocabulary, not five sentences, so
 * a query matches a realistic share. Chinese is written without spaces, so a
 * passage is a run of these words, and 回访 sits inside runs like 客户回访流程.
 */
const CHINESE =
	'客户 回访 流程 服务台 组长 负责 投诉 处理 需要 小时 首次 答复 现场 工程师 到达 确认 设备 编号 保修 状态 新员工 入职 第一周 跟随 资深 同事 工单 月度 指标 解决率 平均 时长 质量 改进 计划 风险 评估 监控 运营 管理 技术 支持 交付 资源 市场 目标 原则 框架 组织 人员 实施 短期 长期 应对 持续 评价 数据 系统 访谈 排班'.split(
		' '
	);
const ENGLISH =
	'service desk customer callback complaint escalation manager warranty engineer review region survey ticket schedule shift handover incident response quality risk budget training process improvement target measure owner pilot rollback monitor report vendor contract meeting'.split(
		' '
	);
const FORMS = ['', 's', 'ing', 'ed'];

/** Share of the documents in each workspace; the searcher belongs to 0, 3 and 6. */
const WORKSPACE_SHARES = [0.3, 0.2, 0.15, 0.1, 0.1, 0.05, 0.05, 0.05];
const SEARCHER_WORKSPACES = [0, 3, 6];
/** Rounds of every query type in each of the searcher's workspaces. */
const ROUNDS = 20;
const LATENCY_SAMPLES = 30;

/** The query types, by what they exercise; `rare` is filled in with a word one document holds. */
function queryTypes(rare: string): { type: string; q: string }[] {
	return [
		{ type: 'Chinese word inside a run', q: '回访' },
		{ type: 'Chinese phrase (4 characters)', q: '客户回访' },
		{ type: 'one Chinese character', q: '访' },
		{ type: 'English stem', q: 'schedules' },
		{ type: 'English prefix', q: 'escal' },
		{ type: 'rare word (one document)', q: rare },
		{ type: 'mixed', q: '投诉 complaint' }
	];
}

/** A fixed pseudo-random sequence, so every run indexes the same text. */
function generator(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]) => list[Math.floor(random() * list.length)];
const hanzi = (random: Random, words: number) =>
	Array.from({ length: words }, () => pick(random, CHINESE)).join('');
const english = (random: Random, words: number) =>
	Array.from({ length: words }, () => pick(random, ENGLISH) + pick(random, FORMS)).join(' ');
/** Chinese, English, or (one in three) both, as teams write. */
const either = (random: Random, n: number, pairs: number, words: number) =>
	n % 3 === 0
		? `${hanzi(random, Math.ceil(pairs / 2))} ${english(random, Math.ceil(words / 2))}`
		: n % 3 === 1
			? hanzi(random, pairs)
			: english(random, words);

const KIND_CYCLE: DocumentKind[] = ['framework', 'framework', 'flow', 'framework', 'retro'];

/** Passages shaped as each kind's reader writes them (src/lib/model/search/passages.ts). */
function passagesOf(n: number, kind: DocumentKind) {
	const random = generator(n + 1);
	const rare = `doc${n}word`;
	if (kind === 'framework') {
		return Array.from({ length: 10 }, (_, i) => ({
			key: `b${i}`,
			text: `${either(random, i, 20, 14)}${i === 9 ? ` ${rare}` : ''}`
		}));
	}
	if (kind === 'flow') {
		return [
			...Array.from({ length: 12 }, (_, i) => ({
				key: `node-n${i}`,
				text: `${either(random, i + n, 3, 3)} ${i % 2 ? 'Service desk' : '服务台'} 4h${i === 11 ? ` ${rare}` : ''}`
			})),
			...Array.from({ length: 6 }, (_, i) => ({
				key: `edge-e${i}`,
				text: i % 2 ? 'yes' : '是'
			}))
		];
	}
	return [
		...['做得好', '待改进', 'Action items'].map((title, i) => ({
			key: `column-c${i}`,
			text: title
		})),
		...Array.from({ length: 20 }, (_, i) => ({
			key: `card-k${i}`,
			text: `${either(random, i + n, 6, 8)}${i === 19 ? ` ${rare}` : ''}`
		})),
		...Array.from({ length: 2 }, (_, i) => ({
			key: `action-a${i}`,
			text: either(random, i, 4, 5)
		}))
	];
}

const TITLES: Record<DocumentKind, [string, string]> = {
	framework: ['服务框架', 'Service framework'],
	flow: ['客户回访流程', 'Callback flow'],
	retro: ['月度复盘', 'Monthly retro']
};

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

const ms = (value: number) => value.toFixed(value < 10 ? 2 : 1);

export async function runSearchBench(
	options: BenchOptions,
	progress: (message: string) => void
): Promise<SearchResult> {
	const total = options.searchDocuments;
	const engineName = options.searchDatabaseUrl ? 'PostgreSQL' : 'PGlite in process';
	const handle = await openDatabase({
		databaseUrl: options.searchDatabaseUrl,
		dataDir: 'memory://'
	});
	const db = handle.db;
	try {
		const [{ existing }] = await db.select({ existing: count() }).from(documents);
		if (existing > 0)
			throw new Error('search bench: --search-database-url must be an empty database');
		const owner = await signUp(db, {
			name: 'Owner',
			email: 'owner@example.com',
			password: 'bench password'
		});
		const searcher = await signUp(db, {
			name: 'Searcher',
			email: 'searcher@example.com',
			password: 'bench password'
		});
		const workspaceIds: string[] = [];
		for (let w = 0; w < WORKSPACE_SHARES.length; w++) {
			const workspace = await createWorkspace(db, owner.id, `Bench ${w}`);
			workspaceIds.push(workspace.id);
		}
		await db.insert(memberships).values(
			SEARCHER_WORKSPACES.map((w) => ({
				workspaceId: workspaceIds[w],
				userId: searcher.id,
				role: 'editor' as const
			}))
		);

		// Documents, by workspace share; kinds cycle; one in fifty archived.
		const docs: { id: string; workspace: number; kind: DocumentKind }[] = [];
		WORKSPACE_SHARES.forEach((share, w) => {
			const size = w === 0 ? total - Math.round(total * (1 - share)) : Math.round(total * share);
			for (let i = 0; i < size && docs.length < total; i++) {
				docs.push({ id: '', workspace: w, kind: KIND_CYCLE[docs.length % KIND_CYCLE.length] });
			}
		});
		while (docs.length < total) docs.push({ id: '', workspace: 1, kind: 'framework' });
		docs.forEach((doc, n) => (doc.id = `benchdoc${String(n).padStart(12, '0')}`));
		for (let i = 0; i < docs.length; i += 500) {
			await db.insert(documents).values(
				docs.slice(i, i + 500).map((doc, j) => {
					const n = i + j;
					return {
						id: doc.id,
						workspaceId: workspaceIds[doc.workspace],
						kind: doc.kind,
						title: `${TITLES[doc.kind][n % 2]} ${n}`,
						createdBy: owner.id,
						archivedAt: n % 50 === 49 ? new Date() : null
					};
				})
			);
		}
		// One task per document (half of them from a flow or a board), a suggestion per five.
		for (let i = 0; i < docs.length; i += 500) {
			await db.insert(tasks).values(
				docs.slice(i, i + 500).map((doc, j) => {
					const n = i + j;
					const random = generator(1_000_000 + n);
					const sourced = doc.kind !== 'framework';
					return {
						id: `benchtask${String(n).padStart(12, '0')}`,
						workspaceId: workspaceIds[doc.workspace],
						sourceDocumentId: sourced ? doc.id : null,
						sourceKey: sourced ? `action-a0` : null,
						title: either(random, n, 4, 5),
						createdBy: owner.id
					};
				})
			);
		}
		const suggestionRows = docs
			.filter((_, n) => n % 5 === 0)
			.map((doc, k) => {
				const random = generator(2_000_000 + k);
				return {
					id: `benchsugg${String(k).padStart(12, '0')}`,
					workspaceId: workspaceIds[doc.workspace],
					title: either(random, k, 5, 6),
					situation: either(random, k, 15, 12),
					proposal: either(random, k + 1, 15, 12),
					benefit: either(random, k, 8, 6),
					authorId: null,
					anonymous: true,
					hiddenAt: k % 10 === 3 ? new Date() : null
				};
			});
		for (let i = 0; i < suggestionRows.length; i += 500) {
			await db.insert(suggestions).values(suggestionRows.slice(i, i + 500));
		}
		// The searcher wrote every 20th (some of them hidden: those they still see).
		await db
			.insert(suggestionAuthors)
			.values(
				suggestionRows
					.filter((_, k) => k % 20 === 3)
					.map((s) => ({ suggestionId: s.id, userId: searcher.id }))
			);

		progress(`search: indexing ${total} documents on ${engineName}`);
		const started = performance.now();
		for (let n = 0; n < docs.length; n++) {
			await indexDocument(db, docs[n].id, 1, passagesOf(n, docs[n].kind));
		}
		const buildMs = performance.now() - started;
		await db.execute(sql`analyze`);
		const [{ passages }] = await db.select({ passages: count() }).from(searchPassages);
		const [{ taskCount }] = await db.select({ taskCount: count() }).from(tasks);

		/** What the API does for one query: the membership check, then the service. */
		const search = async (workspaceId: string, q: string) => {
			const { role } = await requireWorkspaceRole(db, workspaceId, searcher.id);
			return searchWorkspace(db, { workspaceId, userId: searcher.id, role }, q, 20);
		};
		const refused = await search(workspaceIds[1], '回访').then(
			() => false,
			() => true
		);
		if (!refused) throw new Error('search bench: a non-member could search a workspace');

		// The rare word of a live document in the searcher's largest workspace.
		const rareDoc = docs.findIndex(
			(d, n) => d.workspace === 0 && n > docs.length * 0.1 && n % 50 !== 49
		);
		const types = queryTypes(`doc${rareDoc}word`);
		const times = new Map<string, number[]>(types.map((t) => [t.type, []]));
		const hits = new Map<string, number[]>(types.map((t) => [t.type, []]));
		progress(`search: ${ROUNDS} rounds of ${types.length} query types`);
		for (let round = 0; round < ROUNDS; round++) {
			for (const w of SEARCHER_WORKSPACES) {
				for (const { type, q } of types) {
					const t = performance.now();
					const found = await search(workspaceIds[w], q);
					times.get(type)!.push(performance.now() - t);
					if (round === 0) hits.get(type)!.push(found.length);
				}
			}
		}
		const rareHits = await search(workspaceIds[0], `doc${rareDoc}word`);
		if (!rareHits.some((h) => h.id === docs[rareDoc].id)) {
			throw new Error('search bench: the rare word did not find its document');
		}

		const latency = await measureIndexLatency(db, workspaceIds[0], owner.id, search);
		const plans = await explainAll(db, workspaceIds[0], searcher.id, types, options);

		const figures: SearchResult['figures'] = [
			{ figure: `index build, ${total} documents`, unit: 's', value: buildMs / 1000 },
			{ figure: 'index build per document', unit: 'ms', value: buildMs / total }
		];
		const table: string[] = [];
		for (const { type, q } of types) {
			const sorted = times.get(type)!.sort((a, b) => a - b);
			const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(sorted, p));
			figures.push(
				{ figure: `${type} p50`, unit: 'ms', value: p50 },
				{ figure: `${type} p95`, unit: 'ms', value: p95 },
				{ figure: `${type} p99`, unit: 'ms', value: p99 }
			);
			table.push(
				`  ${`${type} (${q})`.padEnd(44)} ${ms(p50).padStart(7)} ${ms(p95).padStart(7)} ${ms(p99).padStart(7)}   ${hits.get(type)!.join('/')}`
			);
		}
		const sortedLatency = latency.sort((a, b) => a - b);
		const latencyFigures = [50, 95, 99].map((p) => percentile(sortedLatency, p));
		figures.push(
			{ figure: 'index latency p50', unit: 'ms', value: latencyFigures[0] },
			{ figure: 'index latency p95', unit: 'ms', value: latencyFigures[1] },
			{ figure: 'index latency p99', unit: 'ms', value: latencyFigures[2] }
		);
		const lines = [
			'',
			`Search (ours only; ${engineName}; ${total} documents in ${workspaceIds.length} workspaces, ${passages} passages, ${taskCount} tasks, ${suggestionRows.length} suggestions; searcher in ${SEARCHER_WORKSPACES.length} workspaces, ${ROUNDS * SEARCHER_WORKSPACES.length} queries per type)`,
			`  index build ${(buildMs / 1000).toFixed(1)} s (${ms(buildMs / total)} ms per document)`,
			`  ${'query type'.padEnd(44)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)}   hits (limit 20) per workspace`,
			...table,
			`  index latency, edit → searchable (settle run + search; the server first waits for 750 ms of quiet): p50 ${ms(latencyFigures[0])}, p95 ${ms(latencyFigures[1])}, p99 ${ms(latencyFigures[2])} ms`,
			`  plans (EXPLAIN ANALYZE in the searcher's largest workspace, ${docs.filter((d) => d.workspace === 0).length} documents):`,
			...plans.map((p) => `    ${p}`)
		];
		return { figures, lines };
	} finally {
		await handle.close();
	}
}

/**
 * An edit to a framework document, through the sync server's indexer: a
 * paragraph with a new word appended to the room's Y.Doc, the settle run the
 * scheduler would start, then a search until it finds the word.
 */
async function measureIndexLatency(
	db: Database,
	workspaceId: string,
	ownerId: string,
	search: (workspaceId: string, q: string) => Promise<{ id: string }[]>
): Promise<number[]> {
	const documentId = 'benchlatencydoc';
	await db.insert(documents).values({
		id: documentId,
		workspaceId,
		kind: 'framework',
		title: 'Latency',
		createdBy: ownerId
	});
	const doc = new Y.Doc();
	const content = doc.getXmlFragment('content');
	const append = (text: string) => {
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText(text)]);
		content.insert(content.length, [paragraph]);
	};
	const random = generator(42);
	for (let i = 0; i < 10; i++) append(either(random, i, 20, 14));
	const room = {
		documentId,
		kind: 'framework',
		doc,
		state: 'open',
		committedThrough: 1
	} as unknown as Room & { committedThrough: number };
	const indexing = new SearchIndexing({
		db,
		store: { findUnindexed: async () => [] },
		retry: () => {}
	});
	await indexing.settle(room);
	const samples: number[] = [];
	for (let i = 0; i < LATENCY_SAMPLES; i++) {
		const word = `latency${i}marker`;
		append(`${either(random, i, 10, 8)} ${word}`);
		(room as { committedThrough: number }).committedThrough += 1;
		const t = performance.now();
		await indexing.settle(room);
		for (let tries = 0; ; tries++) {
			if ((await search(workspaceId, word)).some((h) => h.id === documentId)) break;
			if (tries > 100) throw new Error(`search bench: ${word} was never found`);
		}
		samples.push(performance.now() - t);
	}
	return samples;
}

/**
 * Each query type's statement under EXPLAIN (ANALYZE, BUFFERS): the whole
 * plans to bench/results/search-plans-<engine>.txt, one line each here (the
 * scans with their index and rows, sorts, time).
 */
async function explainAll(
	db: Database,
	workspaceId: string,
	userId: string,
	types: { type: string; q: string }[],
	options: BenchOptions
): Promise<string[]> {
	const moderator = await isModerator(db, workspaceId, userId, 'editor');
	const out: string[] = [];
	const summaries: string[] = [];
	for (const { type, q } of types) {
		const statement = searchStatement(parseSearchQuery(q), { workspaceId, userId, moderator }, 40);
		if (!statement) continue;
		const plan = rowsOf<{ 'QUERY PLAN': string }>(
			await db.execute(sql`explain (analyze, buffers) ${statement}`)
		).map((r) => r['QUERY PLAN']);
		out.push(`-- ${type}: ${q}`, ...plan, '');
		summaries.push(`${type}: ${summarizePlan(plan)}`);
	}
	const file = path.resolve(
		import.meta.dirname,
		`../results/search-plans-${options.searchDatabaseUrl ? 'postgres' : 'pglite'}.txt`
	);
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, out.join('\n'));
	summaries.push(`(whole plans: bench/results/${path.basename(file)})`);
	return summaries;
}

function summarizePlan(plan: string[]): string {
	const parts: string[] = [];
	const scan =
		/(Seq Scan|Index Scan|Index Only Scan|Bitmap Index Scan|Bitmap Heap Scan) (?:using |on )?(\S+).*actual time=[\d.]+\.\.([\d.]+) rows=([\d.]+) loops=(\d+)/;
	for (const line of plan) {
		const found = scan.exec(line);
		if (found) {
			const [, node, name, ms, rows, loops] = found;
			const short = node.replace('Bitmap Index Scan', 'bitmap').replace('Bitmap Heap Scan', 'heap');
			parts.push(
				`${short} ${name} ${Math.round(Number(rows))} rows${loops !== '1' ? ` ×${loops}` : ''} ${Number(ms).toFixed(1)} ms`
			);
		}
		const removed = /Rows Removed by (?:Filter|Index Recheck): (\d+)/.exec(line);
		if (removed) parts.push(`(${removed[1]} removed)`);
		const sort = /Sort Method: (\S+(?: \S+)?)\s+Memory: (\S+)/.exec(line);
		if (sort) parts.push(`sort ${sort[1]} ${sort[2]}`);
		if (/^\s*SubPlan/.test(line)) parts.push('subplan');
		const time = /Execution Time: ([\d.]+) ms/.exec(line);
		if (time) parts.unshift(`${Number(time[1]).toFixed(1)} ms`);
	}
	return parts.join('; ');
}
