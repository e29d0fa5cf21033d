import * as Y from 'yjs';
import type { DocumentMention } from '../framework/mentions';

/**
 * Retro notes are plain text (a textarea per topic), so a mention there is
 * "@" followed by a member's name, matched against the workspace's members:
 * the longest name that follows, case-insensitively, ending at a word
 * boundary. One mention per person per topic's notes (`notes:<topic>:<user>`),
 * so editing the notes around it does not make it new.
 */
export interface MemberName {
	id: string;
	name: string;
}

const EXCERPT_RADIUS = 60;

/** The client id that wrote the character at `index` of a Y.Text. */
function writerAt(text: Y.Text, index: number): number | null {
	type ItemLike = {
		deleted: boolean;
		countable: boolean;
		length: number;
		right: ItemLike | null;
		id: { client: number };
	};
	let item = (text as unknown as { _start: ItemLike | null })._start;
	let offset = 0;
	while (item) {
		if (!item.deleted && item.countable) {
			if (index < offset + item.length) return item.id.client;
			offset += item.length;
		}
		item = item.right;
	}
	return null;
}

export function readRetroMentions(doc: Y.Doc, members: readonly MemberName[]): DocumentMention[] {
	const byLength = [...members]
		.filter((m) => m.name.trim() !== '')
		.sort((a, b) => b.name.length - a.name.length);
	const found = new Map<string, DocumentMention>();
	for (const [topicId, text] of doc.getMap<unknown>('notes')) {
		if (!(text instanceof Y.Text)) continue;
		const value = text.toString();
		for (let at = value.indexOf('@'); at !== -1; at = value.indexOf('@', at + 1)) {
			const following = value.slice(at + 1, at + 1 + 101).toLowerCase();
			const member = byLength.find((m) => {
				const name = m.name.toLowerCase();
				return following.startsWith(name) && !/[\p{L}\p{N}]/u.test(following.charAt(name.length));
			});
			if (!member) continue;
			const id = `notes:${topicId}:${member.id}`;
			if (found.has(id)) continue;
			const start = Math.max(0, at - EXCERPT_RADIUS);
			const excerpt = value
				.slice(start, at + EXCERPT_RADIUS)
				.replace(/\s+/g, ' ')
				.trim();
			found.set(id, {
				id,
				userId: member.id,
				authorClient: writerAt(text, at),
				itemKey: null,
				excerpt: `${start > 0 ? '…' : ''}${excerpt}`
			});
		}
	}
	return [...found.values()];
}
