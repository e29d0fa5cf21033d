import * as Y from 'yjs';
import { fromBase64, toBase64 } from 'lib0/buffer';

/**
 * A thread's anchor: where its text starts and ends, as Yjs relative
 * positions. A relative position names a character by the id Yjs gave it, not
 * by an offset, so it stays on the same words while others type before them,
 * and it follows an undo that brings deleted words back. Stored and sent as
 * base64 of `Y.encodeRelativePosition`, so an API client with any Yjs can
 * make and read one (docs/api.md).
 */
export interface EncodedAnchor {
	start: string;
	end: string;
}

/** An encoded position is a few ids and numbers; anything longer is not one. */
export const MAX_ENCODED_POSITION = 400;

export function encodePosition(position: Y.RelativePosition): string {
	return toBase64(Y.encodeRelativePosition(position));
}

/** The position, or null when the text is not an encoded relative position. */
export function decodePosition(encoded: string): Y.RelativePosition | null {
	if (encoded.length === 0 || encoded.length > MAX_ENCODED_POSITION) return null;
	if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return null;
	try {
		const position = Y.decodeRelativePosition(fromBase64(encoded));
		// A position names either an item or a root type; random bytes rarely decode to either.
		if (position.item === null && position.tname === null && position.type === null) return null;
		return position;
	} catch {
		return null;
	}
}

/**
 * Anchors the characters `from` to `to` of a Y.Text or Y.XmlText: the start
 * sticks to the first character (text typed just before it stays outside),
 * the end to the last (text typed just after it stays outside too).
 */
export function anchorTextRange(text: Y.XmlText | Y.Text, from: number, to: number) {
	return {
		start: encodePosition(Y.createRelativePositionFromTypeIndex(text, from, 0)),
		end: encodePosition(Y.createRelativePositionFromTypeIndex(text, to, -1))
	};
}

/**
 * Where an anchor lies in a Y.Doc when it starts and ends in the same
 * text (a paragraph, a heading): the text and the index range. Null when
 * it has lost its words (they were deleted) or spans several texts.
 * Deleted words an undo brought back count as there: Yjs follows them.
 */
export function resolveTextAnchor(
	doc: Y.Doc,
	anchor: EncodedAnchor
): { text: Y.XmlText | Y.Text; from: number; to: number } | null {
	const start = decodePosition(anchor.start);
	const end = decodePosition(anchor.end);
	if (!start || !end) return null;
	const from = Y.createAbsolutePositionFromRelativePosition(start, doc);
	const to = Y.createAbsolutePositionFromRelativePosition(end, doc);
	if (!from || !to || from.type !== to.type) return null;
	if (!(from.type instanceof Y.XmlText || from.type instanceof Y.Text)) return null;
	if (from.type._item?.deleted || from.index >= to.index) return null;
	return { text: from.type, from: from.index, to: to.index };
}

/**
 * After an undo brought deleted words back, the anchor re-made on the words
 * as they are now; null when nothing needs re-making. Yjs restores deleted
 * words as new characters and only the client that undid knows which
 * deleted ones they replace, so that client re-anchors the thread for
 * everyone else (PATCH `{anchor}`, docs/api.md).
 */
export function reanchorAfterUndo(doc: Y.Doc, anchor: EncodedAnchor): EncodedAnchor | null {
	const start = decodePosition(anchor.start);
	const end = decodePosition(anchor.end);
	if (!start || !end) return null;
	const remake = (position: Y.RelativePosition, assoc: number) => {
		const plain = Y.createAbsolutePositionFromRelativePosition(position, doc, false);
		const followed = Y.createAbsolutePositionFromRelativePosition(position, doc, true);
		if (!plain || !followed) return null;
		if (plain.type === followed.type && plain.index === followed.index) return null;
		return encodePosition(
			Y.createRelativePositionFromTypeIndex(followed.type, followed.index, assoc)
		);
	};
	const newStart = remake(start, 0);
	const newEnd = remake(end, -1);
	if (newStart === null && newEnd === null) return null;
	return { start: newStart ?? anchor.start, end: newEnd ?? anchor.end };
}
