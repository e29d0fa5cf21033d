import { describe, expect, it } from 'vitest';
import { insertMention, matchMembers, mentionAt } from './mentions';

const members = [
	{ name: 'Olivia Chen' },
	{ name: 'Colleen' },
	{ name: '王小明' },
	{ name: 'Oliver' }
];

describe('comment mentions', () => {
	it('opens after an @ at the start or after a space, not inside an e-mail address', () => {
		expect(mentionAt('@Ol', 3)).toEqual({ start: 0, query: 'Ol' });
		expect(mentionAt('thanks @Olivia C', 16)).toEqual({ start: 7, query: 'Olivia C' });
		expect(mentionAt('mail me at sam@example.com', 26)).toBeNull();
		expect(mentionAt('@Ol\nnext', 8)).toBeNull();
		expect(mentionAt('谢谢，@王', 5)).toEqual({ start: 3, query: '王' });
	});

	it('lists names that start with the query before names that contain it', () => {
		expect(matchMembers(members, 'ol').map((m) => m.name)).toEqual([
			'Olivia Chen',
			'Oliver',
			'Colleen'
		]);
		expect(matchMembers(members, '小明').map((m) => m.name)).toEqual(['王小明']);
	});

	it('replaces what was typed with the whole name and a space', () => {
		const text = 'thanks @oli and more';
		const mention = mentionAt(text, 11)!;
		expect(insertMention(text, mention, 11, 'Olivia Chen')).toEqual({
			text: 'thanks @Olivia Chen and more',
			caret: 20
		});
	});
});
