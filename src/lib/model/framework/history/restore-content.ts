import * as Y from 'yjs';
import { CONTENT_FIELD } from '../shape';
import { diffSequences } from './sequence-diff';

type Container = Y.XmlFragment | Y.XmlElement;
type Child = Y.XmlElement | Y.XmlText;

/**
 * Makes `doc`'s framework content equal to `version`'s by changing as little
 * as possible: blocks and characters both versions share stay the very same
 * Yjs items, so relative positions anchored in them (comment anchors, other
 * people's cursors) keep pointing at the same words. Only what differs is
 * deleted or inserted. Call inside a transaction on `doc`; `version` is only read.
 */
export function restoreFrameworkContent(doc: Y.Doc, version: Y.Doc): void {
	reconcileChildren(doc.getXmlFragment(CONTENT_FIELD), version.getXmlFragment(CONTENT_FIELD));
}

/** An element or text is "the same" as another when it renders to the same XML. */
const fingerprint = (child: Child): string =>
	`${child instanceof Y.XmlText ? 't' : 'e'}:${child.toString()}`;

function reconcileChildren(live: Container, wanted: Container): void {
	const current = live.toArray() as Child[];
	const target = wanted.toArray() as Child[];
	const currentKeys = current.map(fingerprint);
	const targetKeys = target.map(fingerprint);
	const exact = diffSequences(
		current.map((_, i) => i),
		target.map((_, j) => j),
		(i, j) => currentKeys[i] === targetKeys[j]
	);
	// From the end, so the positions of earlier runs stay valid.
	for (let r = exact.length - 1; r >= 0; r--) {
		const run = exact[r];
		const previous = exact[r - 1];
		if (run.type === 'insert' && previous?.type === 'delete' && previous.aEnd === run.aStart) {
			// Blocks replaced by others: the ones still alike are edited in place.
			const have = current.slice(previous.aStart, previous.aEnd);
			const want = target.slice(run.bStart, run.bEnd);
			reconcileAlike(live, previous.aStart, have, want);
			r--;
		} else if (run.type === 'insert') {
			live.insert(run.aStart, target.slice(run.bStart, run.bEnd).map(copyOf));
		} else if (run.type === 'delete') {
			live.delete(run.aStart, run.aEnd - run.aStart);
		}
	}
}

/** Pairs the children of a changed stretch that are alike and changes those in place. */
function reconcileAlike(live: Container, at: number, have: Child[], want: Child[]): void {
	const runs = diffSequences(have, want, alike);
	for (let r = runs.length - 1; r >= 0; r--) {
		const run = runs[r];
		if (run.type === 'delete') live.delete(at + run.aStart, run.aEnd - run.aStart);
		if (run.type === 'insert')
			live.insert(at + run.aStart, want.slice(run.bStart, run.bEnd).map(copyOf));
		if (run.type !== 'equal') continue;
		for (let k = run.aEnd - run.aStart - 1; k >= 0; k--) {
			const a = have[run.aStart + k];
			const b = want[run.bStart + k];
			if (a instanceof Y.XmlText && b instanceof Y.XmlText) reconcileText(a, b);
			else if (a instanceof Y.XmlElement && b instanceof Y.XmlElement) {
				reconcileAttributes(a, b);
				reconcileChildren(a, b);
			}
		}
	}
}

/**
 * Two children are worth editing one into the other when they are the same
 * kind of node and most of their text is shared at the start and end: an
 * edited sentence, not a different paragraph that happens to sit there.
 */
function alike(a: Child, b: Child): boolean {
	if (a instanceof Y.XmlText !== b instanceof Y.XmlText) return false;
	if (a instanceof Y.XmlElement && (!(b instanceof Y.XmlElement) || a.nodeName !== b.nodeName)) {
		return false;
	}
	const x = plainText(a);
	const y = plainText(b);
	const longest = Math.max(x.length, y.length);
	if (longest === 0) return true;
	let prefix = 0;
	while (prefix < x.length && prefix < y.length && x[prefix] === y[prefix]) prefix++;
	let suffix = 0;
	while (
		suffix < x.length - prefix &&
		suffix < y.length - prefix &&
		x[x.length - 1 - suffix] === y[y.length - 1 - suffix]
	) {
		suffix++;
	}
	return (prefix + suffix) / longest >= 0.5;
}

function plainText(node: Child): string {
	if (node instanceof Y.XmlText) {
		return (node.toDelta() as { insert: unknown }[])
			.map((op) => (typeof op.insert === 'string' ? op.insert : ''))
			.join('');
	}
	if (node instanceof Y.XmlElement) return (node.toArray() as Child[]).map(plainText).join('\n');
	return '';
}

function copyOf(child: Child): Child {
	return child.clone() as Child;
}

function reconcileAttributes(live: Y.XmlElement, wanted: Y.XmlElement): void {
	const have = live.getAttributes() as Record<string, unknown>;
	const want = wanted.getAttributes() as Record<string, unknown>;
	for (const key of Object.keys(have)) if (!(key in want)) live.removeAttribute(key);
	for (const [key, value] of Object.entries(want)) {
		if (JSON.stringify(have[key]) !== JSON.stringify(value)) {
			live.setAttribute(key, value as string);
		}
	}
}

interface Glyph {
	/** One UTF-16 code unit, as Y.Text counts positions. */
	char: string;
	attrs: Record<string, unknown>;
	key: string;
}

function glyphsOf(text: Y.XmlText): Glyph[] {
	const glyphs: Glyph[] = [];
	for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
		const attrs = op.attributes ?? {};
		const key = stableJson(attrs);
		// Prosemirror's binding writes only strings into text; anything else counts as one position.
		const chars = typeof op.insert === 'string' ? op.insert : '\uFFFC';
		for (let i = 0; i < chars.length; i++) glyphs.push({ char: chars[i], attrs, key });
	}
	return glyphs;
}

function reconcileText(live: Y.XmlText, wanted: Y.XmlText): void {
	const have = glyphsOf(live);
	const want = glyphsOf(wanted);
	const runs = diffSequences(have, want, (x, y) => x.char === y.char && x.key === y.key);
	for (let r = runs.length - 1; r >= 0; r--) {
		const run = runs[r];
		if (run.type === 'delete') live.delete(run.aStart, run.aEnd - run.aStart);
		if (run.type !== 'insert') continue;
		// Runs of one formatting each, inserted back to front at the same position.
		let end = run.bEnd;
		while (end > run.bStart) {
			let start = end - 1;
			while (start > run.bStart && want[start - 1].key === want[end - 1].key) start--;
			const text = want
				.slice(start, end)
				.map((g) => g.char)
				.join('');
			// An explicit (possibly empty) attribute object: Yjs then clears formatting it does not name.
			live.insert(run.aStart, text, { ...want[start].attrs });
			end = start;
		}
	}
}

function stableJson(value: Record<string, unknown>): string {
	return JSON.stringify(
		Object.keys(value)
			.sort()
			.map((k) => [k, value[k]])
	);
}
