import { m } from '$lib/paraglide/messages';

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

/** Lining up a selection: edges or centres on one line, or even gaps between shapes. */
export const ARRANGEMENTS = [
	'left',
	'center',
	'right',
	'top',
	'middle',
	'bottom',
	'spread-across',
	'spread-down'
] as const;
export type Arrangement = (typeof ARRANGEMENTS)[number];

/** The word on each button, and the full name its tooltip and screen readers give. */
/** Button text and tooltip of each arrangement, in the page's language. */
export const ARRANGEMENT_LABELS: Record<Arrangement, { short: () => string; long: () => string }> =
	{
		left: { short: m.flow_align_left, long: m.flow_align_left_long },
		center: { short: m.flow_align_center, long: m.flow_align_center_long },
		right: { short: m.flow_align_right, long: m.flow_align_right_long },
		top: { short: m.flow_align_top, long: m.flow_align_top_long },
		middle: { short: m.flow_align_middle, long: m.flow_align_middle_long },
		bottom: { short: m.flow_align_bottom, long: m.flow_align_bottom_long },
		'spread-across': { short: m.flow_spread_across, long: m.flow_spread_across_long },
		'spread-down': { short: m.flow_spread_down, long: m.flow_spread_down_long }
	};

/** Spacing needs a shape between the two outer ones; lining up needs two shapes. */
export const arrangementNeeds = (how: Arrangement): number => (how.startsWith('spread') ? 3 : 2);

/**
 * The new top-left corners of the shapes that `how` moves, by id. Lining up
 * uses the outermost shape (leftmost left edge, and so on; centres line up on
 * the middle of the selection); spacing keeps the two outer shapes where they
 * are and makes the gaps between neighbours equal. Shapes already in place
 * are left out, so a second click writes nothing.
 */
export function arrange(
	boxes: readonly Box[],
	how: Arrangement
): Map<string, { x: number; y: number }> {
	const moved = new Map<string, { x: number; y: number }>();
	if (boxes.length < arrangementNeeds(how)) return moved;
	const place = (box: Box, x: number, y: number) => {
		const at = { x: Math.round(x), y: Math.round(y) };
		if (at.x !== box.x || at.y !== box.y) moved.set(box.id, at);
	};
	const left = Math.min(...boxes.map((b) => b.x));
	const right = Math.max(...boxes.map((b) => b.x + b.width));
	const top = Math.min(...boxes.map((b) => b.y));
	const bottom = Math.max(...boxes.map((b) => b.y + b.height));
	switch (how) {
		case 'left':
			for (const b of boxes) place(b, left, b.y);
			break;
		case 'center':
			for (const b of boxes) place(b, (left + right) / 2 - b.width / 2, b.y);
			break;
		case 'right':
			for (const b of boxes) place(b, right - b.width, b.y);
			break;
		case 'top':
			for (const b of boxes) place(b, b.x, top);
			break;
		case 'middle':
			for (const b of boxes) place(b, b.x, (top + bottom) / 2 - b.height / 2);
			break;
		case 'bottom':
			for (const b of boxes) place(b, b.x, bottom - b.height);
			break;
		case 'spread-across':
			spread(boxes, 'x', 'width', (b, at) => place(b, at, b.y));
			break;
		case 'spread-down':
			spread(boxes, 'y', 'height', (b, at) => place(b, b.x, at));
			break;
	}
	return moved;
}

function spread(
	boxes: readonly Box[],
	axis: 'x' | 'y',
	size: 'width' | 'height',
	place: (box: Box, at: number) => void
) {
	// In order of their centres, so a wide shape does not jump past a narrow one.
	const ordered = [...boxes].sort(
		(a, b) => a[axis] + a[size] / 2 - (b[axis] + b[size] / 2) || a.id.localeCompare(b.id)
	);
	const first = ordered[0];
	const last = ordered[ordered.length - 1];
	const span = last[axis] + last[size] - first[axis];
	const filled = ordered.reduce((sum, b) => sum + b[size], 0);
	// Negative when the shapes overlap more than they leave free: they then overlap evenly.
	const gap = (span - filled) / (ordered.length - 1);
	let at = first[axis];
	for (const box of ordered) {
		if (box !== first && box !== last) place(box, at);
		at += box[size] + gap;
	}
}
