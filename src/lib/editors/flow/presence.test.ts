import { describe, expect, it } from 'vitest';
import { followViewport, readPeers, selectionMarks } from './presence';

const state = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
	user: { id, name, color: '#2f5bd3' },
	cursor: null,
	selection: [],
	viewport: null,
	...extra
});

describe('readPeers', () => {
	it('skips this tab and states that are not a flow presence', () => {
		const states = new Map<number, unknown>([
			[1, state('me', 'Me')],
			[2, state('bob', 'Bob', { cursor: { x: 10, y: 20 }, selection: ['n1', 7] })],
			[3, { user: { id: 5 } }],
			[4, null],
			[5, state('eve', 'Eve', { cursor: { x: 'far' }, viewport: { x: 0, y: 0, zoom: -1 } })]
		]);
		const peers = readPeers(states, 1);
		expect(peers.map((p) => p.user.name)).toEqual(['Bob', 'Eve']);
		expect(peers[0].cursor).toEqual({ x: 10, y: 20 });
		expect(peers[0].selection).toEqual(['n1']);
		expect(peers[1].cursor).toBeNull();
		expect(peers[1].viewport).toBeNull();
	});

	it('refuses colours that are not #rrggbb (they end up in style attributes)', () => {
		const [peer] = readPeers(
			new Map([[2, { ...state('b', 'B'), user: { id: 'b', name: 'B', color: 'red;x:y' } }]]),
			1
		);
		expect(peer.user.color).toMatch(/^#[0-9a-f]{6}$/i);
	});
});

describe('selectionMarks', () => {
	it('lists each colleague once per shape, not my own other tabs', () => {
		const peers = readPeers(
			new Map<number, unknown>([
				[2, state('bob', 'Bob', { selection: ['a', 'b'] })],
				[3, state('bob', 'Bob', { selection: ['a'] })],
				[4, state('ann', 'Ann', { selection: ['a'] })],
				[5, state('me', 'Me', { selection: ['b'] })]
			]),
			1
		);
		const marks = selectionMarks(peers, 'me');
		expect(marks.get('a')?.map((m) => m.name)).toEqual(['Ann', 'Bob']);
		expect(marks.get('b')?.map((m) => m.name)).toEqual(['Bob']);
	});
});

describe('followViewport', () => {
	it('centres our canvas on the point the followed person looks at, at their zoom', () => {
		const theirs = { x: -500, y: -100, zoom: 0.5, width: 1000, height: 600 };
		// They look at canvas point ((500 + 500) / 0.5, (300 + 100) / 0.5) = (2000, 800).
		const ours = followViewport(theirs, { width: 800, height: 400 }, { min: 0.1, max: 2 });
		expect(ours.zoom).toBe(0.5);
		expect((400 - ours.x) / ours.zoom).toBeCloseTo(2000);
		expect((200 - ours.y) / ours.zoom).toBeCloseTo(800);
	});
});
