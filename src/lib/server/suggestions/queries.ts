import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { m } from '$lib/paraglide/messages';
import {
	MAX_SUGGESTION_PAGE,
	SUGGESTION_PAGE,
	SUGGESTION_SORTS,
	SUGGESTION_STATUSES,
	TRENDING_DAYS,
	WAITING_DAYS,
	type SuggestionLink,
	type SuggestionResult,
	type SuggestionSort,
	type SuggestionStatus
} from '$lib/model/suggestions';
import type { Database } from '../db';
import {
	suggestionCategories,
	suggestionFollowers,
	suggestionVotes,
	suggestions,
	tasks,
	users,
	type TaskStatus
} from '../db/schema';
import { badRequest } from '../errors';
import type { SuggestionAccess } from './access';
import { shownAuthor, viewerWrote, viewerWroteAndFollows } from './anonymity';
import { fieldError, fieldLabel, requireChoice } from './fields';

export interface SuggestionView {
	id: string;
	workspaceId: string;
	title: string;
	situation: string;
	proposal: string;
	benefit: string;
	category: { id: string; name: string } | null;
	status: SuggestionStatus;
	statusNote: string | null;
	votes: number;
	voted: boolean;
	following: boolean;
	anonymous: boolean;
	/** Null when anonymous, unless the caller is the author. */
	author: { id: string; name: string } | null;
	/** The caller wrote it (only ever about the caller). */
	mine: boolean;
	commentCount: number;
	links: SuggestionLink[];
	task: { id: string; title: string; status: TaskStatus } | null;
	mergedInto: string | null;
	/** Shown to moderators and the author; others never get a hidden suggestion. */
	hidden: { reason: string | null } | null;
	result: SuggestionResult | null;
	createdAt: Date;
	updatedAt: Date;
}

export interface SuggestionFilters {
	status?: SuggestionStatus[];
	categoryId?: string;
	mine?: boolean;
	following?: boolean;
	q?: string;
	/** Moderators: open suggestions with no status change or reply for WAITING_DAYS, oldest first. */
	waiting?: boolean;
	sort?: SuggestionSort;
}

/** A suggestion and those merged into it: votes and followers count over the group, each person once. */
const group = (id: SQL | typeof suggestions.id) =>
	sql`(select g.id from ${suggestions} g where g.id = ${id} or g.merged_into_id = ${id})`;

const voteCount = sql<number>`(select count(distinct v.user_id)::int from ${suggestionVotes} v where v.suggestion_id in ${group(suggestions.id)})`;
const recentVotes = sql<number>`(select count(distinct v.user_id)::int from ${suggestionVotes} v where v.suggestion_id in ${group(suggestions.id)} and v.created_at > now() - ${TRENDING_DAYS} * interval '1 day')`;
const commentCount = sql<number>`(select count(*)::int from suggestion_comments c where c.suggestion_id = ${suggestions.id} and c.deleted_at is null)`;

const shownAuthors = alias(users, 'shown_author');

function columns(viewerId: string) {
	return {
		id: suggestions.id,
		workspaceId: suggestions.workspaceId,
		title: suggestions.title,
		situation: suggestions.situation,
		proposal: suggestions.proposal,
		benefit: suggestions.benefit,
		categoryId: suggestions.categoryId,
		categoryName: suggestionCategories.name,
		status: suggestions.status,
		statusNote: suggestions.statusNote,
		anonymous: suggestions.anonymous,
		authorId: suggestions.authorId,
		authorName: shownAuthors.name,
		mergedIntoId: suggestions.mergedIntoId,
		hiddenAt: suggestions.hiddenAt,
		hiddenReason: suggestions.hiddenReason,
		links: suggestions.links,
		taskId: suggestions.taskId,
		taskTitle: tasks.title,
		taskStatus: tasks.status,
		result: suggestions.result,
		createdAt: suggestions.createdAt,
		updatedAt: suggestions.updatedAt,
		votes: voteCount,
		commentCount,
		mine: sql<boolean>`${viewerWrote(viewerId)}`,
		voted: sql<boolean>`exists (select 1 from ${suggestionVotes} v where v.suggestion_id in ${group(suggestions.id)} and v.user_id = ${viewerId})`,
		following: sql<boolean>`(exists (select 1 from ${suggestionFollowers} f where f.suggestion_id in ${group(suggestions.id)} and f.user_id = ${viewerId} and f.following) or ${viewerWroteAndFollows(viewerId, sql`${suggestions.id}`)})`
	};
}

type Row = Awaited<ReturnType<typeof baseQuery>>[number];

function toView(row: Row, viewer: { id: string; name: string }): SuggestionView {
	const mine = Boolean(row.mine);
	return {
		id: row.id,
		workspaceId: row.workspaceId,
		title: row.title,
		situation: row.situation,
		proposal: row.proposal,
		benefit: row.benefit,
		category:
			row.categoryId && row.categoryName ? { id: row.categoryId, name: row.categoryName } : null,
		status: row.status,
		statusNote: row.statusNote,
		votes: Number(row.votes),
		voted: Boolean(row.voted),
		following: Boolean(row.following),
		anonymous: row.anonymous,
		author: shownAuthor(row, mine, viewer),
		mine,
		commentCount: Number(row.commentCount),
		links: row.links,
		task:
			row.taskId && row.taskTitle && row.taskStatus
				? { id: row.taskId, title: row.taskTitle, status: row.taskStatus }
				: null,
		mergedInto: row.mergedIntoId,
		hidden: row.hiddenAt ? { reason: row.hiddenReason } : null,
		result: row.result,
		createdAt: row.createdAt,
		updatedAt: row.updatedAt
	};
}

function baseQuery(db: Database, viewerId: string) {
	return db
		.select(columns(viewerId))
		.from(suggestions)
		.leftJoin(suggestionCategories, eq(suggestionCategories.id, suggestions.categoryId))
		.leftJoin(shownAuthors, eq(shownAuthors.id, suggestions.authorId))
		.leftJoin(tasks, eq(tasks.id, suggestions.taskId));
}

/** Hidden suggestions are seen by moderators and by their author only. */
function visibleTo(access: SuggestionAccess): SQL {
	if (access.moderator) return sql`true`;
	return or(isNull(suggestions.hiddenAt), viewerWrote(access.userId))!;
}

/** `%`, `_` and `\` in a search are meant literally. */
function likePattern(q: string): string {
	return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function whereFor(access: SuggestionAccess, filters: SuggestionFilters, withStatus = true): SQL {
	const conditions: SQL[] = [eq(suggestions.workspaceId, access.workspaceId), visibleTo(access)];
	if (withStatus && filters.status && filters.status.length > 0) {
		conditions.push(inArray(suggestions.status, filters.status));
	} else if (withStatus && !filters.waiting) {
		// Duplicates live inside the suggestion they were merged into.
		conditions.push(sql`${suggestions.status} <> 'duplicate'`);
	}
	if (filters.categoryId) conditions.push(eq(suggestions.categoryId, filters.categoryId));
	if (filters.mine) conditions.push(viewerWrote(access.userId));
	if (filters.following) {
		conditions.push(
			sql`(exists (select 1 from ${suggestionFollowers} f where f.suggestion_id = ${suggestions.id} and f.user_id = ${access.userId} and f.following) or ${viewerWroteAndFollows(access.userId, sql`${suggestions.id}`)})`
		);
	}
	if (filters.q) {
		// ILIKE finds Chinese as well as English: Chinese has no spaces to split words on.
		const pattern = likePattern(filters.q);
		conditions.push(
			sql`(${suggestions.title} ilike ${pattern} or ${suggestions.situation} ilike ${pattern} or ${suggestions.proposal} ilike ${pattern} or ${suggestions.benefit} ilike ${pattern})`
		);
	}
	if (filters.waiting) {
		conditions.push(
			sql`${suggestions.status} not in ('done', 'declined', 'duplicate')`,
			sql`coalesce(${suggestions.attendedAt}, ${suggestions.createdAt}) < now() - ${WAITING_DAYS} * interval '1 day'`
		);
	}
	return and(...conditions)!;
}

function orderFor(filters: SuggestionFilters): SQL[] {
	if (filters.waiting)
		return [asc(sql`coalesce(${suggestions.attendedAt}, ${suggestions.createdAt})`)];
	switch (filters.sort ?? 'newest') {
		case 'newest':
			return [desc(suggestions.createdAt), desc(suggestions.id)];
		case 'votes':
			return [desc(voteCount), desc(suggestions.createdAt)];
		case 'trending':
			return [desc(recentVotes), desc(voteCount), desc(suggestions.createdAt)];
		case 'updated':
			return [desc(suggestions.updatedAt), desc(suggestions.id)];
	}
}

export interface SuggestionPage {
	suggestions: SuggestionView[];
	/** The offset of the next page; null when this is the last. */
	next: number | null;
}

/**
 * One page of the list. Every order ends on the id, so pages neither repeat
 * nor skip a suggestion while nothing changes in between.
 */
export async function listSuggestions(
	db: Database,
	access: SuggestionAccess,
	viewer: { id: string; name: string },
	filters: SuggestionFilters = {},
	page: { limit?: number; offset?: number } = {}
): Promise<SuggestionPage> {
	if (filters.waiting && !access.moderator) {
		throw fieldError('waiting', m.suggestions_error_waiting_moderators);
	}
	const limit = Math.min(page.limit ?? SUGGESTION_PAGE, MAX_SUGGESTION_PAGE);
	const offset = page.offset ?? 0;
	const rows = await baseQuery(db, viewer.id)
		.where(whereFor(access, filters))
		.orderBy(...orderFor(filters), asc(suggestions.id))
		.limit(limit + 1)
		.offset(offset);
	return {
		suggestions: rows.slice(0, limit).map((row) => toView(row, viewer)),
		next: rows.length > limit ? offset + limit : null
	};
}

/** Every suggestion the filters match, page by page (CSV exports, merge targets). */
export async function listAllSuggestions(
	db: Database,
	access: SuggestionAccess,
	viewer: { id: string; name: string },
	filters: SuggestionFilters = {}
): Promise<SuggestionView[]> {
	const all: SuggestionView[] = [];
	let offset: number | null = 0;
	while (offset !== null) {
		const page = await listSuggestions(db, access, viewer, filters, {
			limit: MAX_SUGGESTION_PAGE,
			offset
		});
		all.push(...page.suggestions);
		offset = page.next;
	}
	return all;
}

/** Counts per status over the same filters, ignoring the status filter. */
export async function countSuggestions(
	db: Database,
	access: SuggestionAccess,
	filters: SuggestionFilters = {}
): Promise<Record<SuggestionStatus, number>> {
	const rows = await db
		.select({ status: suggestions.status, n: sql<number>`count(*)::int` })
		.from(suggestions)
		.where(whereFor(access, filters, false))
		.groupBy(suggestions.status);
	const counts = Object.fromEntries(SUGGESTION_STATUSES.map((s) => [s, 0])) as Record<
		SuggestionStatus,
		number
	>;
	for (const row of rows) counts[row.status] = Number(row.n);
	return counts;
}

/** A suggestion as the caller may see it; null when it does not exist or is hidden from them. */
export async function getSuggestion(
	db: Database,
	access: SuggestionAccess,
	viewer: { id: string; name: string },
	id: string
): Promise<SuggestionView | null> {
	const [row] = await baseQuery(db, viewer.id).where(
		and(eq(suggestions.id, id), eq(suggestions.workspaceId, access.workspaceId), visibleTo(access))
	);
	return row ? toView(row, viewer) : null;
}

/** The workspace a suggestion belongs to, to check access before anything else. */
export async function workspaceOfSuggestion(db: Database, id: string): Promise<string | null> {
	const [row] = await db
		.select({ workspaceId: suggestions.workspaceId })
		.from(suggestions)
		.where(eq(suggestions.id, id));
	return row?.workspaceId ?? null;
}

/** The suggestions merged into this one. */
export async function listDuplicates(
	db: Database,
	access: SuggestionAccess,
	id: string
): Promise<{ id: string; title: string }[]> {
	return db
		.select({ id: suggestions.id, title: suggestions.title })
		.from(suggestions)
		.where(and(eq(suggestions.mergedIntoId, id), visibleTo(access)))
		.orderBy(asc(suggestions.createdAt));
}

/** Parses list filters from query parameters (API and page alike). */
export function readSuggestionFilters(params: URLSearchParams): SuggestionFilters {
	const filters: SuggestionFilters = {};
	const status = params.get('status');
	if (status) {
		filters.status = status
			.split(',')
			.filter(Boolean)
			.map((s) => requireChoice(s.trim(), 'status', SUGGESTION_STATUSES));
	}
	const category = params.get('category');
	if (category) filters.categoryId = category;
	if (params.get('mine') === 'true') filters.mine = true;
	if (params.get('following') === 'true') filters.following = true;
	if (params.get('waiting') === 'true') filters.waiting = true;
	const q = params.get('q')?.trim();
	if (q) {
		if (q.length > 200) {
			throw badRequest(m.suggestions_error_too_long({ field: fieldLabel('q'), max: 200 }));
		}
		filters.q = q;
	}
	const sort = params.get('sort');
	if (sort) filters.sort = requireChoice(sort, 'sort', SUGGESTION_SORTS);
	return filters;
}

function wholeNumber(params: URLSearchParams, field: string, min: number, max: number) {
	const raw = params.get(field);
	if (raw === null || raw === '') return undefined;
	const n = Number(raw);
	if (!Number.isSafeInteger(n) || n < min || n > max) {
		throw badRequest(m.suggestions_error_whole_number({ field: fieldLabel(field), min, max }));
	}
	return n;
}

/** `limit` (1 to MAX_SUGGESTION_PAGE) and `offset` from query parameters. */
export function readPage(params: URLSearchParams): { limit?: number; offset?: number } {
	return {
		limit: wholeNumber(params, 'limit', 1, MAX_SUGGESTION_PAGE),
		offset: wholeNumber(params, 'offset', 0, 1_000_000)
	};
}
