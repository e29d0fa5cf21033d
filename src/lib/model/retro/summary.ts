import type * as Y from 'yjs';
import { escapeMarkdownBlock, escapeMarkdownInline } from '../markdown';
import { talliesVisible } from './phases';
import { readActions, readRetroMeta, readReview, readTallies, type RetroCard } from './shape';
import { readTopics, topicLabel, topicsInVoteOrder } from './topics';

const REVIEW_LABELS = { done: 'done', open: 'still open', dropped: 'dropped' } as const;

/**
 * The meeting as Markdown: the review of earlier actions, topics in vote
 * order with their cards and notes, and the actions with owners. Hidden cards
 * stay out; on anonymous boards no author is named, whatever the caller passes.
 */
export function retroSummaryMarkdown(
	doc: Y.Doc,
	title: string,
	names: Map<string, string>
): string {
	const meta = readRetroMeta(doc);
	const tallies = talliesVisible(meta.phase, meta.hideTallies) ? readTallies(doc) : new Map();
	const notes = doc.getMap<Y.Text>('notes');
	// Everything people wrote is escaped: the summary is pasted into wikis and chats that render it.
	const oneLine = (text: string) => escapeMarkdownInline(text.replace(/\s*\n\s*/g, ' ').trim());
	const name = (id: string | null) =>
		escapeMarkdownInline(id ? (names.get(id) ?? 'a former member') : 'nobody');
	const votes = (id: string) => {
		const n = tallies.get(id) ?? 0;
		return n > 0 ? ` (${n} ${n === 1 ? 'vote' : 'votes'})` : '';
	};
	const cardLine = (card: RetroCard) =>
		`- ${oneLine(card.text)}${!meta.anonymous && card.authorId ? ` (${name(card.authorId)})` : ''}`;

	const lines = [`# ${oneLine(title)}`, '', `Phase: ${meta.phase}`, ''];

	const review = readReview(doc);
	if (review.length > 0) {
		lines.push('## Earlier actions reviewed', '');
		for (const item of review) {
			const outcome = item.outcome ? REVIEW_LABELS[item.outcome] : 'not reviewed';
			lines.push(`- ${oneLine(item.title)}: ${outcome} (owner: ${name(item.ownerId)})`);
		}
		lines.push('');
	}

	const topics = topicsInVoteOrder(readTopics(doc), tallies);
	lines.push('## Topics', '');
	if (topics.length === 0) lines.push('No cards yet.', '');
	for (const topic of topics) {
		lines.push(`### ${oneLine(topicLabel(topic))}${votes(topic.id)}`, '');
		if (topic.kind === 'group') lines.push(...topic.cards.map(cardLine), '');
		else if (!meta.anonymous && topic.cards[0].authorId) {
			lines.push(`From ${name(topic.cards[0].authorId)}.`, '');
		}
		const note = notes.get(topic.id)?.toString().trim();
		if (note) lines.push('Notes:', '', escapeMarkdownBlock(note), '');
	}

	const actions = readActions(doc);
	lines.push('## Actions', '');
	if (actions.length === 0) lines.push('No actions.', '');
	const topicNames = new Map(topics.map((t) => [t.id, oneLine(topicLabel(t))]));
	for (const a of actions) {
		const from =
			a.topicId && topicNames.has(a.topicId) ? ` (from "${topicNames.get(a.topicId)}")` : '';
		lines.push(
			`- [${a.done ? 'x' : ' '}] ${oneLine(a.title) || 'Untitled action'}, owner: ${name(a.ownerId)}${a.dueDate ? `, due ${a.dueDate}` : ''}${from}`
		);
	}
	return lines.join('\n').trimEnd() + '\n';
}
