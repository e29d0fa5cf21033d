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

/**
 * Where a new shape of `size` goes when it should appear at `wanted` (its
 * top-left) — the middle of what someone is looking at — without covering
 * another shape: the free place nearest to it, tried in rings of shape-sized
 * steps around it, and never above `bounds.top` or below `bounds.bottom`
 * (the lane it is meant for).
 */
export function findNearbySpot(
	wanted: { x: number; y: number },
	size: { width: number; height: number },
	others: readonly Omit<Box, 'id'>[],
	bounds: { top: number; bottom: number } | null = null,
	rings = 12
): { x: number; y: number } {
	const clampY = (y: number) =>
		bounds ? Math.max(bounds.top, Math.min(bounds.bottom - size.height, y)) : y;
	const start = { x: wanted.x, y: clampY(wanted.y) };
	const stepX = size.width + GAP;
	const stepY = size.height + GAP;
	const reach = Math.max(stepX, stepY) * (rings + 1);
	const near = others.filter(
		(o) =>
			o.x < start.x + reach &&
			o.x + o.width > start.x - reach &&
			o.y < start.y + reach &&
			o.y + o.height > start.y - reach
	);
	const free = (spot: { x: number; y: number }) =>
		!near.some((o) => overlaps({ ...spot, ...size }, o));
	if (free(start)) return start;
	for (let ring = 1; ring <= rings; ring++) {
		const candidates: { x: number; y: number; distance: number }[] = [];
		for (let i = -ring; i <= ring; i++) {
			for (let j = -ring; j <= ring; j++) {
				if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
				const y = start.y + j * stepY;
				if (bounds && (y < bounds.top || y + size.height > bounds.bottom)) continue;
				const x = start.x + i * stepX;
				candidates.push({ x, y, distance: Math.hypot(i * stepX, j * stepY) });
			}
		}
		candidates.sort((a, b) => a.distance - b.distance);
		const found = candidates.find(free);
		if (found) return { x: found.x, y: found.y };
	}
	// A crowded lane: the first free place to its right.
	return findFreeSpot(start, size, others);
}

/**
 * The middle of what can be seen of `rect` (the canvas, in window
 * coordinates) in a window of `view` size: a canvas that runs past the
 * window's bottom or right edge, or starts above its top, counts only the part
 * on screen, so a shape placed there is where the person is looking.
 */
export function visibleCenter(
	rect: { left: number; top: number; width: number; height: number },
	view: { width: number; height: number }
): { x: number; y: number } {
	const middle = (start: number, size: number, limit: number) => {
		const from = Math.max(start, 0);
		const to = Math.min(start + size, limit);
		// Nothing of it on screen: its own middle.
		return to > from ? (from + to) / 2 : start + size / 2;
	};
	return {
		x: middle(rect.left, rect.width, view.width),
		y: middle(rect.top, rect.height, view.height)
	};
}

/** Room kept between a lane's edge and a shape placed in it. */
const LANE_PADDING = 10;

/**
 * The band a shape placed at `y` should stay in: the lane there, else the
 * nearest lane (a click above or below every lane still lands in one), or no
 * limit for a flow without lanes.
 */
export function laneBoundsAt(
	lanes: readonly { id: string; top: number; height: number }[],
	y: number
): { laneId: string; top: number; bottom: number } | null {
	let best: (typeof lanes)[number] | null = null;
	let bestDistance = Infinity;
	for (const lane of lanes) {
		const distance =
			y < lane.top ? lane.top - y : y >= lane.top + lane.height ? y - lane.top - lane.height : 0;
		if (distance < bestDistance) {
			best = lane;
			bestDistance = distance;
		}
	}
	if (!best) return null;
	return {
		laneId: best.id,
		top: best.top + LANE_PADDING,
		bottom: best.top + best.height - LANE_PADDING
	};
}

/** Shapes in reading order along the flow's direction: what Tab walks through. */
export function readingOrder<T extends { id: string; x: number; y: number }>(
	nodes: readonly T[],
	direction: 'LR' | 'RL' | 'TB' | 'BT'
): T[] {
	const vertical = direction === 'TB' || direction === 'BT';
	const sign = direction === 'RL' || direction === 'BT' ? -1 : 1;
	const along = (n: T) => sign * (vertical ? n.y : n.x);
	const across = (n: T) => (vertical ? n.x : n.y);
	return [...nodes].sort((a, b) => along(a) - along(b) || across(a) - across(b));
}

/** The side of a shape the flow goes on from. */
export function forwardSide(
	direction: 'LR' | 'RL' | 'TB' | 'BT'
): 'right' | 'left' | 'bottom' | 'top' {
	return ({ LR: 'right', RL: 'left', TB: 'bottom', BT: 'top' } as const)[direction];
}

/** Room between a shape and the next step drawn from it. */
export const NEXT_STEP_GAP = 80;

/** Where the next step after `from` goes, `side` of it (before the search for free room). */
export function nextStepPosition(
	from: { x: number; y: number; width: number; height: number },
	side: 'top' | 'right' | 'bottom' | 'left',
	size: { width: number; height: number }
): { x: number; y: number } {
	const middleX = from.x + from.width / 2 - size.width / 2;
	const middleY = from.y + from.height / 2 - size.height / 2;
	switch (side) {
		case 'right':
			return { x: from.x + from.width + NEXT_STEP_GAP, y: middleY };
		case 'left':
			return { x: from.x - NEXT_STEP_GAP - size.width, y: middleY };
		case 'bottom':
			return { x: middleX, y: from.y + from.height + NEXT_STEP_GAP };
		case 'top':
			return { x: middleX, y: from.y - NEXT_STEP_GAP - size.height };
	}
}

/** The side of `box` nearest to `point`: where an arrow dropped on a shape's body attaches. */
export function nearestSide(
	box: { x: number; y: number; width: number; height: number },
	point: { x: number; y: number }
): 'top' | 'right' | 'bottom' | 'left' {
	// Measured relative to the shape's proportions, so a wide shape's ends are not favoured.
	const dx = (point.x - (box.x + box.width / 2)) / Math.max(1, box.width);
	const dy = (point.y - (box.y + box.height / 2)) / Math.max(1, box.height);
	if (Math.abs(dx) >= Math.abs(dy)) return dx >= 0 ? 'right' : 'left';
	return dy >= 0 ? 'bottom' : 'top';
}

export const OPPOSITE_SIDE = {
	top: 'bottom',
	bottom: 'top',
	left: 'right',
	right: 'left'
} as const;
