/** What is being typed after an `@` before the caret, for the mention list. */
export interface MentionQuery {
	/** Where the `@` is. */
	start: number;
	query: string;
}

/**
 * Someone the list can offer. The e-mail address, when known, is shown and
 * its part before the `@` matched (the domain is everyone's), never inserted.
 */
export interface Mentionable {
	name: string;
	email?: string;
}

const MAX_QUERY = 40;
const MAX_SHOWN = 8;

/**
 * The `@…` the caret is in, or null. A mention starts at the text's start,
 * after a space or punctuation, or right after a Chinese or Japanese
 * character (such text has no spaces: 请@王小明看看), but not after a Latin
 * letter or a digit, so e-mail addresses do not open the list. It may
 * contain spaces (names do) but no line break.
 */
export function mentionAt(text: string, caret: number): MentionQuery | null {
	const before = text.slice(0, caret);
	const at = before.lastIndexOf('@');
	if (at === -1) return null;
	const query = before.slice(at + 1);
	if (query.length > MAX_QUERY || /[\n@]/.test(query) || /^\s/.test(query)) return null;
	const previous = at === 0 ? '' : before.charAt(at - 1);
	if (
		previous &&
		/[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{N}_.+-]/u.test(previous)
	) {
		return null;
	}
	return { start: at, query };
}

/**
 * Members whose name starts with the query first, then those whose name
 * contains it, then those whose e-mail address does before its `@` (typing
 * `@wang` finds 王小明 <xiaoming.wang@…>). Members without a name
 * cannot be mentioned (the server finds mentions by name).
 */
export function matchMembers<T extends Mentionable>(members: T[], query: string): T[] {
	const q = query.trim().toLowerCase();
	const named = members.filter((m) => m.name.trim());
	if (!q) return named.slice(0, MAX_SHOWN);
	const name = (m: T) => m.name.toLowerCase();
	const starts = named.filter((m) => name(m).startsWith(q));
	const contains = named.filter((m) => !name(m).startsWith(q) && name(m).includes(q));
	const mailbox = (m: T) => (m.email ?? '').toLowerCase().split('@')[0];
	const byEmail = named.filter((m) => !name(m).includes(q) && mailbox(m).includes(q));
	return [...starts, ...contains, ...byEmail].slice(0, MAX_SHOWN);
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

export type MentionPart = { text: string } | { text: string; mention: string };

/**
 * A comment's text cut into plain runs and the `@Name`s of members in it,
 * found as the server finds them (src/lib/server/suggestions/comments.ts,
 * mentionedIn): the longest member name right after an `@`, not followed by
 * a letter or digit. Lets a comment show who it mentions.
 */
export function splitMentions(body: string, names: readonly string[]): MentionPart[] {
	const byLength = names.filter((n) => n.trim()).sort((a, b) => b.length - a.length);
	if (byLength.length === 0 || !body.includes('@')) return [{ text: body }];
	const parts: MentionPart[] = [];
	const lower = body.toLowerCase();
	let plainFrom = 0;
	for (let at = lower.indexOf('@'); at !== -1; at = lower.indexOf('@', at + 1)) {
		const following = lower.slice(at + 1);
		const name = byLength.find(
			(n) =>
				following.startsWith(n.toLowerCase()) && !/[\p{L}\p{N}]/u.test(following.charAt(n.length))
		);
		if (!name) continue;
		if (at > plainFrom) parts.push({ text: body.slice(plainFrom, at) });
		parts.push({ text: body.slice(at, at + 1 + name.length), mention: name });
		plainFrom = at + 1 + name.length;
		at = plainFrom - 1;
	}
	if (plainFrom < body.length) parts.push({ text: body.slice(plainFrom) });
	return parts;
}
