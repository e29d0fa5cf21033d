import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newMentions } from '../framework/mentions';
import { readRetroMentions } from './mentions';

const members = [
	{ id: 'bob', name: 'Bob' },
	{ id: 'bobby', name: 'Bob Lee' },
	{ id: 'ann', name: 'Ann' }
];

describe('mentions in retro notes', () => {
	it('finds @Name by the longest member name, once per person and topic, with its writer', () => {
		const alice = new Y.Doc();
		const notes = new Y.Text();
		alice.getMap('notes').set('topic-1', notes);
		notes.insert(0, 'Ask @bob lee and @Bob, then @Bob again; @Annika is nobody');
		const found = readRetroMentions(alice, members);
		expect(found.map((m) => m.userId).sort()).toEqual(['bob', 'bobby']);
		expect(found.every((m) => m.authorClient === alice.clientID)).toBe(true);

		const seen = new Set(found.map((m) => m.id));
		const carol = new Y.Doc();
		Y.applyUpdate(carol, Y.encodeStateAsUpdate(alice));
		const shared = carol.getMap<Y.Text>('notes').get('topic-1')!;
		shared.insert(0, 'Edited. ');
		expect(newMentions(seen, readRetroMentions(carol, members))).toEqual([]);
		shared.insert(shared.length, ' cc @Ann');
		const added = newMentions(seen, readRetroMentions(carol, members));
		expect(added.map((m) => [m.userId, m.authorClient])).toEqual([['ann', carol.clientID]]);
	});
});
