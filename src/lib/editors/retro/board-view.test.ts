import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	findTemplate,
	templateColumns,
	groupCard,
	initRetroDocument,
	readColumns,
	readTopics,
	revealCards,
	setCardHidden
} from '$lib/model/retro';
import { readBoardView } from './board-view';

function boardWithCards(count: number): { doc: Y.Doc; ids: string[] } {
	const doc = new Y.Doc();
	initRetroDocument(doc, {
		facilitatorId: 'fac',
		anonymous: false,
		limits: { budget: 3, perCard: 2 },
		hideTallies: false,
		columns: templateColumns(findTemplate('start-stop-continue')!, 'en')
	});
	const columns = readColumns(doc);
	const ids = Array.from({ length: count }, (_, i) => `card${i}`);
	revealCards(
		doc,
		ids.map((id, i) => ({
			id,
			columnId: columns[i % columns.length].id,
			text: `Card ${i}`,
			authorId: `u${i % 4}`
		})),
		false
	);
	return { doc, ids };
}

describe('readBoardView', () => {
	it('lists the same topics in the same order as the model, with hidden cards set aside', () => {
		const { doc, ids } = boardWithCards(12);
		groupCard(doc, ids[1], ids[0]);
		groupCard(doc, ids[2], ids[0]);
		groupCard(doc, ids[7], ids[5]);
		setCardHidden(doc, ids[3], true);
		// A group whose only card is hidden is no topic, and its card is not loose either.
		groupCard(doc, ids[9], ids[10]);
		setCardHidden(doc, ids[9], true);
		setCardHidden(doc, ids[10], true);

		const view = readBoardView(doc);
		expect(view.topics.map((t) => t.id)).toEqual(readTopics(doc).map((t) => t.id));
		expect(view.groups.map((g) => g.cards.map((c) => c.id))).toEqual([
			[ids[0], ids[1], ids[2]],
			[ids[5], ids[7]]
		]);
		expect(view.hiddenCards.map((c) => c.id).sort()).toEqual([ids[10], ids[3], ids[9]].sort());
		const shownLoose = [...view.looseByColumn.values()].flat().map((c) => c.id);
		expect(shownLoose.sort()).toEqual([ids[4], ids[6], ids[8], ids[11]].sort());
	});

	it('keeps what did not change as the same objects, so one change re-renders only itself', () => {
		const { doc, ids } = boardWithCards(6);
		const before = readBoardView(doc);
		groupCard(doc, ids[1], ids[0]);
		const after = readBoardView(doc, before);
		expect(after.cardById.get(ids[2])).toBe(before.cardById.get(ids[2]));
		expect(after.topicById.get(ids[3])).toBe(before.topicById.get(ids[3]));
		expect(after.cardById.get(ids[1])).not.toBe(before.cardById.get(ids[1]));
		expect(after.groups[0].cards.map((c) => c.id)).toEqual([ids[0], ids[1]]);

		setCardHidden(doc, ids[4], true);
		const later = readBoardView(doc, after);
		expect(later.groups[0]).toBe(after.groups[0]);
		expect(later.topicById.get(after.groups[0].id)).toBe(after.topicById.get(after.groups[0].id));
		expect(later.topicById.has(ids[4])).toBe(false);
	});
});
