import type { Box } from './alignment';

/** Room kept free around a new shape. */
const GAP = 40;

const overlaps = (a: Omit<Box, 'id'>, b: Omit<Box, 'id'>) =>
	a.x < b.x + b.width + GAP &&
	b.x < a.x + a.width + GAP &&
	a.y < b.y + b.height + GAP &&
	b.y < a.y + a.height + GAP;

/**
 * Where a new shape of `size` goes near `wanted` (its top-left) without
 * covering another shape: the first free place to the right, in steps of the
 * shape's width, so shapes added one after another line up like a flow.
 */
export function findFreeSpot(
	wanted: { x: number; y: number },
	size: { width: number; height: number },
	others: readonly Omit<Box, 'id'>[],
	maxTries = 200
): { x: number; y: number } {
	const near = others.filter(
		(o) => Math.abs(o.y - wanted.y) < 2000 && o.x + o.width > wanted.x - 2000
	);
	let spot = { ...wanted };
	for (let i = 0; i < maxTries; i++) {
		const box = { x: spot.x, y: spot.y, width: size.width, height: size.height };
		const blocker = near.find((o) => overlaps(box, o));
		if (!blocker) return spot;
		spot = { x: blocker.x + blocker.width + GAP, y: spot.y };
	}
	return spot;
}
