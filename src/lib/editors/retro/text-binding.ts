import type * as Y from 'yjs';

/**
 * Keeps a plain `<textarea>` and a `Y.Text` in step: typing becomes the
 * smallest delete/insert on the shared text, and someone else's edit updates
 * the textarea without throwing the caret to the end. Indexes are UTF-16 code
 * units on both sides (what JavaScript strings and Yjs count).
 */

/** One contiguous change: remove `remove` characters at `index`, then insert `insert` there. */
export interface TextSplice {
	index: number;
	remove: number;
	insert: string;
}

/** A Yjs text delta, as `Y.YTextEvent.delta` reports it (attributes ignored). */
export type TextDelta = ReadonlyArray<{
	insert?: string | object;
	delete?: number;
	retain?: number;
}>;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The change that turns `before` into `after`, found by trimming their common
 * prefix and suffix; null when they are equal. A single edit in a textarea
 * (typing, deleting, pasting over a selection) is exactly one such splice.
 * `caret` (the caret after the edit) settles ambiguous cases: typing "a" at
 * the start of "aa" is an insert at 0, not at 2, which matters when someone
 * else edits between the two. The cut never falls inside a surrogate pair,
 * so an emoji is never half-deleted.
 */
export function diffText(before: string, after: string, caret?: number): TextSplice | null {
	if (before === after) return null;
	let max = Math.min(before.length, after.length);
	// The edit began at or before caret − (inserted length) ≤ caret − (growth).
	if (caret !== undefined)
		max = Math.max(0, Math.min(max, caret - Math.max(0, after.length - before.length)));
	let start = 0;
	while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
	if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
	const room = Math.min(before.length, after.length) - start;
	let end = 0;
	while (
		end < room &&
		before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
	) {
		end++;
	}
	if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
	return {
		index: start,
		remove: before.length - start - end,
		insert: after.slice(start, after.length - end)
	};
}

/**
 * Where `index` in the old text lies after `delta` was applied. Text inserted
 * exactly at the index pushes it along (the caret stays after it, like Yjs'
 * relative positions do); text deleted around it pulls it to the deletion's start.
 */
export function shiftIndex(index: number, delta: TextDelta): number {
	let position = 0;
	let shifted = index;
	for (const op of delta) {
		if (position > index) break;
		if (op.retain !== undefined) {
			position += op.retain;
		} else if (op.insert !== undefined) {
			shifted += typeof op.insert === 'string' ? op.insert.length : 1;
		} else if (op.delete !== undefined) {
			if (position < index) shifted -= Math.min(op.delete, index - position);
			position += op.delete;
		}
	}
	return shifted;
}

/** The parts of an HTMLTextAreaElement the binding uses, so tests can pass a stand-in. */
export interface TextareaLike {
	value: string;
	selectionStart: number | null;
	selectionEnd: number | null;
	selectionDirection?: 'forward' | 'backward' | 'none' | null;
	setSelectionRange(start: number, end: number, direction?: 'forward' | 'backward' | 'none'): void;
	addEventListener(type: TextareaEvent, listener: () => void): void;
	removeEventListener(type: TextareaEvent, listener: () => void): void;
}

type TextareaEvent = 'input' | 'compositionstart' | 'compositionend';

/**
 * Binds `textarea` to `text` until the returned function is called. Local
 * edits are written in one transaction whose origin is the binding itself,
 * which is how its own observer tells them from everyone else's.
 * `hasFocus` says whether the caret is worth keeping (a blurred textarea's
 * selection is invisible, and restoring it could scroll the page).
 *
 * While an input method composes (Pinyin, Zhuyin …) nothing is written: the
 * pinyin is not text anyone meant, and colleagues must not see it. Others'
 * edits that arrive meanwhile are not put into the textarea either (setting
 * its value would end the composition and drop or double what was being
 * typed); they are remembered, and when the composition ends the composed
 * change is placed into the shared text where it belongs among them.
 */
export function bindTextarea(
	textarea: TextareaLike,
	text: Y.Text,
	hasFocus: () => boolean = () => true
): () => void {
	const origin = {};
	textarea.value = text.toString();
	/** The shared text when the composition began, and others' changes since; null when not composing. */
	let composition: { base: string; missed: TextDelta[] } | null = null;

	const write = (splice: TextSplice) => {
		if (!text.doc) return;
		text.doc.transact(() => {
			if (splice.remove > 0) text.delete(splice.index, splice.remove);
			if (splice.insert) text.insert(splice.index, splice.insert);
		}, origin);
	};

	const onInput = () => {
		if (composition) return;
		const splice = diffText(text.toString(), textarea.value, textarea.selectionEnd ?? undefined);
		if (splice) write(splice);
	};

	const onCompositionStart = () => {
		composition = { base: text.toString(), missed: [] };
	};

	const onCompositionEnd = () => {
		if (!composition) return;
		const { base, missed } = composition;
		composition = null;
		const caret = textarea.selectionEnd ?? undefined;
		const local = diffText(base, textarea.value, caret);
		let start = local?.index ?? caret ?? 0;
		let end = local ? local.index + local.remove : start;
		for (const delta of missed) {
			start = shiftIndex(start, delta);
			end = shiftIndex(end, delta);
		}
		if (local) write({ index: start, remove: Math.max(0, end - start), insert: local.insert });
		if (missed.length === 0) return; // the textarea already shows exactly the shared text
		const after = start + (local?.insert.length ?? 0);
		textarea.value = text.toString();
		if (hasFocus()) textarea.setSelectionRange(after, after);
	};

	const onChange = (event: Y.YTextEvent, transaction: Y.Transaction) => {
		if (transaction.origin === origin) return;
		const delta = event.delta as TextDelta;
		if (composition) {
			composition.missed.push(delta);
			return;
		}
		const focused = hasFocus();
		const start = textarea.selectionStart ?? 0;
		const end = textarea.selectionEnd ?? 0;
		const direction = textarea.selectionDirection ?? 'none';
		textarea.value = text.toString();
		if (focused)
			textarea.setSelectionRange(shiftIndex(start, delta), shiftIndex(end, delta), direction);
	};

	textarea.addEventListener('input', onInput);
	textarea.addEventListener('compositionstart', onCompositionStart);
	textarea.addEventListener('compositionend', onCompositionEnd);
	text.observe(onChange);
	return () => {
		textarea.removeEventListener('input', onInput);
		textarea.removeEventListener('compositionstart', onCompositionStart);
		textarea.removeEventListener('compositionend', onCompositionEnd);
		text.unobserve(onChange);
	};
}
