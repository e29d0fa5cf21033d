import type * as Y from 'yjs';
import {
	RETRO_SCHEMA_VERSION,
	readActions,
	readCards,
	readColumns,
	readDraftCounts,
	readGroups,
	readRetroMeta,
	readReview,
	readTallies,
	type RetroAction,
	type RetroCard,
	type RetroColumn,
	type RetroMeta,
	type RetroTopic,
	type ReviewItem
} from '$lib/model/retro';

export interface GroupView {
	id: string;
	title: string;
	/** Its cards that are not hidden; a group with none is not shown. */
	cards: RetroCard[];
}

/**
 * Everything the board renders, read from the shared document in one pass.
 * Built once per animation frame at most, so each index is linear in the
 * number of cards: a board of a thousand cards reads in about a millisecond.
 */
export interface BoardView {
	schemaVersion: number | null;
	meta: RetroMeta;
	columns: RetroColumn[];
	/** Cards not in any (shown) group and not hidden, per column id, in document order. */
	looseByColumn: Map<string, RetroCard[]>;
	/** Groups that hold at least one shown card, in creation order. */
	groups: GroupView[];
	/** Cards the facilitator hid, so they can show them again. */
	hiddenCards: RetroCard[];
	cardCount: number;
	cardById: Map<string, RetroCard>;
	/** Groups, then loose cards column by column: the same order as the model's readTopics. */
	topics: RetroTopic[];
	topicById: Map<string, RetroTopic>;
	tallies: Map<string, number>;
	actions: RetroAction[];
	actionsByTopic: Map<string, RetroAction[]>;
	draftCounts: Map<string, number>;
	review: ReviewItem[];
	/** Topics that have a notes text (the server creates them on entering discuss). */
	notesTopics: Set<string>;
}

const sameCard = (a: RetroCard, b: RetroCard) =>
	a.text === b.text &&
	a.columnId === b.columnId &&
	a.groupId === b.groupId &&
	a.hidden === b.hidden &&
	a.authorId === b.authorId &&
	a.image === b.image;

const sameList = <T>(a: readonly T[], b: readonly T[]) =>
	a.length === b.length && a.every((item, i) => item === b[i]);

/**
 * Reads the board; with the `previous` view, every card, group and topic that
 * did not change is the very same object as before, so a keyed `{#each}`
 * leaves its markup alone and one vote or one new card re-renders only itself.
 */
export function readBoardView(doc: Y.Doc, previous: BoardView | null = null): BoardView {
	const meta = readRetroMeta(doc);
	const version = doc.getMap('meta').get('schemaVersion');
	const columns = readColumns(doc);
	const cards = readCards(doc).map((card) => {
		const old = previous?.cardById.get(card.id);
		return old && sameCard(old, card) ? old : card;
	});

	const groupCards = new Map<string, RetroCard[]>();
	const groupTitles = readGroups(doc);
	for (const group of groupTitles) groupCards.set(group.id, []);
	const hiddenCards: RetroCard[] = [];
	const loose: RetroCard[] = [];
	for (const card of cards) {
		if (card.hidden) hiddenCards.push(card);
		else if (card.groupId && groupCards.has(card.groupId)) groupCards.get(card.groupId)!.push(card);
		else loose.push(card);
	}
	const oldGroups = new Map(previous?.groups.map((g) => [g.id, g]));
	const groups: GroupView[] = [];
	for (const group of groupTitles) {
		const members = groupCards.get(group.id)!;
		if (members.length === 0) continue;
		const old = oldGroups.get(group.id);
		groups.push(
			old && old.title === group.title && sameList(old.cards, members)
				? old
				: { id: group.id, title: group.title, cards: members }
		);
	}

	const looseByColumn = new Map<string, RetroCard[]>(columns.map((c) => [c.id, []]));
	const orphans: RetroCard[] = [];
	for (const card of loose) {
		const list = looseByColumn.get(card.columnId);
		if (list) list.push(card);
		else orphans.push(card);
	}

	const groupTopic = (g: GroupView): RetroTopic => {
		const old = previous?.topicById.get(g.id);
		return old && old.title === g.title && old.cards === g.cards
			? old
			: { id: g.id, kind: 'group', title: g.title, cards: g.cards };
	};
	const cardTopic = (card: RetroCard): RetroTopic => {
		const old = previous?.topicById.get(card.id);
		return old && old.kind === 'card' && old.cards[0] === card
			? old
			: { id: card.id, kind: 'card', title: card.text, cards: [card] };
	};
	const topics: RetroTopic[] = groups.map(groupTopic);
	for (const column of columns) {
		for (const card of looseByColumn.get(column.id)!) topics.push(cardTopic(card));
	}
	// A card whose column was removed still is a topic (readTopics sorts it last).
	for (const card of orphans) topics.push(cardTopic(card));

	const actions = readActions(doc);
	const actionsByTopic = new Map<string, RetroAction[]>();
	for (const action of actions) {
		if (!action.topicId) continue;
		let list = actionsByTopic.get(action.topicId);
		if (!list) actionsByTopic.set(action.topicId, (list = []));
		list.push(action);
	}

	return {
		schemaVersion: typeof version === 'number' ? version : null,
		meta,
		columns,
		looseByColumn,
		groups,
		hiddenCards,
		cardCount: cards.length,
		cardById: new Map(cards.map((c) => [c.id, c])),
		topics,
		topicById: new Map(topics.map((t) => [t.id, t])),
		tallies: readTallies(doc),
		actions,
		actionsByTopic,
		draftCounts: readDraftCounts(doc),
		review: readReview(doc),
		notesTopics: new Set(doc.getMap('notes').keys())
	};
}

/** The board was written by a newer Opsloom: showing it is fine, changing it could damage it. */
export function isTooNew(view: BoardView): boolean {
	return view.schemaVersion !== null && view.schemaVersion > RETRO_SCHEMA_VERSION;
}
