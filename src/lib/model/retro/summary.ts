import type * as Y from 'yjs';
import { m } from '../../paraglide/messages';
import type { Locale } from '../../paraglide/runtime';
import { escapeMarkdownBlock, escapeMarkdownInline } from '../markdown';
import { retroPhaseLabel } from './labels';
import { talliesVisible } from './phases';
import { readActions, readRetroMeta, readReview, readTallies, type RetroCard } from './shape';
import { readTopics, topicLabel, topicsInVoteOrder } from './topics';

const REVIEW_LABELS = {
	done: m.retro_md_outcome_done,
	open: m.retro_md_outcome_open,
	dropped: m.retro_md_outcome_dropped
} as const;

/**
 * The meeting as Markdown: the review of earlier actions, topics in vote
 * order with their cards and notes, and the actions with owners. Hidden cards
 * stay out; on anonymous boards no author is named, whatever the caller passes.
 * Headings and labels are in `locale` (the reader's); what people wrote stays as written.
 */
export function retroSummaryMarkdown(
	doc: Y.Doc,
	title: string,
	names: Map<string, string>,
	locale: Locale
): string {
	const options = { locale };
	const meta = readRetroMeta(doc);
	const tallies = talliesVisible(meta.phase, meta.hideTallies) ? readTallies(doc) : new Map();
	const notes = doc.getMap<Y.Text>('notes');
	// Everything people wrote is escaped: the summary is pasted into wikis and chats that render it.
	const oneLine = (text: string) => escapeMarkdownInline(text.replace(/\s*\n\s*/g, ' ').trim());
	const name = (id: string | null) =>
		escapeMarkdownInline(
			id ? (names.get(id) ?? m.retro_md_former_member({}, options)) : m.retro_md_nobody({}, options)
		);
	const votes = (id: string) => {
		const count = tallies.get(id) ?? 0;
		if (count === 0) return '';
		return count === 1 ? m.retro_md_votes_one({}, options) : m.retro_md_votes({ count }, options);
	};
	const cardLine = (card: RetroCard) =>
		`- ${oneLine(card.text)}${!meta.anonymous && card.authorId ? m.retro_md_card_author({ name: name(card.authorId) }, options) : ''}`;

	const phase = retroPhaseLabel(meta.phase, locale);
	const lines = [`# ${oneLine(title)}`, '', m.retro_md_phase({ phase }, options), ''];

	const review = readReview(doc);
	if (review.length > 0) {
		lines.push(`## ${m.retro_md_review_heading({}, options)}`, '');
		for (const item of review) {
			const outcome = (item.outcome ? REVIEW_LABELS[item.outcome] : m.retro_md_outcome_none)(
				{},
				options
			);
			const line = { title: oneLine(item.title), outcome, owner: name(item.ownerId) };
			lines.push(`- ${m.retro_md_review_item(line, options)}`);
		}
		lines.push('');
	}

	const topics = topicsInVoteOrder(readTopics(doc), tallies);
	lines.push(`## ${m.retro_md_topics_heading({}, options)}`, '');
	if (topics.length === 0) lines.push(m.retro_md_no_cards({}, options), '');
	for (const topic of topics) {
		lines.push(`### ${oneLine(topicLabel(topic, locale))}${votes(topic.id)}`, '');
		if (topic.kind === 'group') lines.push(...topic.cards.map(cardLine), '');
		else if (!meta.anonymous && topic.cards[0].authorId) {
			lines.push(m.retro_md_from({ name: name(topic.cards[0].authorId) }, options), '');
		}
		const note = notes.get(topic.id)?.toString().trim();
		if (note) lines.push(m.retro_md_notes({}, options), '', escapeMarkdownBlock(note), '');
	}

	const actions = readActions(doc);
	lines.push(`## ${m.retro_md_actions_heading({}, options)}`, '');
	if (actions.length === 0) lines.push(m.retro_md_no_actions({}, options), '');
	const topicNames = new Map(topics.map((t) => [t.id, oneLine(topicLabel(t, locale))]));
	for (const a of actions) {
		const topic = a.topicId ? topicNames.get(a.topicId) : undefined;
		const parts = [
			oneLine(a.title) || m.retro_md_untitled_action({}, options),
			m.retro_md_action_owner({ owner: name(a.ownerId) }, options),
			a.dueDate ? m.retro_md_action_due({ date: a.dueDate }, options) : '',
			topic !== undefined ? m.retro_md_action_from({ topic }, options) : ''
		];
		lines.push(`- [${a.done ? 'x' : ' '}] ${parts.join('')}`);
	}
	return lines.join('\n').trimEnd() + '\n';
}
