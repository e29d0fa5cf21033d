import { and, eq, inArray } from 'drizzle-orm';
import {
	cardsRevealed,
	ensureNotes,
	isTimerLength,
	listForReview,
	MAX_TIMER_SECONDS,
	MIN_TIMER_SECONDS,
	phaseChangeProblem,
	readCards,
	readTopics,
	retroSummaryMarkdown,
	revealCards,
	RETRO_PHASES,
	REVIEW_OUTCOMES,
	setReviewOutcome,
	talliesVisible,
	topicsInVoteOrder,
	validateVoteLimits,
	writeTallies,
	type RetroPhase
} from '$lib/model/retro';
import { getLocale, type Locale } from '$lib/paraglide/runtime';
import { retroDrafts, retroVotes } from './db/schema';
import { badRequest, conflict, forbidden, notFound } from './errors';
import {
	oneAtATime,
	openBoard,
	readVoteTotals,
	requireFacilitator,
	unwrap,
	type RetroDeps
} from './retro-board';
import { countDrafts, listMyDrafts, takeAllDrafts, type Draft } from './retro-drafts';
import { findActionsToReview } from './retro-setup';
import { readBallot, viewBallot, type BallotView } from './retro-votes';
import { notifyRetroStarted } from './notifications/triggers';
import { updateTask } from './tasks';
import { requireOneOf } from './validate';
import { getMemberRole, listMembers, roleAtLeast } from './workspaces';
import { phaseName } from '$lib/model/retro/phase-names';
import { m } from '../paraglide/messages.js';

/** The meeting itself: phases, facilitator, timer, settings, focus, review and summary. */

export interface PersonalState extends BallotView {
	drafts: Draft[];
	/** The server's clock, so every browser counts the phase timer down to the same moment. */
	serverNow: number;
}

/** What only the caller sees: their private cards and their votes. */
export async function readPersonalState(
	deps: RetroDeps,
	documentId: string,
	userId: string
): Promise<PersonalState> {
	const board = await openBoard(deps, documentId, userId, { needed: 'viewer', write: false });
	const meta = await board.change((_doc, meta) => meta);
	const [drafts, ballot] = await Promise.all([
		listMyDrafts(deps.db, documentId, userId),
		readBallot(deps.db, documentId, userId)
	]);
	return { drafts, ...viewBallot(ballot, meta.voteBudget), serverNow: Date.now() };
}

/**
 * Moves the meeting to another phase. Leaving reflect reveals every private
 * card in one update and then deletes the drafts; were the process to stop in
 * between, the next phase change reveals what is left, inserting nothing twice
 * (a card keeps its draft's id).
 */
export async function changePhase(
	deps: RetroDeps,
	documentId: string,
	userId: string,
	input: Record<string, unknown>
): Promise<{ phase: RetroPhase }> {
	const to = requireOneOf(input.phase, 'phase', RETRO_PHASES);
	const board = await openBoard(deps, documentId, userId);
	return oneAtATime(documentId, async () => {
		const meta = await board.change((_doc, meta) => meta);
		requireFacilitator(meta, board, m.server_retro_facilitator_phase());
		const problem = phaseChangeProblem(meta.phase, to);
		if (problem) throw conflict(problem);
		const drafts = cardsRevealed(to) ? await takeAllDrafts(deps.db, documentId) : [];
		const totals = await readVoteTotals(deps.db, documentId);
		const review =
			to === 'review'
				? await findActionsToReview(deps.db, board.document.workspaceId, documentId)
				: null;
		await board.change((doc) => {
			if (drafts.length > 0) revealCards(doc, drafts, meta.anonymous);
			const shared = doc.getMap<unknown>('meta');
			shared.set('phase', to);
			// A timer belongs to the phase it was started in.
			shared.set('timerEndsAt', null);
			shared.set('timerSeconds', null);
			writeTallies(doc, talliesVisible(to, meta.hideTallies) ? totals : new Map());
			if (review) listForReview(doc, review);
			if (to === 'discuss' || to === 'closed') {
				const topics = topicsInVoteOrder(readTopics(doc), totals);
				ensureNotes(
					doc,
					topics.map((t) => t.id)
				);
				const focus = shared.get('focusTopicId');
				if (to === 'discuss' && !topics.some((t) => t.id === focus)) {
					shared.set('focusTopicId', topics[0]?.id ?? null);
				}
			}
		});
		if (meta.phase !== to) {
			// Leaving the phase a board starts in starts the meeting; the dedupe key keeps it to once.
			await notifyRetroStarted({ db: deps.db }, board.document, userId);
		}
		if (drafts.length > 0) {
			await deps.db.delete(retroDrafts).where(
				and(
					eq(retroDrafts.documentId, documentId),
					inArray(
						retroDrafts.id,
						drafts.map((d) => d.id)
					)
				)
			);
		}
		return { phase: to };
	});
}

export async function handOverFacilitation(
	deps: RetroDeps,
	documentId: string,
	userId: string,
	input: Record<string, unknown>
): Promise<{ facilitatorId: string }> {
	if (typeof input.userId !== 'string') throw badRequest(m.server_retro_user_id_required());
	const next = input.userId;
	const board = await openBoard(deps, documentId, userId);
	const nextRole = await getMemberRole(deps.db, board.document.workspaceId, next);
	if (!nextRole || !roleAtLeast(nextRole, 'editor')) {
		throw badRequest(m.server_retro_new_facilitator_role());
	}
	return oneAtATime(documentId, () =>
		board.change((doc, meta) => {
			// An owner can take over a meeting whose facilitator has gone.
			if (meta.facilitatorId !== userId && board.role !== 'owner') {
				throw forbidden(m.server_retro_handover_forbidden());
			}
			doc.getMap('meta').set('facilitatorId', next);
			return { facilitatorId: next };
		})
	);
}

export async function startTimer(
	deps: RetroDeps,
	documentId: string,
	userId: string,
	input: Record<string, unknown>
): Promise<{ timerEndsAt: number | null }> {
	const seconds = input.seconds;
	if (!isTimerLength(seconds)) {
		throw badRequest(
			m.server_field_whole_number_range({
				field: 'seconds',
				min: MIN_TIMER_SECONDS,
				max: MAX_TIMER_SECONDS
			})
		);
	}
	const board = await openBoard(deps, documentId, userId);
	return oneAtATime(documentId, () =>
		board.change((doc, meta) => {
			requireFacilitator(meta, board, m.server_retro_facilitator_timer());
			if (meta.phase === 'closed') throw conflict(m.server_retro_meeting_closed());
			const timerEndsAt = Date.now() + seconds * 1000;
			doc.getMap('meta').set('timerEndsAt', timerEndsAt);
			doc.getMap('meta').set('timerSeconds', seconds);
			// Remembered after the timer stops: the next phase, and a template of the board, start from it.
			doc.getMap('meta').set('timerLength', seconds);
			return { timerEndsAt };
		})
	);
}

export async function stopTimer(deps: RetroDeps, documentId: string, userId: string) {
	const board = await openBoard(deps, documentId, userId);
	await oneAtATime(documentId, () =>
		board.change((doc, meta) => {
			requireFacilitator(meta, board, m.server_retro_facilitator_timer());
			doc.getMap('meta').set('timerEndsAt', null);
			doc.getMap('meta').set('timerSeconds', null);
		})
	);
}

export interface RetroSettingsView {
	anonymous: boolean;
	voteBudget: number;
	votesPerCard: number;
	hideTallies: boolean;
}

export async function changeSettings(
	deps: RetroDeps,
	documentId: string,
	userId: string,
	input: Record<string, unknown>
): Promise<RetroSettingsView> {
	for (const key of ['anonymous', 'hideTallies']) {
		if (input[key] !== undefined && typeof input[key] !== 'boolean') {
			throw badRequest(m.server_field_boolean({ field: key }));
		}
	}
	const board = await openBoard(deps, documentId, userId);
	return oneAtATime(documentId, async () => {
		const [drafts, [vote], totals] = await Promise.all([
			countDrafts(deps.db, documentId),
			deps.db
				.select({ userId: retroVotes.userId })
				.from(retroVotes)
				.where(eq(retroVotes.documentId, documentId))
				.limit(1),
			readVoteTotals(deps.db, documentId)
		]);
		return board.change((doc, meta) => {
			requireFacilitator(meta, board, m.server_retro_facilitator_settings());
			const shared = doc.getMap<unknown>('meta');
			const anonymous = (input.anonymous as boolean | undefined) ?? meta.anonymous;
			if (anonymous !== meta.anonymous && (drafts > 0 || readCards(doc).length > 0)) {
				// Cards written on a named board were written expecting a name, and the
				// other way round: switching would betray either expectation.
				throw conflict(m.server_retro_anonymity_locked());
			}
			const limits = validateVoteLimits({
				budget: input.voteBudget ?? meta.voteBudget,
				perCard:
					input.votesPerCard ??
					(input.voteBudget !== undefined
						? Math.min(meta.votesPerCard, Number(input.voteBudget))
						: meta.votesPerCard)
			});
			if (typeof limits === 'string') throw badRequest(limits);
			const limitsChanged =
				limits.budget !== meta.voteBudget || limits.perCard !== meta.votesPerCard;
			if (limitsChanged && vote) {
				throw conflict(m.server_retro_vote_limits_locked());
			}
			const hideTallies = (input.hideTallies as boolean | undefined) ?? meta.hideTallies;
			shared.set('anonymous', anonymous);
			shared.set('voteBudget', limits.budget);
			shared.set('votesPerCard', limits.perCard);
			shared.set('hideTallies', hideTallies);
			writeTallies(doc, talliesVisible(meta.phase, hideTallies) ? totals : new Map());
			return {
				anonymous,
				voteBudget: limits.budget,
				votesPerCard: limits.perCard,
				hideTallies
			};
		});
	});
}

export async function focusTopic(
	deps: RetroDeps,
	documentId: string,
	userId: string,
	input: Record<string, unknown>
): Promise<{ focusTopicId: string | null }> {
	const topicId = input.topicId ?? null;
	if (topicId !== null && typeof topicId !== 'string') {
		throw badRequest(m.server_retro_topic_id());
	}
	const board = await openBoard(deps, documentId, userId);
	return oneAtATime(documentId, () =>
		board.change((doc, meta) => {
			requireFacilitator(meta, board, m.server_retro_facilitator_focus());
			if (meta.phase !== 'discuss') {
				throw conflict(m.server_retro_focus_phase({ phase: phaseName(meta.phase) }));
			}
			if (topicId !== null && !readTopics(doc).some((t) => t.id === topicId)) {
				throw notFound(m.server_retro_no_topic());
			}
			doc.getMap('meta').set('focusTopicId', topicId);
			return { focusTopicId: topicId };
		})
	);
}

const STATUS_OF_OUTCOME = { done: 'done', open: 'open', dropped: 'dropped' } as const;

/** Records the review of an earlier retro's action on this board and moves the task accordingly. */
export async function reviewAction(
	deps: RetroDeps,
	documentId: string,
	userId: string,
	taskId: string,
	input: Record<string, unknown>
): Promise<{ taskId: string; outcome: string }> {
	const outcome = requireOneOf(input.outcome, 'outcome', REVIEW_OUTCOMES);
	const board = await openBoard(deps, documentId, userId);
	return oneAtATime(documentId, async () => {
		const listed = await board.change((doc) => doc.getMap<unknown>('review').has(taskId));
		if (!listed) throw notFound(m.server_retro_action_not_listed());
		await updateTask(
			deps.db,
			deps.taskEvents,
			(id, change) => board.sync.changeDocument(id, change),
			taskId,
			userId,
			{ status: STATUS_OF_OUTCOME[outcome] }
		);
		await board.change((doc) => unwrap(setReviewOutcome(doc, taskId, outcome)));
		return { taskId, outcome };
	});
}

/**
 * The meeting as Markdown, with members' names (never a card's author on an
 * anonymous board), its headings in the reader's language.
 */
export async function summarize(
	deps: RetroDeps,
	documentId: string,
	userId: string,
	locale: Locale = getLocale()
): Promise<{ title: string; markdown: string }> {
	const board = await openBoard(deps, documentId, userId, { needed: 'viewer', write: false });
	const members = await listMembers(deps.db, board.document.workspaceId);
	const names = new Map(members.map((m) => [m.userId, m.name]));
	const markdown = await board.change((doc) =>
		retroSummaryMarkdown(doc, board.document.title, names, locale)
	);
	return { title: board.document.title, markdown };
}
