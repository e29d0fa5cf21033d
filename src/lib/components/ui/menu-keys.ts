/**
 * Where a key moves the focus in a menu of `count` items when item `at` has
 * it (-1: none yet): arrows wrap round, Home and End jump to the ends. Null
 * for a key the menu leaves alone.
 */
export function menuTarget(key: string, at: number, count: number): number | null {
	if (count === 0) return null;
	switch (key) {
		case 'ArrowDown':
			return (at + 1) % count;
		case 'ArrowUp':
			return at <= 0 ? count - 1 : at - 1;
		case 'Home':
			return 0;
		case 'End':
			return count - 1;
		default:
			return null;
	}
}
