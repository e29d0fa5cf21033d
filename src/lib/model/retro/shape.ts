import * as Y from 'yjs';
import { isRetroPhase, type RetroPhase } from './phases';
import type { VoteLimits } from './votes';

/**
 * The shared shape of a `retro` document (schema version 1). What a member
 * must not see never enters it: cards being written during reflect and the
 * authors of cards on anonymous boards stay on the server, which inserts
 * cards here itself when they may be shown (see ARCHITECTURE.md).
 *
 * - `meta` Y.Map: schemaVersion, kind 'retro', phase, facilitatorId,
 *   anonymous, voteBudget, votesPerCard, hideTallies, timerEndsAt (ms or null)
 * - `columns` Y.Array<Y.Map>: { id, title }
 * - `cards` Y.Map<id, Y.Map>: { id, columnId, text, authorId (named boards
 *   only), groupId (null when ungrouped), hidden }
 * - `groups` Y.Map<id, Y.Map>: { id, title }
 * - `tallies` Y.Map<cardOrGroupId, number>: written by the server only
 * - `notes` Y.Map<groupId, Y.Text>
 * - `actions` Y.Map<id, Y.Map>: { id, title, ownerId, dueDate, groupId, done }
 */
export const RETRO_SCHEMA_VERSION = 1;

export interface RetroSettings {
	facilitatorId: string;
	anonymous: boolean;
	limits: VoteLimits;
	hideTallies: boolean;
	columns: string[];
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
}

export interface RetroAction {
	id: string;
	title: string;
	ownerId: string | null;
	dueDate: string | null;
	groupId: string | null;
	done: boolean;
}

export interface RetroMeta {
	phase: RetroPhase;
	facilitatorId: string | null;
	anonymous: boolean;
	voteBudget: number;
	votesPerCard: number;
	hideTallies: boolean;
	timerEndsAt: number | null;
}

export function newId(): string {
	const bytes = new Uint8Array(9);
	crypto.getRandomValues(bytes);
	return Array.from(bytes, (b) => b.toString(36).padStart(2, '0'))
		.join('')
		.slice(0, 16);
}

function mapOf(entries: Record<string, unknown>): Y.Map<unknown> {
	const map = new Y.Map<unknown>();
	for (const [key, value] of Object.entries(entries)) map.set(key, value);
	return map;
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
	const facilitatorId = meta.get('facilitatorId');
	const timerEndsAt = meta.get('timerEndsAt');
	return {
		phase: isRetroPhase(phase) ? phase : 'review',
		facilitatorId: typeof facilitatorId === 'string' ? facilitatorId : null,
		anonymous: meta.get('anonymous') === true,
		voteBudget: num('voteBudget', 3),
		votesPerCard: num('votesPerCard', 3),
		hideTallies: meta.get('hideTallies') === true,
		timerEndsAt: typeof timerEndsAt === 'number' ? timerEndsAt : null
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

export function readCards(doc: Y.Doc): RetroCard[] {
	const cards: RetroCard[] = [];
	for (const [id, card] of doc.getMap<Y.Map<unknown>>('cards')) {
		cards.push({
			id,
			columnId: str(card, 'columnId') ?? '',
			text: str(card, 'text') ?? '',
			authorId: str(card, 'authorId'),
			groupId: str(card, 'groupId'),
			hidden: card.get('hidden') === true
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
		groupId: str(a, 'groupId'),
		done: a.get('done') === true
	}));
}

/**
 * Inserts a revealed card on its author's behalf. On anonymous boards the
 * author is not written, and because the server writes it, the Yjs client id
 * of the insert is the server's, not the author's.
 */
export function insertCard(
	doc: Y.Doc,
	card: { columnId: string; text: string; authorId: string | null },
	anonymous: boolean
): string {
	const id = newId();
	doc.getMap<Y.Map<unknown>>('cards').set(
		id,
		mapOf({
			id,
			columnId: card.columnId,
			text: card.text,
			...(anonymous ? {} : { authorId: card.authorId }),
			groupId: null,
			hidden: false
		})
	);
	return id;
}

/** Puts `cardId` into the group of `ontoId` (creating one if the target is ungrouped). Returns the group id. */
export function groupCards(doc: Y.Doc, cardId: string, ontoId: string): string | null {
	const cards = doc.getMap<Y.Map<unknown>>('cards');
	const card = cards.get(cardId);
	const onto = cards.get(ontoId);
	if (!card || !onto || cardId === ontoId) return null;
	let groupId = str(onto, 'groupId');
	doc.transact(() => {
		if (!groupId) {
			// Derived from the target card, so two people dragging onto the same
			// card at once create the same group rather than two.
			groupId = `group-${ontoId}`;
			doc.getMap<Y.Map<unknown>>('groups').set(groupId, mapOf({ id: groupId, title: '' }));
			onto.set('groupId', groupId);
		}
		card.set('groupId', groupId);
	});
	return groupId;
}
