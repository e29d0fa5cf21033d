import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { listTaskItems } from './task-items';

function paragraph(text: string): Y.XmlElement {
	const p = new Y.XmlElement('paragraph');
	const t = new Y.XmlText();
	t.insert(0, text);
	p.insert(0, [t]);
	return p;
}

function taskItem(text: string, checked: boolean, nested: Y.XmlElement[] = []): Y.XmlElement {
	const item = new Y.XmlElement('taskItem');
	item.setAttribute('checked', checked as unknown as string);
	item.insert(0, [paragraph(text)]);
	if (nested.length > 0) {
		const list = new Y.XmlElement('taskList');
		list.insert(0, nested);
		item.insert(1, [list]);
	}
	return item;
}

function keyed(item: Y.XmlElement, id: string): Y.XmlElement {
	item.setAttribute('id', id);
	return item;
}

describe('listTaskItems', () => {
	it('lists items in document order with their own text, state and depth', () => {
		const doc = new Y.Doc();
		const content = doc.getXmlFragment('content');
		const list = new Y.XmlElement('taskList');
		list.insert(0, [
			taskItem('Define escalation path', false, [taskItem('Name the on-call lead', true)]),
			keyed(taskItem('Publish the runbook', true), 'k1')
		]);
		content.insert(0, [paragraph('Intro text'), list]);

		expect(listTaskItems(doc)).toEqual([
			{ id: null, text: 'Define escalation path', checked: false, depth: 0, path: [1, 0] },
			{ id: null, text: 'Name the on-call lead', checked: true, depth: 1, path: [1, 0, 1, 0] },
			{ id: 'k1', text: 'Publish the runbook', checked: true, depth: 0, path: [1, 1] }
		]);
	});

	it('finds items inside other blocks and ignores plain lists', () => {
		const doc = new Y.Doc();
		const content = doc.getXmlFragment('content');
		const quote = new Y.XmlElement('blockquote');
		const list = new Y.XmlElement('taskList');
		list.insert(0, [taskItem('Inside a quote', false)]);
		quote.insert(0, [list]);
		const bullets = new Y.XmlElement('bulletList');
		const li = new Y.XmlElement('listItem');
		li.insert(0, [paragraph('Not a task')]);
		bullets.insert(0, [li]);
		content.insert(0, [bullets, quote]);

		expect(listTaskItems(content).map((i) => i.text)).toEqual(['Inside a quote']);
	});

	it('returns nothing for an empty document', () => {
		expect(listTaskItems(new Y.Doc())).toEqual([]);
	});
});
