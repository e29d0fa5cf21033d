import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { restoreFrameworkContent } from './restore-content';
import { diffTextBlocks, textBlocks } from './content-diff';

function paragraph(text: string, attrs?: Record<string, unknown>): Y.XmlElement {
	const p = new Y.XmlElement('paragraph');
	const t = new Y.XmlText();
	t.insert(0, text, attrs);
	p.insert(0, [t]);
	return p;
}

function copy(doc: Y.Doc): Y.Doc {
	const other = new Y.Doc();
	Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
	return other;
}

const content = (doc: Y.Doc) => doc.getXmlFragment('content');

function textOf(doc: Y.Doc, block: number): Y.XmlText {
	return (content(doc).get(block) as Y.XmlElement).get(0) as Y.XmlText;
}

describe('restoring a version of a framework document', () => {
	it('gives back the old content while text both share keeps its anchors', () => {
		const doc = new Y.Doc();
		content(doc).insert(0, [
			paragraph('Greet the customer'),
			paragraph('Confirm the order today'),
			paragraph('Close the ticket')
		]);
		const version = copy(doc);
		// A comment anchored on "order" before the later edits.
		const anchor = Y.createRelativePositionFromTypeIndex(textOf(doc, 1), 12);

		doc.transact(() => {
			content(doc).insert(1, [paragraph('A new step')]);
			textOf(doc, 2).insert(8, 'and pack ');
			textOf(doc, 2).format(0, 7, { bold: {} });
			content(doc).delete(3, 1);
		});
		expect(textBlocks(doc).map((b) => b.text)).toEqual([
			'Greet the customer',
			'A new step',
			'Confirm and pack the order today'
		]);

		const before = Y.encodeStateVector(doc);
		doc.transact(() => restoreFrameworkContent(doc, version));
		expect(content(doc).toString()).toBe(content(version).toString());

		const resolved = Y.createAbsolutePositionFromRelativePosition(anchor, doc)!;
		expect(resolved.type).toBe(textOf(doc, 1));
		expect(
			textOf(doc, 1)
				.toString()
				.slice(resolved.index, resolved.index + 5)
		).toBe('order');

		// The restore is one ordinary update: a client holding the edited state converges on it.
		const client = copy(version);
		Y.applyUpdate(client, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(client)));
		expect(content(client).toString()).toBe(content(version).toString());
		expect(Y.encodeStateAsUpdate(doc, before).byteLength).toBeLessThan(200);
	});

	it('replaces a block whose type changed and keeps attributes as they were', () => {
		const doc = new Y.Doc();
		const heading = new Y.XmlElement('heading');
		heading.setAttribute('level', 2 as unknown as string);
		heading.insert(0, [new Y.XmlText('Risks')]);
		content(doc).insert(0, [heading, paragraph('Plain')]);
		const version = copy(doc);
		doc.transact(() => {
			(content(doc).get(0) as Y.XmlElement).setAttribute('level', 3 as unknown as string);
			content(doc).delete(1, 1);
			const list = new Y.XmlElement('bulletList');
			content(doc).insert(1, [list]);
		});
		doc.transact(() => restoreFrameworkContent(doc, version));
		expect(content(doc).toString()).toBe(content(version).toString());
	});
});

describe('comparing a version with the current text', () => {
	it('marks inserted and deleted words and whole blocks', () => {
		const before = [
			{ tag: 'h2' as const, text: 'Goals' },
			{ tag: 'p' as const, text: 'Answer within four hours' },
			{ tag: 'p' as const, text: 'Gone paragraph' }
		];
		const after = [
			{ tag: 'h2' as const, text: 'Goals' },
			{ tag: 'p' as const, text: 'Answer within two hours' },
			{ tag: 'task' as const, checked: false, text: '回访客户' }
		];
		const diff = diffTextBlocks(before, after);
		expect(diff.map((b) => b.change)).toEqual(['same', 'changed', 'removed', 'added']);
		expect(diff[1].parts).toEqual([
			{ text: 'Answer within ', change: 'same' },
			{ text: 'four', change: 'removed' },
			{ text: 'two', change: 'added' },
			{ text: ' hours', change: 'same' }
		]);
	});
});
