import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	applyFrameworkActionChange,
	extractFrameworkActions,
	repairFrameworkActionKeys,
	scanFrameworkActions
} from './actions';

/** Builds a checklist the way tiptap stores it (see docs/document-model.md). */
function addItem(
	doc: Y.Doc,
	text: string,
	attrs: Record<string, unknown> = {},
	mention?: { id: string; label: string }
): Y.XmlElement {
	const content = doc.getXmlFragment('content');
	let list = content
		.toArray()
		.find((n) => n instanceof Y.XmlElement && n.nodeName === 'taskList') as
		Y.XmlElement | undefined;
	if (!list) {
		list = new Y.XmlElement('taskList');
		content.insert(content.length, [list]);
	}
	const item = new Y.XmlElement('taskItem');
	for (const [k, v] of Object.entries(attrs)) item.setAttribute(k, v as string);
	const paragraph = new Y.XmlElement('paragraph');
	const nodes: (Y.XmlText | Y.XmlElement)[] = [new Y.XmlText(text)];
	if (mention) {
		const m = new Y.XmlElement('mention');
		m.setAttribute('id', mention.id);
		m.setAttribute('label', mention.label);
		nodes.push(m);
	}
	paragraph.insert(0, nodes);
	item.insert(0, [paragraph]);
	list.insert(list.length, [item]);
	return item;
}

describe('framework actions', () => {
	it('reads title, done, assignee (attribute or first mention) and due date from checklist items', () => {
		const doc = new Y.Doc();
		addItem(
			doc,
			'Publish new support hours ',
			{ id: 'a1', checked: false, due: '2026-12-01' },
			{ id: 'u1', label: 'Ann' }
		);
		addItem(doc, 'Retire the old ticket form', {
			id: 'a2',
			checked: true,
			assignee: 'u2',
			due: '2026-02-30'
		});
		expect(extractFrameworkActions(doc)).toEqual([
			{
				sourceKey: 'a1',
				title: 'Publish new support hours @Ann',
				done: false,
				assigneeId: 'u1',
				dueDate: '2026-12-01'
			},
			{
				sourceKey: 'a2',
				title: 'Retire the old ticket form',
				done: true,
				assigneeId: 'u2',
				dueDate: null
			}
		]);
	});

	it('keeps a nested item out of its parent title and extracts it separately', () => {
		const doc = new Y.Doc();
		const parent = addItem(doc, 'Parent', { id: 'p' });
		const nested = new Y.XmlElement('taskList');
		const child = new Y.XmlElement('taskItem');
		child.setAttribute('id', 'c');
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText('Child')]);
		child.insert(0, [paragraph]);
		nested.insert(0, [child]);
		parent.insert(1, [nested]);
		expect(extractFrameworkActions(doc).map((a) => [a.sourceKey, a.title])).toEqual([
			['p', 'Parent'],
			['c', 'Child']
		]);
	});

	it('gives missing and duplicated ids fresh ones, keeping the first holder', () => {
		const doc = new Y.Doc();
		addItem(doc, 'original', { id: 'same' });
		addItem(doc, 'pasted copy', { id: 'same' });
		addItem(doc, 'written by a script');
		expect(scanFrameworkActions(doc).keysNeedRepair).toBe(true);
		expect(repairFrameworkActionKeys(doc)).toBe(2);
		expect(scanFrameworkActions(doc).keysNeedRepair).toBe(false);
		const keys = extractFrameworkActions(doc).map((a) => a.sourceKey);
		expect(keys[0]).toBe('same');
		expect(new Set(keys).size).toBe(3);
		expect(repairFrameworkActionKeys(doc)).toBe(0);
	});

	it('writes a task-list change back to the item, and reports a missing one', () => {
		const doc = new Y.Doc();
		addItem(doc, 'Call customers', { id: 'k', checked: false });
		expect(
			applyFrameworkActionChange(doc, 'k', { done: true, assigneeId: 'u9', dueDate: '2027-01-15' })
		).toBe(true);
		expect(extractFrameworkActions(doc)[0]).toMatchObject({
			done: true,
			assigneeId: 'u9',
			dueDate: '2027-01-15'
		});
		expect(applyFrameworkActionChange(doc, 'k', { assigneeId: null, dueDate: null })).toBe(true);
		expect(extractFrameworkActions(doc)[0]).toMatchObject({
			done: true,
			assigneeId: null,
			dueDate: null
		});
		expect(applyFrameworkActionChange(doc, 'gone', { done: true })).toBe(false);
	});

	it('keeps an item unassigned after the list unassigns it, even when its text mentions someone', () => {
		const doc = new Y.Doc();
		addItem(doc, 'Ask ', { id: 'm' }, { id: 'u1', label: 'Ann' });
		expect(extractFrameworkActions(doc)[0].assigneeId).toBe('u1');
		applyFrameworkActionChange(doc, 'm', { assigneeId: null });
		expect(extractFrameworkActions(doc)[0].assigneeId).toBeNull();
	});
});

describe('hostile documents', () => {
	it('reads lists nested thousands deep without overflowing the stack, in document order', () => {
		const doc = new Y.Doc();
		doc.transact(() => {
			let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment('content');
			for (let depth = 0; depth < 5000; depth++) {
				const list = new Y.XmlElement('taskList');
				const item = new Y.XmlElement('taskItem');
				item.setAttribute('id', `k${depth}`);
				const paragraph = new Y.XmlElement('paragraph');
				paragraph.insert(0, [new Y.XmlText(`level ${depth}`)]);
				item.insert(0, [paragraph]);
				list.insert(0, [item]);
				parent.insert(parent.length, [list]);
				parent = item;
			}
		});
		const actions = extractFrameworkActions(doc);
		expect(actions).toHaveLength(5000);
		expect(actions[0]).toMatchObject({ sourceKey: 'k0', title: 'level 0' });
		expect(actions[4999]).toMatchObject({ sourceKey: 'k4999', title: 'level 4999' });
	});

	it('treats a key with control characters as missing, so the server gives the item a usable one', () => {
		const doc = new Y.Doc();
		addItem(doc, 'Poisoned', { id: 'bad\u0000key' });
		addItem(doc, 'Fine', { id: 'good-key' });
		const scan = scanFrameworkActions(doc);
		expect(scan.keysNeedRepair).toBe(true);
		expect(scan.actions.map((a) => a.sourceKey)).toEqual(['good-key']);
		doc.transact(() => repairFrameworkActionKeys(doc));
		const repaired = scanFrameworkActions(doc);
		expect(repaired.keysNeedRepair).toBe(false);
		expect(repaired.actions.map((a) => a.title)).toEqual(['Poisoned', 'Fine']);
	});

	it('keeps the words of an item with marks, mentions and line breaks in order', () => {
		const doc = new Y.Doc();
		const item = addItem(doc, 'Call ', { id: 'x' }, { id: 'u1', label: 'Sam' });
		const paragraph = item.get(0) as Y.XmlElement;
		paragraph.insert(paragraph.length, [new Y.XmlElement('hardBreak'), new Y.XmlText('today')]);
		const second = new Y.XmlElement('paragraph');
		second.insert(0, [new Y.XmlText('and tomorrow')]);
		item.insert(1, [second]);
		expect(extractFrameworkActions(doc)[0].title).toBe('Call @Sam today and tomorrow');
	});
});
