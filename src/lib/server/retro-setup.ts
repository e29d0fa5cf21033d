import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import * as Y from 'yjs';
import {
	findTemplate,
	initRetroDocument,
	listForReview,
	MAX_COLUMNS,
	RETRO_TEMPLATES,
	templateColumns,
	validateVoteLimits,
	type ReviewItem
} from '$lib/model/retro';
import type { Locale } from '$lib/paraglide/runtime';
import type { Database } from './db';
import { documents, tasks } from './db/schema';
import { badRequest } from './errors';
import { requireOneOf, requireString } from './validate';
import { m } from '../paraglide/messages.js';

export interface RetroSetupInput {
	template?: unknown;
	columns?: unknown;
	anonymous?: unknown;
	voteBudget?: unknown;
	votesPerCard?: unknown;
	hideTallies?: unknown;
}

/** Reviewing more than this at the start of a meeting would not happen anyway. */
const REVIEW_LIMIT = 100;

/** Open actions of the workspace's other retros, oldest first: what the next meeting reviews. */
export async function findActionsToReview(
	db: Database,
	workspaceId: string,
	exceptDocumentId: string
): Promise<Omit<ReviewItem, 'outcome'>[]> {
	const rows = await db
		.select({
			taskId: tasks.id,
			title: tasks.title,
			ownerId: tasks.assigneeId,
			dueDate: tasks.dueDate,
			sourceDocumentId: documents.id,
			sourceTitle: documents.title
		})
		.from(tasks)
		.innerJoin(documents, eq(documents.id, tasks.sourceDocumentId))
		.where(
			and(
				eq(tasks.workspaceId, workspaceId),
				eq(documents.kind, 'retro'),
				ne(documents.id, exceptDocumentId),
				inArray(tasks.status, ['open', 'in_progress', 'blocked']),
				isNull(tasks.removedFromSourceAt)
			)
		)
		.orderBy(asc(tasks.createdAt))
		.limit(REVIEW_LIMIT);
	return rows.map((r) => ({ ...r, ownerId: r.ownerId ?? null, dueDate: r.dueDate ?? null }));
}

function optionalBoolean(value: unknown, field: string): boolean | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== 'boolean') throw badRequest(m.server_field_boolean({ field }));
	return value;
}

export function requireColumnTitle(value: unknown): string {
	return requireString(value, m.server_field_column_title(), { max: 80 });
}

/**
 * The first state of a new retro board, as one Yjs update: columns from the
 * template in the creator's `locale` (or the caller's own), the settings, the creator as facilitator,
 * and the earlier retros' open actions for review. Stored with the document
 * row, so a board exists complete or not at all.
 */
export async function createRetroBoardUpdate(
	db: Database,
	workspaceId: string,
	documentId: string,
	facilitatorId: string,
	input: RetroSetupInput,
	locale: Locale
): Promise<Uint8Array> {
	const templateId = requireOneOf(
		input.template ?? 'start-stop-continue',
		'template',
		RETRO_TEMPLATES.map((t) => t.id)
	);
	let columns = templateColumns(findTemplate(templateId)!, locale);
	if (input.columns !== undefined) {
		if (!Array.isArray(input.columns) || input.columns.length > MAX_COLUMNS) {
			throw badRequest(m.server_retro_columns_list({ max: MAX_COLUMNS }));
		}
		columns = input.columns.map(requireColumnTitle);
	}
	const limits = validateVoteLimits({ budget: input.voteBudget, perCard: input.votesPerCard });
	if (typeof limits === 'string') throw badRequest(limits);
	const doc = new Y.Doc();
	initRetroDocument(doc, {
		facilitatorId,
		anonymous: optionalBoolean(input.anonymous, 'anonymous') ?? false,
		limits,
		hideTallies: optionalBoolean(input.hideTallies, 'hideTallies') ?? false,
		columns
	});
	listForReview(doc, await findActionsToReview(db, workspaceId, documentId));
	return Y.encodeStateAsUpdate(doc);
}
