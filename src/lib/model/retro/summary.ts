import type * as Y from 'yjs';
import { talliesVisible } from './phases';
import {
	readActions,
	readCards,
	readColumns,
	readGroups,
	readRetroMeta,
	readTallies
} from './shape';

/**
 * The meeting as Markdown: groups and cards by votes, discussion notes and
 * actions with owners. Hidden cards stay out; on anonymous boards no author
 * is named, whatever the caller passes.
 */
export function retroSummaryMarkdown(
	doc: Y.Doc,
	title: string,
	names: Map<string, string>
): string {
	const meta = readRetroMeta(doc);
	const showVotes = talliesVisible(meta.phase, meta.hideTallies);
	const tallies = readTallies(doc);
	const cards = readCards(doc).filter((c) => !c.hidden);
	const groups = readGroups(doc);
	const notes = doc.getMap<Y.Text>('notes');
	const name = (id: string | null) => (id ? (names.get(id) ?? 'someone') : 'nobody');
	const votes = (id: string) => (showVotes && tallies.get(id) ? ` (${tallies.get(id)} votes)` : '');
	const byVotes = <T extends { id: string }>(list: T[]) =>
		[...list].sort((a, b) => (tallies.get(b.id) ?? 0) - (tallies.get(a.id) ?? 0));
	const cardLine = (c: (typeof cards)[number]) =>
		`- ${c.text.replace(/\n+/g, ' ')}${votes(c.id)}${!meta.anonymous && c.authorId ? ` — ${name(c.authorId)}` : ''}`;

	const lines = [`# ${title}`, '', `Phase: ${meta.phase}`, ''];
	for (const group of byVotes(groups)) {
		const members = cards.filter((c) => c.groupId === group.id);
		if (members.length === 0) continue;
		lines.push(`## ${group.title.trim() || 'Untitled group'}${votes(group.id)}`, '');
		lines.push(...byVotes(members).map(cardLine), '');
		const note = notes.get(group.id)?.toString().trim();
		if (note) lines.push('Notes:', '', note, '');
	}
	for (const column of readColumns(doc)) {
		const loose = cards.filter((c) => c.columnId === column.id && !c.groupId);
		if (loose.length === 0) continue;
		lines.push(`## ${column.title}`, '', ...byVotes(loose).map(cardLine), '');
	}
	const actions = readActions(doc);
	lines.push('## Actions', '');
	if (actions.length === 0) lines.push('No actions.', '');
	for (const a of actions) {
		lines.push(
			`- [${a.done ? 'x' : ' '}] ${a.title} — owner: ${name(a.ownerId)}${a.dueDate ? `, due ${a.dueDate}` : ''}`
		);
	}
	return lines.join('\n').trimEnd() + '\n';
}
