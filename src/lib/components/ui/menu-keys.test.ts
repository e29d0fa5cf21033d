import { describe, expect, it } from 'vitest';
import { menuTarget } from './menu-keys';

describe('menuTarget', () => {
	it('moves down and up one item, wrapping round at either end', () => {
		expect(menuTarget('ArrowDown', 0, 3)).toBe(1);
		expect(menuTarget('ArrowDown', 2, 3)).toBe(0);
		expect(menuTarget('ArrowUp', 1, 3)).toBe(0);
		expect(menuTarget('ArrowUp', 0, 3)).toBe(2);
	});

	it('jumps to the first and last item with Home and End', () => {
		expect(menuTarget('Home', 2, 4)).toBe(0);
		expect(menuTarget('End', 0, 4)).toBe(3);
	});

	it('starts from the ends when no item has the focus yet', () => {
		expect(menuTarget('ArrowDown', -1, 3)).toBe(0);
		expect(menuTarget('ArrowUp', -1, 3)).toBe(2);
	});

	it('leaves other keys and empty menus alone', () => {
		expect(menuTarget('a', 0, 3)).toBeNull();
		expect(menuTarget('ArrowDown', -1, 0)).toBeNull();
	});
});
