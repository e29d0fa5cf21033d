import { describe, expect, it } from 'vitest';
import { readPeople } from './people';

describe('readPeople', () => {
	it('lists each person once, you first, ready only for the current phase', () => {
		const user = (id: string, name: string) => ({ id, name, color: '#2f5bd3' });
		const states = new Map<number, Record<string, unknown>>([
			[1, { user: user('u2', 'Zoe'), ready: 'reflect' }],
			[2, { user: user('u1', 'Ann'), ready: 'review' }],
			[3, { user: user('me', 'Me'), ready: null }],
			[4, { user: user('u2', 'Zoe'), ready: null }],
			[5, {}]
		]);
		expect(readPeople(states, 3, 'reflect')).toEqual([
			{ id: 'me', name: 'Me', color: '#2f5bd3', self: true, ready: false },
			{ id: 'u1', name: 'Ann', color: '#2f5bd3', self: false, ready: false },
			{ id: 'u2', name: 'Zoe', color: '#2f5bd3', self: false, ready: true }
		]);
	});
});
