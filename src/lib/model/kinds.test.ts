import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { actionSources } from './action-sources';
import { clientWritableRoots } from './client-writes';
import { readFlowContent } from './flow/content';
import { initFlowDocument } from './flow/templates';
import { findFrameworkTemplate, initFrameworkDocument } from './framework/templates';
import { DOCUMENT_KINDS, KINDS, kindInfo } from './kinds';
import { readSearchPassages } from './search/read-document';

describe('the kinds registry', () => {
	it('has one entry per kind name, pointing at that kind’s action source and writable roots', () => {
		expect(Object.keys(KINDS)).toEqual([...DOCUMENT_KINDS]);
		for (const kind of DOCUMENT_KINDS) {
			expect(KINDS[kind].actionSource).toBe(actionSources[kind] ?? null);
			expect(KINDS[kind].clientWritableRoots).toBe(clientWritableRoots[kind] ?? null);
			expect(KINDS[kind].templates.map((t) => t.id)).toContain(KINDS[kind].defaultTemplate);
		}
		expect(KINDS.retro.clientWritableRoots).toEqual(['notes', 'actions']);
	});

	it('names kinds in the reader’s language and knows no other kinds', () => {
		expect(KINDS.framework.label('en')).toBe('Service framework');
		expect(KINDS.retro.shortLabel('zh-Hans')).toBe('复盘会');
		expect(kindInfo('toString')).toBeNull();
		expect(kindInfo('flow')?.layout).toBe('full');
	});

	it('reads a framework document’s text as passages, one passage per top-level block', () => {
		const doc = new Y.Doc();
		initFrameworkDocument(doc, findFrameworkTemplate('blank')!, 'en');
		const content = doc.getXmlFragment('content');
		const heading = new Y.XmlElement('heading');
		const bold = new Y.XmlText();
		bold.insert(0, 'Customer callback', { bold: {} });
		heading.insert(0, [bold]);
		const list = new Y.XmlElement('taskList');
		const item = new Y.XmlElement('taskItem');
		item.setAttribute('id', 'item-1');
		const paragraph = new Y.XmlElement('paragraph');
		const mention = new Y.XmlElement('mention');
		mention.setAttribute('label', 'Bob');
		paragraph.insert(0, [new Y.XmlText('Call back   within 2h '), mention]);
		item.insert(0, [paragraph]);
		list.insert(0, [item]);
		content.insert(0, [heading, list, new Y.XmlElement('paragraph')]);

		// As the index stores it: one passage per top-level block, keyed by its place.
		expect(readSearchPassages('framework', doc)).toEqual([
			{ text: 'Customer callback', key: 'b0' },
			{ text: 'Call back within 2h @Bob', key: 'b1' }
		]);
		expect(doc.getMap('meta').toJSON()).toEqual({ schemaVersion: 1, kind: 'framework' });
	});

	it('reads a retro board’s shown cards and notes, never a card the facilitator hid', () => {
		const doc = new Y.Doc();
		const cards = doc.getMap<Y.Map<unknown>>('cards');
		for (const [id, text, hidden] of [
			['c1', 'Hand-offs lose context', false],
			['c2', 'Off-topic rant', true]
		] as const) {
			const card = new Y.Map<unknown>();
			card.set('text', text);
			card.set('hidden', hidden);
			cards.set(id, card);
		}
		const note = new Y.Text('Agree a hand-off checklist');
		doc.getMap('notes').set('c1', note);
		expect(readSearchPassages('retro', doc)).toEqual([
			{ text: 'Hand-offs lose context', key: 'card-c1' },
			{ text: 'Agree a hand-off checklist', key: 'note-c1' }
		]);
	});

	it('saves every kind as a template, and refuses a stored copy that is not the kind’s shape', () => {
		for (const kind of DOCUMENT_KINDS) expect(KINDS[kind].savedContent, kind).not.toBeNull();
		const flow = new Y.Doc();
		initFlowDocument(flow, 'service-blueprint', 'en');
		const saved = JSON.parse(JSON.stringify(KINDS.flow.savedContent!.read(flow)));
		const copy = new Y.Doc();
		KINDS.flow.savedContent!.write(copy, saved, { creatorId: 'u1' });
		const [before, after] = [readFlowContent(flow), readFlowContent(copy)];
		expect(after.lanes.map((l) => [l.title, l.line])).toEqual(
			before.lanes.map((l) => [l.title, l.line])
		);
		expect(after.nodes).toHaveLength(before.nodes.length);
		expect(after.nodes.filter((n) => before.nodes.some((b) => b.id === n.id))).toEqual([]);

		for (const broken of [null, 'text', { lanes: 'x', nodes: [], edges: [] }, { lanes: [{}] }]) {
			const target = new Y.Doc();
			expect(() => KINDS.flow.savedContent!.write(target, broken, { creatorId: 'u1' })).toThrow();
			expect(target.getMap('meta').size).toBe(0);
		}
		for (const broken of [
			{ columns: 'Start' },
			{ columns: [''] },
			{ columns: [], voteBudget: 0 }
		]) {
			const target = new Y.Doc();
			expect(() => KINDS.retro.savedContent!.write(target, broken, { creatorId: 'u1' })).toThrow();
			expect(target.getMap('meta').size).toBe(0);
		}
	});
});
