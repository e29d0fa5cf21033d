/**
 * Alignment while dragging: when a shape's left edge, centre or right edge
 * (top, middle or bottom) comes within a few pixels of another shape's, it
 * snaps there and a guide line shows which shape it lines up with.
 */
export interface Box {
	id: string;
	x: number;
	y: number;
	width: number;
	height: number;
}

export interface Alignment {
	/** The snapped top-left corner. */
	x: number;
	y: number;
	/** Canvas x of a vertical guide, or null. */
	vertical: number | null;
	/** Canvas y of a horizontal guide, or null. */
	horizontal: number | null;
}

export const ALIGN_THRESHOLD = 6;

const anchors = (start: number, size: number) => [start, start + size / 2, start + size];

function nearest(
	moving: number[],
	others: number[][],
	threshold: number
): { shift: number; at: number } | null {
	let best: { shift: number; at: number } | null = null;
	for (const candidates of others) {
		for (const target of candidates) {
			for (const source of moving) {
				const shift = target - source;
				if (Math.abs(shift) <= threshold && (!best || Math.abs(shift) < Math.abs(best.shift))) {
					best = { shift, at: target };
				}
			}
		}
	}
	return best;
}

/**
 * Where `moving` lands when aligned with the nearest of `others` (ignoring
 * those farther than `reach` away, which the person cannot see line up).
 */
export function alignBox(
	moving: Box,
	others: Iterable<Box>,
	threshold = ALIGN_THRESHOLD,
	reach = 1500
): Alignment {
	const xs: number[][] = [];
	const ys: number[][] = [];
	for (const other of others) {
		if (other.id === moving.id) continue;
		if (Math.abs(other.x - moving.x) > reach || Math.abs(other.y - moving.y) > reach) continue;
		xs.push(anchors(other.x, other.width));
		ys.push(anchors(other.y, other.height));
	}
	const vx = nearest(anchors(moving.x, moving.width), xs, threshold);
	const hy = nearest(anchors(moving.y, moving.height), ys, threshold);
	return {
		x: moving.x + (vx?.shift ?? 0),
		y: moving.y + (hy?.shift ?? 0),
		vertical: vx?.at ?? null,
		horizontal: hy?.at ?? null
	};
}
