import { describe, expect, it } from 'vitest';
import { initialsOf, pickUserColor } from './user-color';

describe('pickUserColor', () => {
	it('gives a user the same hex colour every time', () => {
		expect(pickUserColor('abcdefghijklmnopqrst')).toBe(pickUserColor('abcdefghijklmnopqrst'));
		expect(pickUserColor('abcdefghijklmnopqrst')).toMatch(/^#[0-9a-f]{6}$/);
	});

	it('spreads different users over the palette', () => {
		const colors = new Set(Array.from({ length: 40 }, (_, i) => pickUserColor(`user-${i}`)));
		expect(colors.size).toBeGreaterThan(5);
	});
});

describe('initialsOf', () => {
	it('takes the first and last word', () => {
		expect(initialsOf('Ada Lovelace')).toBe('AL');
		expect(initialsOf('grace')).toBe('G');
		expect(initialsOf('  ')).toBe('?');
	});
});
