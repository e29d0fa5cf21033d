import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import {
	SETTABLE_STATUSES,
	SUGGESTION_LIMITS,
	type SuggestionStatus
} from '$lib/model/suggestions';
import type { Executor } from '../db';
import {
	indicatorLinks,
	indicators,
	suggestionAuthors,
	suggestionFollowers,
	suggestionVotes,
	suggestions
} from '../db/schema';
import { generateId } from '../auth/secrets';
import { badRequest, conflict, notFound } from '../errors';
import {
	notifySuggestionProposed,
	notifySuggestionStatus
} from '../notifications/suggestion-triggers';
import { m } from '$lib/paraglide/messages';
import { ensureSettings, type SuggestionAccess } from './access';
import { isWriter } from './anonymity';
import type { SuggestionDeps } from './deps';
import { recordEvent } from './events';
import { fieldError, requireBoolean, requireChoice } from './fields';
import { optionalText, readResult, requireCategory, requireLinks, requireText } from './input';
import { spendAllowance } from './limits';

type SuggestionRow = typeof suggestions.$inferSelect;

/** The suggestion row, locked for the rest of the transaction; 404 outside the caller's workspace. */
export async function lockSuggestion(
	tx: Executor,
	access: SuggestionAccess,
	id: string
): Promise<SuggestionRow> {
	const [row] = await tx
		.select()
		.from(suggestions)
		.where(and(eq(suggestions.id, id), eq(suggestions.workspaceId, access.workspaceId)))
		.for('update');
	if (!row) throw notFound(m.suggestions_error_not_found());
	if (row.hiddenAt && !access.moderator && !(await isWriter(tx, id, access.userId))) {
		throw notFound(m.suggestions_error_not_found());
	}
	return row;
}

/** Whether others may see that `userId` did something to this suggestion. */
export async function actorShown(tx: Executor, row: SuggestionRow, userId: string) {
	return !(row.anonymous && (await isWriter(tx, row.id, userId)));
}

/** `indicatorId` of a proposal: a current indicator of the workspace, or absent. */
async function requireIndicatorToLink(
	db: Executor,
	workspaceId: string,
	value: unknown
): Promise<string | null> {
	if (value === undefined || value === null || value === '') return null;
	const [row] =
		typeof value === 'string'
			? await db
					.select({ id: indicators.id })
					.from(indicators)
					.where(
						and(
							eq(indicators.id, value),
							eq(indicators.workspaceId, workspaceId),
							isNull(indicators.archivedAt)
						)
					)
			: [];
	if (!row) throw badRequest(m.indicators_error_propose_indicator());
	return row.id;
}

/**
 * `{title, situation, proposal, benefit, category, links?, anonymous?,
 * indicatorId?}`; with `indicatorId` the new suggestion is linked to that
 * indicator (proposed from its signal).
 */
export async function proposeSuggestion(
	deps: SuggestionDeps,
	access: SuggestionAccess,
	input: Record<string, unknown>
): Promise<string> {
	const title = requireText(input.title, 'title', SUGGESTION_LIMITS.title);
	const situation = requireText(input.situation, 'situation');
	const proposal = requireText(input.proposal, 'proposal');
	const benefit = requireText(input.benefit, 'benefit');
	const categoryId = await requireCategory(deps.db, access.workspaceId, input.category);
	const links = await requireLinks(deps, access.workspaceId, input.links);
	const anonymous =
		input.anonymous === undefined ? false : requireBoolean(input.anonymous, 'anonymous');
	if (anonymous && !(await ensureSettings(deps.db, access.workspaceId)).allowAnonymous) {
		throw fieldError('anonymous', m.suggestions_error_anonymous_off);
	}
	const indicatorId = await requireIndicatorToLink(deps.db, access.workspaceId, input.indicatorId);
	await spendAllowance(deps.db, 'propose', access.userId);
	const id = generateId();
	await deps.db.transaction(async (tx) => {
		await tx.insert(suggestions).values({
			id,
			workspaceId: access.workspaceId,
			title,
			situation,
			proposal,
			benefit,
			categoryId,
			links,
			anonymous,
			authorId: anonymous ? null : access.userId
		});
		await tx.insert(suggestionAuthors).values({ suggestionId: id, userId: access.userId });
		if (indicatorId) {
			// Proposed from an indicator's signal: the indicator then shows the
			// suggestion among its links, with its effect once it is done.
			await tx.insert(indicatorLinks).values({
				id: generateId(),
				indicatorId,
				kind: 'suggestion',
				targetId: id,
				createdBy: anonymous ? null : access.userId
			});
		}
		await recordEvent(tx, {
			workspaceId: access.workspaceId,
			suggestionId: id,
			kind: 'created',
			actorId: anonymous ? null : access.userId
		});
		await notifySuggestionProposed({ db: tx }, id, { userId: access.userId, shown: !anonymous });
	});
	return id;
}

/**
 * The author edits their text, category and links, or signs an anonymous
 * suggestion (`anonymous: false`); moderators hide or show it again
 * (`hidden`, `hiddenReason`).
 */
export async function updateSuggestion(
	deps: SuggestionDeps,
	access: SuggestionAccess,
	id: string,
	input: Record<string, unknown>
): Promise<void> {
	const editsText = ['title', 'situation', 'proposal', 'benefit', 'category', 'links'].some(
		(f) => input[f] !== undefined
	);
	if (!editsText && input.anonymous === undefined && input.hidden === undefined) {
		throw badRequest(m.suggestions_error_nothing_to_update());
	}
	const patch: Partial<typeof suggestions.$inferInsert> = {};
	if (input.title !== undefined)
		patch.title = requireText(input.title, 'title', SUGGESTION_LIMITS.title);
	if (input.situation !== undefined) patch.situation = requireText(input.situation, 'situation');
	if (input.proposal !== undefined) patch.proposal = requireText(input.proposal, 'proposal');
	if (input.benefit !== undefined) patch.benefit = requireText(input.benefit, 'benefit');
	if (input.category !== undefined) {
		patch.categoryId = await requireCategory(deps.db, access.workspaceId, input.category);
	}
	if (input.links !== undefined) {
		patch.links = await requireLinks(deps, access.workspaceId, input.links);
	}
	await deps.db.transaction(async (tx) => {
		const row = await lockSuggestion(tx, access, id);
		const writer = await isWriter(tx, id, access.userId);
		if (editsText && !writer) throw badRequest(m.suggestions_error_author_only_edit());
		if (input.anonymous !== undefined) {
			if (input.anonymous !== false) {
				throw fieldError('anonymous', m.suggestions_error_sign_only);
			}
			if (!writer) throw fieldError('anonymous', m.suggestions_error_sign_author_only);
			if (row.anonymous) {
				patch.anonymous = false;
				patch.authorId = access.userId;
			}
		}
		if (input.hidden !== undefined) {
			const hidden = requireBoolean(input.hidden, 'hidden');
			if (!access.moderator) throw fieldError('hidden', m.suggestions_error_hide_moderators);
			const reason = optionalText(input.hiddenReason, 'hiddenReason', SUGGESTION_LIMITS.note);
			if (hidden && !reason) throw fieldError('hiddenReason', m.suggestions_error_say_why);
			patch.hiddenAt = hidden ? new Date() : null;
			patch.hiddenReason = hidden ? reason : null;
		}
		await tx
			.update(suggestions)
			.set({ ...patch, updatedAt: new Date() })
			.where(eq(suggestions.id, id));
		const shown = await actorShown(tx, row, access.userId);
		const base = { workspaceId: access.workspaceId, suggestionId: id };
		if (patch.anonymous === false) {
			await recordEvent(tx, { ...base, kind: 'signed', actorId: access.userId });
		}
		if (input.hidden !== undefined && Boolean(row.hiddenAt) !== input.hidden) {
			await recordEvent(tx, {
				...base,
				kind: input.hidden ? 'hidden' : 'unhidden',
				actorId: access.userId,
				data: { reason: patch.hiddenReason ?? null }
			});
		}
		if (editsText)
			await recordEvent(tx, { ...base, kind: 'edited', actorId: shown ? access.userId : null });
	});
}

/** A suggestion and those merged into it. */
async function groupIds(tx: Executor, id: string): Promise<string[]> {
	const rows = await tx
		.select({ id: suggestions.id })
		.from(suggestions)
		.where(or(eq(suggestions.id, id), eq(suggestions.mergedIntoId, id)));
	return rows.map((r) => r.id);
}

/** Following without overriding an earlier explicit unfollow. The writer's follow lives with them. */
async function followByDefault(tx: Executor, suggestionId: string, userId: string) {
	if (await isWriter(tx, suggestionId, userId)) return;
	await tx.insert(suggestionFollowers).values({ suggestionId, userId }).onConflictDoNothing();
}

/** "Me too": one vote per person over a suggestion and its merged duplicates. */
export async function vote(
	deps: SuggestionDeps,
	access: SuggestionAccess,
	id: string
): Promise<void> {
	await deps.db.transaction(async (tx) => {
		const row = await lockSuggestion(tx, access, id);
		if (row.mergedIntoId) {
			throw conflict(m.suggestions_error_vote_merged());
		}
		if (row.hiddenAt) throw conflict(m.suggestions_error_vote_hidden());
		const already = await tx
			.select({ id: suggestionVotes.suggestionId })
			.from(suggestionVotes)
			.where(
				and(
					inArray(suggestionVotes.suggestionId, await groupIds(tx, id)),
					eq(suggestionVotes.userId, access.userId)
				)
			);
		if (already.length > 0) return;
		await tx
			.insert(suggestionVotes)
			.values({ suggestionId: id, userId: access.userId })
			.onConflictDoNothing();
		await followByDefault(tx, id, access.userId);
		await recordEvent(tx, {
			workspaceId: access.workspaceId,
			suggestionId: id,
			kind: 'vote',
			actorId: null
		});
	});
}

/** Withdraws the caller's vote, wherever in the group it was given. */
export async function withdrawVote(
	deps: SuggestionDeps,
	access: SuggestionAccess,
	id: string
): Promise<void> {
	await deps.db.transaction(async (tx) => {
		const row = await lockSuggestion(tx, access, id);
		if (row.mergedIntoId) throw conflict(m.suggestions_error_merged());
		const removed = await tx
			.delete(suggestionVotes)
			.where(
				and(
					inArray(suggestionVotes.suggestionId, await groupIds(tx, id)),
					eq(suggestionVotes.userId, access.userId)
				)
			)
			.returning({ id: suggestionVotes.suggestionId });
		if (removed.length > 0) {
			await recordEvent(tx, {
				workspaceId: access.workspaceId,
				suggestionId: id,
				kind: 'vote',
				actorId: null
			});
		}
	});
}

export async function setFollowing(
	deps: SuggestionDeps,
	access: SuggestionAccess,
	id: string,
	following: boolean
): Promise<void> {
	await deps.db.transaction(async (tx) => {
		await lockSuggestion(tx, access, id);
		if (await isWriter(tx, id, access.userId)) {
			await tx
				.update(suggestionAuthors)
				.set({ following })
				.where(eq(suggestionAuthors.suggestionId, id));
			return;
		}
		const ids = await groupIds(tx, id);
		if (following) {
			await tx
				.insert(suggestionFollowers)
				.values({ suggestionId: id, userId: access.userId, following: true })
				.onConflictDoUpdate({
					target: [suggestionFollowers.suggestionId, suggestionFollowers.userId],
					set: { following: true }
				});
		} else {
			// Unfollowing the group: a follow kept on a merged duplicate would still notify.
			await tx
				.insert(suggestionFollowers)
				.values({ suggestionId: id, userId: access.userId, following: false })
				.onConflictDoUpdate({
					target: [suggestionFollowers.suggestionId, suggestionFollowers.userId],
					set: { following: false }
				});
			await tx
				.update(suggestionFollowers)
				.set({ following: false })
				.where(
					and(
						inArray(suggestionFollowers.suggestionId, ids),
						eq(suggestionFollowers.userId, access.userId)
					)
				);
		}
	});
}

/**
 * A moderator moves a suggestion along. Declining needs a reason (shown to
 * everyone); `done` may carry the measured result. Every change lands in the
 * timeline and tells the followers.
 */
export async function changeStatus(
	deps: SuggestionDeps,
	access: SuggestionAccess,
	id: string,
	input: Record<string, unknown>
): Promise<void> {
	const status = requireChoice(input.status, 'status', SETTABLE_STATUSES) as SuggestionStatus;
	const note = optionalText(input.note, 'note', SUGGESTION_LIMITS.note);
	if (status === 'declined' && !note) throw fieldError('note', m.suggestions_error_decline_why);
	const result = status === 'done' ? readResult(input.result) : null;
	if (status !== 'done' && input.result !== undefined && input.result !== null) {
		throw fieldError('result', m.suggestions_error_result_with_done);
	}
	await deps.db.transaction(async (tx) => {
		const row = await lockSuggestion(tx, access, id);
		if (row.mergedIntoId) throw conflict(m.suggestions_error_merged_unmerge_first());
		const now = new Date();
		await tx
			.update(suggestions)
			.set({
				status,
				statusNote: note,
				attendedAt: now,
				updatedAt: now,
				...(status === 'done' ? { result } : {})
			})
			.where(eq(suggestions.id, id));
		const eventId = await recordEvent(tx, {
			workspaceId: access.workspaceId,
			suggestionId: id,
			kind: 'status',
			actorId: access.userId,
			data: { from: row.status, to: status, note, result }
		});
		await notifySuggestionStatus(
			{ db: tx },
			id,
			{ userId: access.userId, shown: true },
			status,
			eventId
		);
	});
}
