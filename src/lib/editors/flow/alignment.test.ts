import { describe, expect, it } from 'vitest';
import { alignBox, arrange } from './alignment';
import { findFreeSpot } from './placement';

describe('alignBox', () => {
	it("snaps a shape's centre to a neighbour's within a few pixels and says where the guide is", () => {
		const other = { id: 'o', x: 100, y: 100, width: 160, height: 64 };
		const moving = { id: 'm', x: 104, y: 300, width: 160, height: 64 };
		expect(alignBox(moving, [other])).toEqual({ x: 100, y: 300, vertical: 100, horizontal: null });
		const far = { ...moving, x: 140 };
		expect(alignBox(far, [other])).toMatchObject({ x: 140, vertical: null });
		// Middles line up when the heights differ.
		const small = { id: 's', x: 500, y: 118, width: 100, height: 30 };
		expect(alignBox(small, [other])).toMatchObject({ y: 117, horizontal: 132 });
	});
});

describe('findFreeSpot', () => {
	it('moves a new shape to the right until it covers nothing', () => {
		const taken = [
			{ x: 0, y: 0, width: 160, height: 64 },
			{ x: 200, y: 0, width: 160, height: 64 }
		];
		expect(findFreeSpot({ x: 10, y: 10 }, { width: 160, height: 64 }, taken)).toEqual({
			x: 400,
			y: 10
		});
		expect(findFreeSpot({ x: 10, y: 300 }, { width: 160, height: 64 }, taken)).toEqual({
			x: 10,
			y: 300
		});
	});
});

describe('arrange', () => {
	const a = { id: 'a', x: 100, y: 100, width: 160, height: 64 };
	const b = { id: 'b', x: 150, y: 300, width: 100, height: 40 };
	const c = { id: 'c', x: 700, y: 180, width: 120, height: 80 };

	it('lines up edges and centres on the outermost shape, and leaves shapes already in line out', () => {
		expect(arrange([a, b, c], 'left')).toEqual(
			new Map([
				['b', { x: 100, y: 300 }],
				['c', { x: 100, y: 180 }]
			])
		);
		expect(arrange([a, b, c], 'right')).toEqual(
			new Map([
				['a', { x: 660, y: 100 }],
				['b', { x: 720, y: 300 }]
			])
		);
		// The selection spans 100..820 across and 100..340 down.
		expect(arrange([a, b, c], 'center').get('b')).toEqual({ x: 410, y: 300 });
		// c's middle is already the selection's middle (220).
		expect(arrange([a, b, c], 'middle').has('c')).toBe(false);
		expect(arrange([a, b, c], 'middle').get('a')).toEqual({ x: 100, y: 188 });
		expect(arrange([a, b, c], 'bottom').get('a')).toEqual({ x: 100, y: 276 });
		expect(arrange([a, b, c], 'top').has('a')).toBe(false);
	});

	it('spaces shapes evenly between the two outer ones, which stay put', () => {
		const d = { id: 'd', x: 300, y: 0, width: 40, height: 40 };
		// Across: a ends at 260, c starts at 700; b (100) and d (40) leave 300 free, so gaps of 100.
		const moved = arrange([c, b, a, d], 'spread-across');
		expect(moved.has('a')).toBe(false);
		expect(moved.has('c')).toBe(false);
		expect(moved.get('b')).toEqual({ x: 360, y: 300 });
		expect(moved.get('d')).toEqual({ x: 560, y: 0 });
		// Spacing what is already even writes nothing.
		const even = [a, { ...b, x: 360 }, { ...d, x: 560 }, c];
		expect(arrange(even, 'spread-across').size).toBe(0);
	});

	it('needs two shapes to line up and three to space', () => {
		expect(arrange([a], 'left').size).toBe(0);
		expect(arrange([a, c], 'spread-down').size).toBe(0);
		expect(arrange([a, c], 'top')).toEqual(new Map([['c', { x: 700, y: 100 }]]));
	});
});
