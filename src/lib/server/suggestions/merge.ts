import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db';
import { suggestions } from '../db/schema';
import { m } from '$lib/paraglide/messages';
import { conflict, notFound } from '../errors';
import { fieldError } from './fields';
import { notifySuggestionMerged } from '../notifications/suggestion-triggers';
import type { SuggestionAccess } from './access';
import type { SuggestionDeps } from './deps';
import { recordEvent } from './events';

/*
 * A merge only marks the duplicate: its votes and followers stay on its own
 * rows, and the target counts distinct people over itself and its
 * duplicates (queries.ts). So nobody counts twice, and unmerging, which
 * clears the mark and restores the old status, leaves everything exactly as
 * it was before.
 */

/** Locks both rows in id order, so two merges of the same pair cannot deadlock. */
async function lockPair(tx: Executor, workspaceId: string, a: string, b: string) {
	const rows = await tx
		.select()
		.from(suggestions)
		.where(and(eq(suggestions.workspaceId, workspaceId), inArray(suggestions.id, [a, b].sort())))
		.orderBy(suggestions.id)
		.for('update');
	return new Map(rows.map((r) => [r.id, r]));
}

export async function mergeSuggestion(
	deps: SuggestionDeps,
	access: SuggestionAccess,
	id: string,
	input: Record<string, unknown>
): Promise<void> {
	const into = input.into;
	if (typeof into !== 'string' || into === '')
		throw fieldError('into', m.suggestions_error_required);
	if (into === id) throw fieldError('into', m.suggestions_error_into_other);
	await deps.db.transaction(async (tx) => {
		const rows = await lockPair(tx, access.workspaceId, id, into);
		const duplicate = rows.get(id);
		const target = rows.get(into);
		if (!duplicate) throw notFound(m.suggestions_error_not_found());
		if (!target) throw fieldError('into', m.suggestions_error_into_unknown);
		if (duplicate.mergedIntoId) throw conflict(m.suggestions_error_already_merged());
		if (target.mergedIntoId) throw fieldError('into', m.suggestions_error_into_merged);
		const [child] = await tx
			.select({ id: suggestions.id })
			.from(suggestions)
			.where(eq(suggestions.mergedIntoId, id))
			.limit(1);
		if (child) {
			throw conflict(m.suggestions_error_has_duplicates());
		}
		const now = new Date();
		await tx
			.update(suggestions)
			.set({
				mergedIntoId: into,
				statusBeforeMerge: duplicate.status,
				status: 'duplicate',
				updatedAt: now,
				attendedAt: now
			})
			.where(eq(suggestions.id, id));
		await tx.update(suggestions).set({ updatedAt: now }).where(eq(suggestions.id, into));
		const eventId = await recordEvent(tx, {
			workspaceId: access.workspaceId,
			suggestionId: id,
			kind: 'merged',
			actorId: access.userId,
			data: { into, intoTitle: target.title }
		});
		await recordEvent(tx, {
			workspaceId: access.workspaceId,
			suggestionId: into,
			kind: 'merged',
			actorId: access.userId,
			data: { from: id, fromTitle: duplicate.title }
		});
		await notifySuggestionMerged(
			{ db: tx },
			id,
			target.title,
			{ userId: access.userId, shown: true },
			eventId
		);
	});
}

export async function unmergeSuggestion(
	deps: SuggestionDeps,
	access: SuggestionAccess,
	id: string
): Promise<void> {
	await deps.db.transaction(async (tx) => {
		const [row] = await tx
			.select()
			.from(suggestions)
			.where(and(eq(suggestions.id, id), eq(suggestions.workspaceId, access.workspaceId)));
		if (!row) throw notFound(m.suggestions_error_not_found());
		if (!row.mergedIntoId) throw conflict(m.suggestions_error_not_merged());
		const rows = await lockPair(tx, access.workspaceId, id, row.mergedIntoId);
		const current = rows.get(id)!;
		if (current.mergedIntoId !== row.mergedIntoId)
			throw conflict(m.suggestions_error_changed_meanwhile());
		const now = new Date();
		await tx
			.update(suggestions)
			.set({
				mergedIntoId: null,
				status: current.statusBeforeMerge ?? 'new',
				statusBeforeMerge: null,
				updatedAt: now
			})
			.where(eq(suggestions.id, id));
		for (const [suggestionId, data] of [
			[id, { from: row.mergedIntoId }],
			[row.mergedIntoId, { duplicate: id }]
		] as const) {
			await recordEvent(tx, {
				workspaceId: access.workspaceId,
				suggestionId,
				kind: 'unmerged',
				actorId: access.userId,
				data
			});
		}
	});
}
