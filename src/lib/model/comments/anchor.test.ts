import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { anchorTextRange, decodePosition, reanchorAfterUndo, resolveTextAnchor } from './anchor';

function paragraph(words: string) {
	const doc = new Y.Doc();
	const text = new Y.XmlText();
	const p = new Y.XmlElement('paragraph');
	p.insert(0, [text]);
	doc.getXmlFragment('content').insert(0, [p]);
	text.insert(0, words);
	return { doc, text };
}

function covered(doc: Y.Doc, anchor: { start: string; end: string }) {
	const at = resolveTextAnchor(doc, anchor);
	return at ? at.text.toString().slice(at.from, at.to) : null;
}

describe('comment anchors', () => {
	it('keep covering the same words when text is typed before, inside edges and after them', () => {
		const { doc, text } = paragraph('check the backup daily');
		const anchor = anchorTextRange(text, 10, 16);
		expect(covered(doc, anchor)).toBe('backup');
		text.insert(0, 'Please ');
		text.insert(17, 'offsite ');
		text.insert(31, ' copy');
		text.insert(29, '-');
		expect(text.toString()).toBe('Please check the offsite back-up copy daily');
		expect(covered(doc, anchor)).toBe('back-up');
	});

	it('lose their words when the words are deleted, and find them again after an undo', () => {
		const { doc, text } = paragraph('restart the relay');
		const anchor = anchorTextRange(text, 12, 17);
		const undo = new Y.UndoManager(text);
		text.delete(8, 9);
		expect(covered(doc, anchor)).toBeNull();
		undo.undo();
		expect(text.toString()).toBe('restart the relay');
		expect(covered(doc, anchor)).toBe('relay');
	});

	it('are re-made by the client that undid a deletion, so other clients find the words too', () => {
		const { doc, text } = paragraph('restart the relay');
		const anchor = anchorTextRange(text, 12, 17);
		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
		const undo = new Y.UndoManager(text);
		text.delete(8, 9);
		undo.undo();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
		// The other client never saw the undo happen: the old characters stay deleted there.
		expect(covered(other, anchor)).toBeNull();
		const remade = reanchorAfterUndo(doc, anchor);
		expect(remade).not.toBeNull();
		expect(covered(other, remade!)).toBe('relay');
		expect(reanchorAfterUndo(doc, remade!)).toBeNull();
	});

	it('refuse text that is not an encoded position', () => {
		expect(decodePosition('')).toBeNull();
		expect(decodePosition('not base64!')).toBeNull();
		expect(decodePosition('x'.repeat(401))).toBeNull();
	});
});
