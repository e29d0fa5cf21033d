import * as Y from 'yjs';
import { mapOf, newId, type ReviewItem, type ReviewOutcome } from './shape';
import { m } from '../../paraglide/messages.js';

/**
 * The writes only the server makes to a retro board (clients cannot touch
 * these roots; see RETRO_CLIENT_ROOTS). Each either changes the document and
 * says what it did, or returns a problem sentence and changes nothing, so a
 * caller can validate and write in one synchronous step.
 */
export type BoardResult<T> =
	| { ok: true; value: T }
	/** `missing`: what the change names does not exist, rather than a rule refusing it. */
	| { ok: false; problem: string; missing: boolean };

const ok = <T>(value: T): BoardResult<T> => ({ ok: true, value });
const refuse = <T>(problem: string): BoardResult<T> => ({ ok: false, problem, missing: false });
const missing = <T>(problem: string): BoardResult<T> => ({ ok: false, problem, missing: true });

export const MAX_COLUMNS = 12;

const cardsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('cards');
const groupsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('groups');
const columnsOf = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>('columns');

export interface RevealedCard {
	/** The draft's id becomes the card's id, so revealing twice inserts nothing twice. */
	id: string;
	columnId: string;
	text: string;
	authorId: string;
}

/**
 * Inserts private cards into the shared board. On anonymous boards the author
 * is not written and the order is shuffled, so neither the content nor the
 * sequence of the server's inserts groups cards by person.
 */
export function revealCards(
	doc: Y.Doc,
	drafts: RevealedCard[],
	anonymous: boolean,
	random: () => number = Math.random
): number {
	const cards = cardsOf(doc);
	const order = [...drafts];
	if (anonymous) {
		for (let i = order.length - 1; i > 0; i--) {
			const j = Math.floor(random() * (i + 1));
			[order[i], order[j]] = [order[j], order[i]];
		}
	}
	let inserted = 0;
	doc.transact(() => {
		for (const draft of order) {
			if (cards.has(draft.id)) continue;
			cards.set(
				draft.id,
				mapOf({
					id: draft.id,
					columnId: draft.columnId,
					text: draft.text,
					...(anonymous ? {} : { authorId: draft.authorId }),
					groupId: null,
					hidden: false
				})
			);
			inserted += 1;
		}
		doc.getMap('draftCounts').clear();
	});
	return inserted;
}

export function setDraftCounts(doc: Y.Doc, counts: Map<string, number>): void {
	const shared = doc.getMap<number>('draftCounts');
	doc.transact(() => {
		for (const key of [...shared.keys()]) if (!counts.has(key)) shared.delete(key);
		for (const [key, n] of counts) if (shared.get(key) !== n) shared.set(key, n);
	});
}

/**
 * Moves a card into the group of `onto` (a card or a group), or out of any
 * group when `onto` is null. A card dropped on a loose card starts a group
 * whose id derives from that card, so two people doing it at once end in one
 * group. Groups left empty disappear. `retiredTopics` are topics that no
 * longer exist (a loose card that joined a group, a removed group): votes on
 * them go back to their voters.
 */
export function groupCard(
	doc: Y.Doc,
	cardId: string,
	onto: string | null
): BoardResult<{ groupId: string | null; retiredTopics: string[] }> {
	const cards = cardsOf(doc);
	const groups = groupsOf(doc);
	const card = cards.get(cardId);
	if (!card) return missing(m.server_retro_no_card());
	const previous = (card.get('groupId') as string | null) ?? null;
	const retired: string[] = [];
	let target: string | null = null;
	let ontoCard: Y.Map<unknown> | undefined;
	if (onto !== null) {
		if (onto === cardId) return refuse(m.server_retro_group_with_itself());
		if (groups.has(onto)) target = onto;
		else {
			ontoCard = cards.get(onto);
			if (!ontoCard) return missing(m.server_retro_no_drop_target());
			const existing = ontoCard.get('groupId');
			target = typeof existing === 'string' && groups.has(existing) ? existing : `group-${onto}`;
		}
	}
	if (target === previous) return ok({ groupId: target, retiredTopics: [] });
	doc.transact(() => {
		if (target && !groups.has(target)) {
			groups.set(target, mapOf({ id: target, title: '' }));
		}
		if (ontoCard && ontoCard.get('groupId') !== target) {
			retired.push(onto!);
			ontoCard.set('groupId', target);
		}
		if (previous === null && target !== null) retired.push(cardId);
		card.set('groupId', target);
		if (previous && groups.has(previous)) {
			const stillUsed = [...cards.values()].some((c) => c.get('groupId') === previous);
			if (!stillUsed) {
				groups.delete(previous);
				retired.push(previous);
			}
		}
	});
	return ok({ groupId: target, retiredTopics: retired });
}

export function renameGroup(doc: Y.Doc, groupId: string, title: string): BoardResult<null> {
	const group = groupsOf(doc).get(groupId);
	if (!group) return missing(m.server_retro_no_group());
	if (group.get('title') !== title) group.set('title', title);
	return ok(null);
}

export function setCardHidden(doc: Y.Doc, cardId: string, hidden: boolean): BoardResult<null> {
	const card = cardsOf(doc).get(cardId);
	if (!card) return missing(m.server_retro_no_card());
	if (card.get('hidden') !== hidden) card.set('hidden', hidden);
	return ok(null);
}

/**
 * The author's correction of a revealed card on a named board. Anonymous cards
 * have no author on record, so nobody can be allowed to change them.
 */
export function editCardText(
	doc: Y.Doc,
	cardId: string,
	userId: string,
	text: string
): BoardResult<null> {
	const card = cardsOf(doc).get(cardId);
	if (!card) return missing(m.server_retro_no_card());
	const authorId = card.get('authorId');
	if (typeof authorId !== 'string') {
		return refuse(m.server_retro_anonymous_card());
	}
	if (authorId !== userId) return refuse(m.server_retro_author_only());
	if (card.get('text') !== text) card.set('text', text);
	return ok(null);
}

/** Makes the shared tallies equal `tallies` (an empty map hides them). */
export function writeTallies(doc: Y.Doc, tallies: Map<string, number>): void {
	const shared = doc.getMap<number>('tallies');
	doc.transact(() => {
		for (const key of [...shared.keys()]) if (!tallies.get(key)) shared.delete(key);
		for (const [key, n] of tallies) if (n > 0 && shared.get(key) !== n) shared.set(key, n);
	});
}

/** Gives every topic a notes text. Created here, once, because two clients creating it at once would lose one's typing. */
export function ensureNotes(doc: Y.Doc, topicIds: string[]): void {
	const notes = doc.getMap<Y.Text>('notes');
	doc.transact(() => {
		for (const id of topicIds) if (!notes.has(id)) notes.set(id, new Y.Text());
	});
}

export function addColumn(doc: Y.Doc, title: string): BoardResult<{ id: string; title: string }> {
	const columns = columnsOf(doc);
	if (columns.length >= MAX_COLUMNS)
		return refuse(m.server_retro_max_columns({ max: MAX_COLUMNS }));
	const column = { id: newId(), title };
	columns.push([mapOf(column)]);
	return ok(column);
}

function columnIndex(doc: Y.Doc, columnId: string): number {
	return columnsOf(doc)
		.toArray()
		.findIndex((c) => c.get('id') === columnId);
}

export function renameColumn(doc: Y.Doc, columnId: string, title: string): BoardResult<null> {
	const index = columnIndex(doc, columnId);
	if (index < 0) return missing(m.server_retro_no_board_column());
	columnsOf(doc).get(index).set('title', title);
	return ok(null);
}

/** Moves a column to `to` (clamped). A Yjs type cannot move, so the column is re-inserted with the same id. */
export function moveColumn(doc: Y.Doc, columnId: string, to: number): BoardResult<null> {
	const columns = columnsOf(doc);
	const from = columnIndex(doc, columnId);
	if (from < 0) return missing(m.server_retro_no_board_column());
	const target = Math.max(0, Math.min(columns.length - 1, Math.trunc(to)));
	if (target === from) return ok(null);
	const title = columns.get(from).get('title');
	doc.transact(() => {
		columns.delete(from, 1);
		columns.insert(target, [mapOf({ id: columnId, title })]);
	});
	return ok(null);
}

export function removeColumn(doc: Y.Doc, columnId: string): BoardResult<null> {
	const index = columnIndex(doc, columnId);
	if (index < 0) return missing(m.server_retro_no_board_column());
	const used = [...cardsOf(doc).values()].some((c) => c.get('columnId') === columnId);
	if (used) return refuse(m.server_retro_column_has_cards());
	columnsOf(doc).delete(index, 1);
	return ok(null);
}

export function hasColumn(doc: Y.Doc, columnId: string): boolean {
	return columnIndex(doc, columnId) >= 0;
}

/** Lists earlier retros' open actions for review; items already listed keep their outcome. */
export function listForReview(doc: Y.Doc, items: Omit<ReviewItem, 'outcome'>[]): void {
	const review = doc.getMap<Y.Map<unknown>>('review');
	doc.transact(() => {
		for (const item of items) {
			if (!review.has(item.taskId)) review.set(item.taskId, mapOf({ ...item, outcome: null }));
		}
	});
}

export function setReviewOutcome(
	doc: Y.Doc,
	taskId: string,
	outcome: ReviewOutcome
): BoardResult<null> {
	const item = doc.getMap<Y.Map<unknown>>('review').get(taskId);
	if (!item) return missing(m.server_retro_action_not_listed());
	item.set('outcome', outcome);
	return ok(null);
}

/**
 * A card the server adds on someone's behalf (a suggestion taken to a review
 * meeting): no author, in the first column unless `columnId` names another,
 * so it is a topic like any other. Its id is the caller's, so adding it
 * twice adds it once.
 */
export function addServerCard(
	doc: Y.Doc,
	card: { id: string; text: string; columnId?: string; image?: string }
): BoardResult<{ id: string; columnId: string }> {
	const columns = columnsOf(doc).toArray();
	const column = card.columnId ? columns.find((c) => c.get('id') === card.columnId) : columns[0];
	if (!column) return missing(m.server_retro_no_topic_column());
	const columnId = String(column.get('id'));
	if (!cardsOf(doc).has(card.id)) {
		cardsOf(doc).set(
			card.id,
			mapOf({
				id: card.id,
				columnId,
				text: card.text,
				groupId: null,
				hidden: false,
				// An app path of a picture that goes with the topic (an indicator's chart).
				...(card.image ? { image: card.image } : {})
			})
		);
	}
	return ok({ id: card.id, columnId });
}
