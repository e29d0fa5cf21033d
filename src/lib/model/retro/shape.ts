import * as Y from 'yjs';
import { mapOf, newId } from '../yjs-maps';
export { mapOf, newId } from '../yjs-maps';
import { isRetroPhase, type RetroPhase } from './phases';
import { isTimerLength } from './timer';
import type { VoteLimits } from './votes';

/**
 * The shared shape of a `retro` document (schema version 1), documented in
 * docs/document-model.md. What a member must not see never enters it: cards
 * being written during reflect and the authors of cards on anonymous boards
 * stay on the server, which inserts cards here itself when they may be shown
 * (see ARCHITECTURE.md). Clients write only `notes` and `actions`; the server
 * refuses any other client write (RETRO_CLIENT_ROOTS).
 */
export const RETRO_SCHEMA_VERSION = 1;

/** The only roots a client's own updates may touch; everything else goes through the server. */
export const RETRO_CLIENT_ROOTS: readonly string[] = ['notes', 'actions'];

export interface RetroSettings {
	facilitatorId: string;
	anonymous: boolean;
	limits: VoteLimits;
	hideTallies: boolean;
	columns: string[];
	/** The phase timer's length the facilitator chose last, in seconds; null: the editor's default. */
	timerLength?: number | null;
}

export interface RetroColumn {
	id: string;
	title: string;
}

export interface RetroCard {
	id: string;
	columnId: string;
	text: string;
	authorId: string | null;
	groupId: string | null;
	hidden: boolean;
	/** A picture the server attached (an indicator's chart): an app path, never a foreign URL. */
	image: string | null;
}

export interface RetroAction {
	id: string;
	title: string;
	ownerId: string | null;
	dueDate: string | null;
	/** The group or ungrouped card the action came out of. */
	topicId: string | null;
	done: boolean;
}

export const REVIEW_OUTCOMES = ['done', 'open', 'dropped'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** An open action of an earlier retro, listed for review at the start of the meeting. */
export interface ReviewItem {
	taskId: string;
	title: string;
	ownerId: string | null;
	dueDate: string | null;
	sourceDocumentId: string;
	sourceTitle: string;
	outcome: ReviewOutcome | null;
}

export interface RetroMeta {
	phase: RetroPhase;
	facilitatorId: string | null;
	anonymous: boolean;
	voteBudget: number;
	votesPerCard: number;
	hideTallies: boolean;
	timerEndsAt: number | null;
	timerSeconds: number | null;
	/** The length the facilitator last started the timer with, kept after it stops; null: never started. */
	timerLength: number | null;
	focusTopicId: string | null;
}

/** Writes the initial board into an empty document (the server does this at creation). */
export function initRetroDocument(doc: Y.Doc, settings: RetroSettings): void {
	doc.transact(() => {
		const meta = doc.getMap<unknown>('meta');
		meta.set('schemaVersion', RETRO_SCHEMA_VERSION);
		meta.set('kind', 'retro');
		meta.set('phase', 'review');
		meta.set('facilitatorId', settings.facilitatorId);
		meta.set('anonymous', settings.anonymous);
		meta.set('voteBudget', settings.limits.budget);
		meta.set('votesPerCard', settings.limits.perCard);
		meta.set('hideTallies', settings.hideTallies);
		meta.set('timerEndsAt', null);
		meta.set('timerSeconds', null);
		meta.set('timerLength', settings.timerLength ?? null);
		meta.set('focusTopicId', null);
		const columns = doc.getArray<Y.Map<unknown>>('columns');
		columns.push(settings.columns.map((title) => mapOf({ id: newId(), title })));
	});
}

export function readRetroMeta(doc: Y.Doc): RetroMeta {
	const meta = doc.getMap<unknown>('meta');
	const phase = meta.get('phase');
	const num = (key: string, fallback: number) => {
		const value = meta.get(key);
		return typeof value === 'number' ? value : fallback;
	};
	const text = (key: string) => {
		const value = meta.get(key);
		return typeof value === 'string' ? value : null;
	};
	return {
		phase: isRetroPhase(phase) ? phase : 'review',
		facilitatorId: text('facilitatorId'),
		anonymous: meta.get('anonymous') === true,
		voteBudget: num('voteBudget', 3),
		votesPerCard: num('votesPerCard', 3),
		hideTallies: meta.get('hideTallies') === true,
		timerEndsAt: typeof meta.get('timerEndsAt') === 'number' ? num('timerEndsAt', 0) : null,
		timerSeconds: typeof meta.get('timerSeconds') === 'number' ? num('timerSeconds', 0) : null,
		timerLength: isTimerLength(meta.get('timerLength')) ? num('timerLength', 0) : null,
		focusTopicId: text('focusTopicId')
	};
}

const str = (map: Y.Map<unknown>, key: string): string | null => {
	const value = map.get(key);
	return typeof value === 'string' ? value : null;
};

export function readColumns(doc: Y.Doc): RetroColumn[] {
	return doc
		.getArray<Y.Map<unknown>>('columns')
		.toArray()
		.map((c) => ({ id: str(c, 'id') ?? '', title: str(c, 'title') ?? '' }))
		.filter((c) => c.id !== '');
}

/** Only paths inside the app are shown as pictures, so a card cannot load a foreign URL. */
function appPath(value: string | null): string | null {
	return value && /^\/api\/v1\/indicator-charts\/[a-z2-7]{20}$/.test(value) ? value : null;
}

export function readCards(doc: Y.Doc): RetroCard[] {
	const cards: RetroCard[] = [];
	for (const [id, card] of doc.getMap<Y.Map<unknown>>('cards')) {
		cards.push({
			id,
			columnId: str(card, 'columnId') ?? '',
			text: str(card, 'text') ?? '',
			authorId: str(card, 'authorId'),
			groupId: str(card, 'groupId'),
			hidden: card.get('hidden') === true,
			image: appPath(str(card, 'image'))
		});
	}
	return cards;
}

export function readGroups(doc: Y.Doc): { id: string; title: string }[] {
	return [...doc.getMap<Y.Map<unknown>>('groups')].map(([id, g]) => ({
		id,
		title: str(g, 'title') ?? ''
	}));
}

export function readTallies(doc: Y.Doc): Map<string, number> {
	const tallies = new Map<string, number>();
	for (const [id, n] of doc.getMap<unknown>('tallies'))
		if (typeof n === 'number') tallies.set(id, n);
	return tallies;
}

export function readActions(doc: Y.Doc): RetroAction[] {
	return [...doc.getMap<Y.Map<unknown>>('actions')].map(([id, a]) => ({
		id,
		title: str(a, 'title') ?? '',
		ownerId: str(a, 'ownerId'),
		dueDate: str(a, 'dueDate'),
		topicId: str(a, 'topicId'),
		done: a.get('done') === true
	}));
}

export function readDraftCounts(doc: Y.Doc): Map<string, number> {
	const counts = new Map<string, number>();
	for (const [columnId, n] of doc.getMap<unknown>('draftCounts'))
		if (typeof n === 'number' && n > 0) counts.set(columnId, n);
	return counts;
}

export function readReview(doc: Y.Doc): ReviewItem[] {
	return [...doc.getMap<Y.Map<unknown>>('review')].map(([taskId, r]) => {
		const outcome = r.get('outcome');
		return {
			taskId,
			title: str(r, 'title') ?? '',
			ownerId: str(r, 'ownerId'),
			dueDate: str(r, 'dueDate'),
			sourceDocumentId: str(r, 'sourceDocumentId') ?? '',
			sourceTitle: str(r, 'sourceTitle') ?? '',
			outcome: (REVIEW_OUTCOMES as readonly unknown[]).includes(outcome)
				? (outcome as ReviewOutcome)
				: null
		};
	});
}
