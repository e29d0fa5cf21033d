/**
 * User text inside Markdown Opsloom writes (summaries, exports). Many viewers
 * render Markdown with raw HTML allowed and follow any link, so text must not
 * become markup: `<img onerror=…>` stays text, `[x](javascript:…)` is no link.
 * Escaping only what Markdown reads as syntax keeps ordinary text readable
 * ("v1.2", "Q4 - done" are left alone).
 */
const INLINE = /[\\`*_[\]<>&|~]/g;
const ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/** For text within a line: list items, headings, table cells. */
export function escapeMarkdownInline(text: string): string {
	return text.replace(INLINE, (char) => ENTITY[char] ?? `\\${char}`);
}

/** For multi-line text (notes): each line escaped, and nothing at a line's start starts a block. */
export function escapeMarkdownBlock(text: string): string {
	return text
		.split('\n')
		.map((line) =>
			escapeMarkdownInline(line)
				.replace(/^(\s*)([#+=-])/, '$1\\$2')
				// A backslash before a digit is no escape in Markdown: escape the dot instead.
				.replace(/^(\s*\d+)([.)])/, '$1\\$2')
		)
		.join('\n');
}
