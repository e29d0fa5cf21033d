import { describe, expect, it } from 'vitest';
import { alignBox } from './alignment';
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
