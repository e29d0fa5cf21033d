import type * as Y from 'yjs';
import { m } from '../../paraglide/messages';
import type { Locale } from '../../paraglide/runtime';
import { readCards, readColumns, readGroups, type RetroCard } from './shape';

/**
 * What the meeting votes on and discusses: each group, and each card outside
 * any group. Hidden cards are not part of any topic, and a group whose cards
 * are all hidden is not a topic.
 */
export interface RetroTopic {
	id: string;
	kind: 'group' | 'card';
	/** The group's name, or the card's text. */
	title: string;
	cards: RetroCard[];
}

/** Topics in board order: groups first (in creation order), then loose cards column by column. */
export function readTopics(doc: Y.Doc): RetroTopic[] {
	const cards = readCards(doc).filter((c) => !c.hidden);
	const columnOrder = new Map(readColumns(doc).map((c, i) => [c.id, i]));
	const byColumn = (a: RetroCard, b: RetroCard) =>
		(columnOrder.get(a.columnId) ?? Infinity) - (columnOrder.get(b.columnId) ?? Infinity);
	const topics: RetroTopic[] = [];
	for (const group of readGroups(doc)) {
		const members = cards.filter((c) => c.groupId === group.id);
		if (members.length > 0) {
			topics.push({ id: group.id, kind: 'group', title: group.title, cards: members });
		}
	}
	const groupIds = new Set(topics.map((t) => t.id));
	for (const card of cards.filter((c) => !c.groupId || !groupIds.has(c.groupId)).sort(byColumn)) {
		topics.push({ id: card.id, kind: 'card', title: card.text, cards: [card] });
	}
	return topics;
}

/** Most votes first; ties keep board order, so everyone sees the same agenda. */
export function topicsInVoteOrder(
	topics: RetroTopic[],
	tallies: Map<string, number>
): RetroTopic[] {
	return topics
		.map((topic, index) => ({ topic, index, votes: tallies.get(topic.id) ?? 0 }))
		.sort((a, b) => b.votes - a.votes || a.index - b.index)
		.map(({ topic }) => topic);
}

/** A topic's display name: a group without a name is called after its first card. */
export function topicLabel(topic: RetroTopic, locale?: Locale): string {
	const title = topic.title.trim();
	if (title) return title;
	const first = topic.cards[0]?.text.trim() ?? '';
	return first.length > 60
		? `${first.slice(0, 57)}…`
		: first || m.retro_untitled_topic({}, locale ? { locale } : {});
}
