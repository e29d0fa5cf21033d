/**
 * A piece of a document's text as the search index stores it: one block of
 * a framework document, one flow step, one retro card or note. `key` says
 * where in the document it is (a step or card id), so a result can open at
 * the match; null when the passage is plain running text.
 */
export interface SearchPassage {
	text: string;
	key: string | null;
}

/** Drops empty passages and trims the rest: what every kind's reader returns. */
export function passages(list: readonly SearchPassage[]): SearchPassage[] {
	return list
		.map((p) => ({ text: p.text.replace(/\s+/g, ' ').trim(), key: p.key }))
		.filter((p) => p.text !== '');
}
