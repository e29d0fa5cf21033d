import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readSearchPassages } from './read-document';
import { excerptAround, markMatches, parseSearchQuery } from './query';

describe('search queries', () => {
	it('turns Chinese runs into phrases of character pairs and English words into stems', () => {
		expect(parseSearchQuery('客户回访 scheduling calls')).toEqual({
			english: `'scheduling' & 'calls':*`,
			cjk: `('客户' <-> '户回' <-> '回访')`,
			terms: ['客户回访', 'scheduling', 'calls']
		});
		expect(parseSearchQuery('访').cjk).toBe(`'访':*`);
	});

	it('keeps nothing of the query syntax a person types', () => {
		const parsed = parseSearchQuery(`a' | !b:* & (c)`);
		expect(parsed.english).toBe(`'a' & 'b' & 'c':*`);
		expect(parseSearchQuery('!!! ***')).toEqual({ english: '', cjk: '', terms: [] });
	});

	it('marks other forms of an English word and Chinese substrings, and cuts around the match', () => {
		const segments = markMatches('We schedule the 客户回访流程 weekly', ['scheduling', '回访']);
		expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(['schedule', '回访']);
		const long = markMatches(`${'x '.repeat(200)}needle ${'y '.repeat(200)}`, ['needle']);
		const cut = excerptAround(long, 40);
		expect(cut.map((s) => s.text).join('').length).toBeLessThan(50);
		expect(cut.some((s) => s.match && s.text === 'needle')).toBe(true);
	});
});

describe('search passages', () => {
	it('reads a retro board without hidden cards, and never an author', () => {
		const doc = new Y.Doc();
		const cards = doc.getMap<Y.Map<unknown>>('cards');
		for (const [id, text, hidden] of [
			['c1', 'Queue at the counter', false],
			['c2', 'Hidden remark', true]
		] as const) {
			const card = new Y.Map<unknown>();
			card.set('text', text);
			card.set('hidden', hidden);
			card.set('authorId', 'user-secret');
			cards.set(id, card);
		}
		const note = new Y.Text('Agreed on a second counter');
		doc.getMap('notes').set('c1', note);
		const passages = readSearchPassages('retro', doc);
		expect(passages).toEqual([
			{ key: 'card-c1', text: 'Queue at the counter' },
			{ key: 'note-c1', text: 'Agreed on a second counter' }
		]);
		expect(JSON.stringify(passages)).not.toContain('user-secret');
	});

	it('reads a framework document block by block, mentions by name', () => {
		const doc = new Y.Doc();
		const content = doc.getXmlFragment('content');
		const heading = new Y.XmlElement('heading');
		heading.insert(0, [new Y.XmlText('目标')]);
		const paragraph = new Y.XmlElement('paragraph');
		const mention = new Y.XmlElement('mention');
		mention.setAttribute('label', 'Olivia');
		const text = new Y.XmlText('Ask ');
		text.format(0, 3, { bold: {} });
		paragraph.insert(0, [text, mention]);
		content.insert(0, [heading, paragraph]);
		expect(readSearchPassages('framework', doc)).toEqual([
			{ key: 'b0', text: '目标' },
			{ key: 'b1', text: 'Ask @Olivia' }
		]);
	});
});
