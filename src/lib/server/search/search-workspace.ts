import { sql, type SQL } from 'drizzle-orm';
import {
	excerptAround,
	markMatches,
	parseSearchQuery,
	type ParsedQuery,
	type Segment
} from '../../model/search/query';
import type { Database } from '../db';
import { rowsOf } from '../db/rows';
import { isModerator } from '../suggestions/access';
import type { DocumentKind, Role } from '../db/schema';

export type SearchHitType = 'document' | 'task' | 'suggestion';

export interface SearchHit {
	type: SearchHitType;
	id: string;
	title: string;
	/** The kind of a document hit. */
	documentKind: DocumentKind | null;
	/** Where in a document the passage is (`search_passages.key`), or null for a title. */
	passageKey: string | null;
	/** The matching passage (or title) with the matching words marked. */
	excerpt: Segment[];
	/** The first matching words as they are written, for the page to find and show. */
	match: string | null;
	/** The source document of a task that came from one. */
	sourceDocumentId: string | null;
	/** A task gone from its source is listed only with removed tasks shown. */
	removedFromSource: boolean;
}

export const MAX_SEARCH_HITS = 50;

interface Row extends Record<string, unknown> {
	type: SearchHitType;
	id: string;
	title: string;
	kind: DocumentKind | null;
	key: string | null;
	text: string | null;
	source_document_id: string | null;
	removed: boolean;
}

/**
 * Searches what a member may read in one workspace: document titles and
 * passages (archived documents left out), tasks, and suggestions (hidden ones
 * only for moderators and their author). The caller has checked membership.
 * No hit carries an author, so an anonymous suggestion stays anonymous.
 */
export async function searchWorkspace(
	db: Database,
	access: { workspaceId: string; userId: string; role: Role },
	input: string,
	limit = 20
): Promise<SearchHit[]> {
	const parsed = parseSearchQuery(input);
	if (!parsed.english && !parsed.cjk) return [];
	const hits = Math.min(Math.max(limit, 1), MAX_SEARCH_HITS);
	const moderator = await isModerator(db, access.workspaceId, access.userId, access.role);
	const statement = searchStatement(
		parsed,
		{ workspaceId: access.workspaceId, userId: access.userId, moderator },
		2 * hits
	);
	if (!statement) return [];
	const rows = rowsOf<Row>(await db.execute(statement));
	return mergeDocumentHits(rows)
		.slice(0, hits)
		.map((row) => toHit(row, parsed.terms));
}

/**
 * The statement `searchWorkspace` runs: the best `limit` rows of every branch
 * together, best first (a document may come twice, title and passage). Null
 * for a query with no words. Exported for the search bench's query plans.
 */
export function searchStatement(
	parsed: ParsedQuery,
	reader: { workspaceId: string; userId: string; moderator: boolean },
	limit: number
): SQL | null {
	const query = toTsQuery(parsed);
	if (!query) return null;
	const ws = reader.workspaceId;
	// The query is written out in each branch rather than joined from a CTE,
	// so the planner sees a constant and uses each branch's GIN index. Every
	// branch filters by workspace on its own table (passages carry theirs), so
	// the workspace's index can be ANDed with the GIN index, and reads the
	// stored vectors: nothing computes a vector per row (migration 0016).
	return sql`
		select * from (
			select * from (
				select distinct on (p.document_id) 'document' as type, d.id, d.title, d.kind, p.key, p.text,
					null::text as source_document_id, false as removed, ts_rank(p.vector, ${query}) as rank
				from search_passages p join documents d on d.id = p.document_id
				where p.vector @@ ${query} and p.workspace_id = ${ws}
					and d.workspace_id = ${ws} and d.archived_at is null
				order by p.document_id, rank desc
			) passages
			union all
			select 'document', d.id, d.title, d.kind, null, null, null, false,
				ts_rank(d.search_vector, ${query})
			from documents d
			where d.search_vector @@ ${query} and d.workspace_id = ${ws} and d.archived_at is null
			union all
			select 'task', t.id, t.title, null, null, null, t.source_document_id,
				t.removed_from_source_at is not null, ts_rank(t.search_vector, ${query})
			from tasks t
			where t.search_vector @@ ${query} and t.workspace_id = ${ws}
			union all
			select 'suggestion', s.id, s.title, null, null,
				s.situation || ' ' || s.proposal || ' ' || s.benefit, null, false,
				ts_rank(s.search_vector, ${query})
			from suggestions s
			where s.search_vector @@ ${query} and s.workspace_id = ${ws}
				and ${reader.moderator ? sql`true` : sql`(s.hidden_at is null or exists (select 1 from suggestion_authors a where a.suggestion_id = s.id and a.user_id = ${reader.userId}))`}
		) hits
		order by rank desc, title, id
		limit ${limit}
	`;
}

/**
 * A document whose title and a passage both match is one hit: the passage
 * (which opens at the words), placed where the better of the two ranked.
 * Rows come best first.
 */
function mergeDocumentHits(rows: Row[]): Row[] {
	const byDocument = new Map<string, Row>();
	const merged: Row[] = [];
	for (const row of rows) {
		if (row.type !== 'document') {
			merged.push(row);
			continue;
		}
		const seen = byDocument.get(row.id);
		if (!seen) {
			byDocument.set(row.id, row);
			merged.push(row);
		} else if (seen.key === null && row.key !== null) {
			Object.assign(seen, { key: row.key, text: row.text });
		}
	}
	return merged;
}

function toTsQuery(parsed: { english: string; cjk: string }): SQL | null {
	const english = parsed.english ? sql`to_tsquery('english', ${parsed.english})` : null;
	const cjk = parsed.cjk ? sql`to_tsquery('simple', ${parsed.cjk})` : null;
	if (english && cjk) return sql`(${english} && ${cjk})`;
	return english ?? cjk;
}

function toHit(row: Row, terms: readonly string[]): SearchHit {
	const titleMarks = markMatches(row.title, terms);
	const textMarks = row.text ? excerptAround(markMatches(row.text, terms)) : null;
	const shown = textMarks && textMarks.some((s) => s.match) ? textMarks : titleMarks;
	return {
		type: row.type,
		id: row.id,
		title: row.title,
		documentKind: row.kind,
		passageKey: row.key,
		excerpt: textMarks ?? titleMarks,
		match: shown.find((s) => s.match)?.text ?? null,
		sourceDocumentId: row.source_document_id,
		removedFromSource: Boolean(row.removed)
	};
}
