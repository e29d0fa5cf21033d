/**
 * How a search box's text becomes a text-search query, and how a result's
 * passage is marked up. Pure, so the browser and the server agree.
 *
 * The database vector (migration `opsloom_search_vector`) holds English stems
 * and CJK character pairs. A query's Latin words go to the 'english'
 * configuration (so "schedules" finds "scheduling"), the last one as a prefix
 * because people search as they type; each run of CJK characters becomes the
 * phrase of its pairs (回访流程 → 回访 <-> 访流 <-> 流程), one character a prefix.
 */

const CJK_RUN = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+/gu;
const IS_CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/u;
const WORD = /[\p{L}\p{N}]+/gu;

/** Longer queries are cut: nobody types more, and each term costs an index lookup. */
export const MAX_QUERY_CHARS = 200;
const MAX_TERMS = 12;

export interface ParsedQuery {
	/** `to_tsquery('english', …)` input, or '' */
	english: string;
	/** `to_tsquery('simple', …)` input, or '' */
	cjk: string;
	/** Literal pieces to mark in a passage: CJK runs and Latin words as typed. */
	terms: string[];
}

export function parseSearchQuery(input: string): ParsedQuery {
	const q = input.slice(0, MAX_QUERY_CHARS);
	const cjkRuns = [...q.matchAll(CJK_RUN)].map((m) => m[0]).slice(0, MAX_TERMS);
	const words = [...q.replace(CJK_RUN, ' ').matchAll(WORD)]
		.map((m) => m[0].toLowerCase())
		.slice(0, MAX_TERMS);
	// Only letters and digits reach the query text, so nothing needs escaping.
	const english = words
		.map((word, i) => (i === words.length - 1 ? `'${word}':*` : `'${word}'`))
		.join(' & ');
	const cjk = cjkRuns
		.map((run) => {
			const chars = [...run];
			if (chars.length === 1) return `'${run}':*`;
			const pairs = chars.slice(0, -1).map((c, i) => `'${c}${chars[i + 1]}'`);
			return pairs.length === 1 ? pairs[0] : `(${pairs.join(' <-> ')})`;
		})
		.join(' & ');
	return { english, cjk, terms: [...cjkRuns, ...words] };
}

export interface Segment {
	text: string;
	match: boolean;
}

/**
 * Splits a passage into plain and matching segments. CJK runs match as
 * substrings; a Latin word matches a word that starts with its stem-ish
 * prefix (the word less a plural or verb ending), so "schedules" marks
 * "scheduling". The database decides what matches; this only shows where.
 */
export function markMatches(text: string, terms: readonly string[]): Segment[] {
	const patterns = terms
		.map((term) => {
			if (IS_CJK.test(term)) return escapeRegExp(term);
			return `(?<![\\p{L}\\p{N}])${escapeRegExp(stemPrefix(term))}[\\p{L}\\p{N}]*`;
		})
		.filter(Boolean);
	if (patterns.length === 0) return [{ text, match: false }];
	const pattern = new RegExp(patterns.join('|'), 'giu');
	const segments: Segment[] = [];
	let at = 0;
	for (const m of text.matchAll(pattern)) {
		if (m[0].length === 0) continue;
		if (m.index > at) segments.push({ text: text.slice(at, m.index), match: false });
		segments.push({ text: m[0], match: true });
		at = m.index + m[0].length;
	}
	if (at < text.length) segments.push({ text: text.slice(at), match: false });
	return segments;
}

/**
 * A window of the passage around its first match, so a long block shows the
 * words that matched rather than its opening.
 */
export function excerptAround(segments: Segment[], maxChars = 160): Segment[] {
	const total = segments.reduce((n, s) => n + s.text.length, 0);
	if (total <= maxChars) return segments;
	const first = segments.findIndex((s) => s.match);
	let offset = 0;
	for (let i = 0; i < first; i++) offset += segments[i].text.length;
	const start = Math.max(0, offset - Math.floor(maxChars / 3));
	const end = start + maxChars;
	const out: Segment[] = [];
	let pos = 0;
	for (const segment of segments) {
		const from = Math.max(start, pos);
		const to = Math.min(end, pos + segment.text.length);
		if (to > from)
			out.push({ text: segment.text.slice(from - pos, to - pos), match: segment.match });
		pos += segment.text.length;
	}
	if (start > 0) out.unshift({ text: '…', match: false });
	if (end < total) out.push({ text: '…', match: false });
	return out;
}

function stemPrefix(word: string): string {
	const stripped = word.replace(/(ing|ed|es|s|ly|ies|er|ers)$/u, '');
	return stripped.length >= 3 ? stripped : word;
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
