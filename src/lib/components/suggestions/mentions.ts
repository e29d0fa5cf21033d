/** What is being typed after an `@` before the caret, for the mention list. */
export interface MentionQuery {
	/** Where the `@` is. */
	start: number;
	query: string;
}

const MAX_QUERY = 40;
const MAX_SHOWN = 8;

/**
 * The `@…` the caret is in, or null. A mention starts at the text's start or
 * after a space or punctuation (so e-mail addresses do not open the list),
 * and may contain spaces (names do) but no line break.
 */
export function mentionAt(text: string, caret: number): MentionQuery | null {
	const before = text.slice(0, caret);
	const at = before.lastIndexOf('@');
	if (at === -1) return null;
	const query = before.slice(at + 1);
	if (query.length > MAX_QUERY || /[\n@]/.test(query) || /^\s/.test(query)) return null;
	const previous = at === 0 ? '' : before.charAt(at - 1);
	if (previous && /[\p{L}\p{N}_.]/u.test(previous)) return null;
	return { start: at, query };
}

/** Members whose name starts with the query first, then those that contain it. */
export function matchMembers<T extends { name: string }>(members: T[], query: string): T[] {
	const q = query.trim().toLowerCase();
	const named = members.filter((m) => m.name.trim());
	if (!q) return named.slice(0, MAX_SHOWN);
	const starts = named.filter((m) => m.name.toLowerCase().startsWith(q));
	const contains = named.filter(
		(m) => !m.name.toLowerCase().startsWith(q) && m.name.toLowerCase().includes(q)
	);
	return [...starts, ...contains].slice(0, MAX_SHOWN);
}

/** The text with the `@query` replaced by `@Name `, and where the caret goes. */
export function insertMention(
	text: string,
	mention: MentionQuery,
	caret: number,
	name: string
): { text: string; caret: number } {
	const inserted = `@${name} `;
	return {
		text: text.slice(0, mention.start) + inserted + text.slice(caret).replace(/^ /, ''),
		caret: mention.start + inserted.length
	};
}
