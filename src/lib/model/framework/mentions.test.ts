import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { frameworkAssignmentWriters, newMentions, readFrameworkMentions } from './mentions';

function mention(userId: string, label: string): Y.XmlElement {
	const node = new Y.XmlElement('mention');
	node.setAttribute('id', userId);
	node.setAttribute('label', label);
	return node;
}

function paragraph(...children: (Y.XmlElement | Y.XmlText)[]): Y.XmlElement {
	const p = new Y.XmlElement('paragraph');
	p.insert(0, children);
	return p;
}

describe('mention diffing', () => {
	it('reports only the mentions added since the last reading, with their checklist item', () => {
		const doc = new Y.Doc();
		const content = doc.getXmlFragment('content');
		content.insert(0, [paragraph(new Y.XmlText('Ask '), mention('bob', 'Bob'))]);
		const first = readFrameworkMentions(doc);
		expect(first).toHaveLength(1);
		expect(first[0]).toMatchObject({ userId: 'bob', itemKey: null, excerpt: 'Ask @Bob' });
		expect(first[0].authorClient).toBe(doc.clientID);

		const seen = new Set(first.map((m) => m.id));
		// Editing the text around a mention does not make it new.
		(content.get(0) as Y.XmlElement).insert(0, [new Y.XmlText('Please ')]);
		expect(newMentions(seen, readFrameworkMentions(doc))).toEqual([]);

		const item = new Y.XmlElement('taskItem');
		item.setAttribute('id', 'item-1');
		item.insert(0, [paragraph(new Y.XmlText('Call '), mention('carol', 'Carol'))]);
		const list = new Y.XmlElement('taskList');
		list.insert(0, [item]);
		content.insert(1, [list]);
		const added = newMentions(seen, readFrameworkMentions(doc));
		expect(added).toHaveLength(1);
		expect(added[0]).toMatchObject({ userId: 'carol', itemKey: 'item-1' });

		// In a checklist item the item and the person identify the mention: an
		// editor re-creating the node while the line is edited is not a new one.
		for (const m of added) seen.add(m.id);
		const line = item.get(0) as Y.XmlElement;
		line.delete(1, 1);
		line.insert(1, [mention('carol', 'Carol'), mention('carol', 'Carol')]);
		expect(newMentions(seen, readFrameworkMentions(doc))).toEqual([]);
	});

	it('counts a mention retyped by another replica as new, authored by that replica', () => {
		const alice = new Y.Doc();
		alice.getXmlFragment('content').insert(0, [paragraph(mention('bob', 'Bob'))]);
		const seen = new Set(readFrameworkMentions(alice).map((m) => m.id));

		const carol = new Y.Doc();
		Y.applyUpdate(carol, Y.encodeStateAsUpdate(alice));
		const content = carol.getXmlFragment('content');
		content.delete(0, 1);
		content.insert(0, [paragraph(mention('bob', 'Bob'))]);
		const added = newMentions(seen, readFrameworkMentions(carol));
		expect(added).toHaveLength(1);
		expect(added[0].authorClient).toBe(carol.clientID);
	});
});

describe('assignment writers', () => {
	it('names who wrote the assignee attribute, else who wrote the first mention', () => {
		const alice = new Y.Doc();
		const content = alice.getXmlFragment('content');
		const list = new Y.XmlElement('taskList');
		const byMention = new Y.XmlElement('taskItem');
		byMention.setAttribute('id', 'a');
		byMention.insert(0, [paragraph(mention('bob', 'Bob'))]);
		const byAttribute = new Y.XmlElement('taskItem');
		byAttribute.setAttribute('id', 'b');
		byAttribute.insert(0, [paragraph(new Y.XmlText('Order parts'))]);
		list.insert(0, [byMention, byAttribute]);
		content.insert(0, [list]);

		const server = new Y.Doc();
		Y.applyUpdate(server, Y.encodeStateAsUpdate(alice));
		const item = (server.getXmlFragment('content').get(0) as Y.XmlElement).get(1) as Y.XmlElement;
		item.setAttribute('assignee', 'carol');

		const writers = frameworkAssignmentWriters(server);
		expect(writers.get('a')).toBe(alice.clientID);
		expect(writers.get('b')).toBe(server.clientID);
	});
});
