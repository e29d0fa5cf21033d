import { describe, expect, it } from 'vitest';
import { insertMention, matchMembers, mentionAt, splitMentions } from './mentions';

const members = [
	{ name: 'Olivia Chen', email: 'olivia@example.com' },
	{ name: 'Colleen', email: 'c.smith@example.com' },
	{ name: '王小明', email: 'xiaoming.wang@example.com' },
	{ name: 'Oliver' }
];

describe('comment mentions', () => {
	it('opens after an @ at the start or after a space, not inside an e-mail address', () => {
		expect(mentionAt('@Ol', 3)).toEqual({ start: 0, query: 'Ol' });
		expect(mentionAt('thanks @Olivia C', 16)).toEqual({ start: 7, query: 'Olivia C' });
		expect(mentionAt('mail me at sam@example.com', 26)).toBeNull();
		expect(mentionAt('@Ol\nnext', 8)).toBeNull();
		expect(mentionAt('谢谢，@王', 5)).toEqual({ start: 3, query: '王' });
		// Chinese puts no space before a mention.
		expect(mentionAt('请@小', 3)).toEqual({ start: 1, query: '小' });
		expect(mentionAt('ann_2@ex', 8)).toBeNull();
	});

	it('lists names that start with the query before names that contain it', () => {
		expect(matchMembers(members, 'ol').map((m) => m.name)).toEqual([
			'Olivia Chen',
			'Oliver',
			'Colleen'
		]);
		expect(matchMembers(members, '小明').map((m) => m.name)).toEqual(['王小明']);
	});

	it('finds people by e-mail address too, after those found by name', () => {
		expect(matchMembers(members, 'wang').map((m) => m.name)).toEqual(['王小明']);
		expect(matchMembers(members, 'smith').map((m) => m.name)).toEqual(['Colleen']);
		// Everyone's address ends in the same domain: it finds no one in particular.
		expect(matchMembers(members, 'example')).toEqual([]);
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

describe('showing mentions in a comment', () => {
	const names = ['Olivia Chen', 'Olivia', '王小明'];

	it('marks the longest member name after each @, as the server reads it', () => {
		expect(splitMentions('@Olivia Chen 请@王小明 看看', names)).toEqual([
			{ text: '@Olivia Chen', mention: 'Olivia Chen' },
			{ text: ' 请' },
			{ text: '@王小明', mention: '王小明' },
			{ text: ' 看看' }
		]);
	});

	it('leaves an @ that names no member, or runs on into a longer word, as text', () => {
		expect(splitMentions('mail @Oliviana or @nobody', names)).toEqual([
			{ text: 'mail @Oliviana or @nobody' }
		]);
	});
});
