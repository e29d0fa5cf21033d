import { getBezierPath, getSmoothStepPath, getStraightPath, Position } from '@xyflow/svelte';
import type { FlowNodeType } from '$lib/model/flow';
import { ATTACHMENT_PREFIX, HANDLE_SIZE, isSide, type ArrowEdge, type Side } from './flow-view';
import { shapeGeometry } from './shapes';

/**
 * A large flow seen whole, drawn cheaply. Zoomed far out, a thousand shapes
 * and fifteen hundred arrows as Svelte Flow's DOM (an `<svg>` per arrow, an
 * outline `<svg>` per shape) cost Chromium about 55 ms a frame to paint and
 * rasterise while panning, for marks a few pixels big. Here every shape of a
 * type is one subpath of a single `<path>`, every arrow of a kind one
 * subpath of another, and all the arrowheads one more: a dozen elements in
 * all. Svelte Flow keeps its (now transparent) node boxes, so clicking,
 * selecting and dragging a shape work as at any zoom; what is selected,
 * dragged or selected by someone else is left out of these paths and drawn by
 * Svelte Flow as usual, so it moves and highlights live.
 */

export interface OverviewShape {
	id: string;
	type: FlowNodeType;
	x: number;
	y: number;
	width: number;
	height: number;
}

export interface OverviewPaths {
	/** One path per shape type present (fill and stroke come from the type). */
	shapes: { type: FlowNodeType; d: string }[];
	/** The detail strokes (a cylinder's rim, a folded corner), per type. */
	details: { type: FlowNodeType; d: string }[];
	/** Every arrow between steps. */
	arrows: string;
	/** Every improvement note's dashed line to its step. */
	attachments: string;
	/** Every arrowhead, filled. */
	heads: string;
	/** Each arrow between steps on its own, to find the one under a click. */
	lines: { id: string; d: string }[];
}

/** Numbers in SVG path data: a sign, digits, a fraction, an exponent. */
const NUMBER = /-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi;
const COMMAND = /^[MLHVCSQTAZ]$/i;

const r1 = (value: number) => Math.round(value * 10) / 10;

/**
 * `d` moved by (`dx`, `dy`). Only absolute commands (upper case), which is
 * all `shapeGeometry` writes; a relative one is refused rather than drawn
 * in the wrong place.
 */
export function translatePath(d: string, dx: number, dy: number): string {
	let out = '';
	const commands = d.match(/[A-Za-z][^A-Za-z]*/g) ?? [];
	for (const part of commands) {
		const command = part[0];
		if (!COMMAND.test(command)) throw new Error(`unknown path command ${command}`);
		if (command !== command.toUpperCase() && command !== 'z') {
			throw new Error(`relative path command ${command} cannot be moved`);
		}
		const numbers = (part.slice(1).match(NUMBER) ?? []).map(Number);
		const moved = numbers.map((value, i) => {
			switch (command) {
				case 'H':
					return value + dx;
				case 'V':
					return value + dy;
				case 'A': {
					// rx ry rotation large-arc sweep x y: only the end point moves.
					const k = i % 7;
					return k === 5 ? value + dx : k === 6 ? value + dy : value;
				}
				default:
					return i % 2 === 0 ? value + dx : value + dy;
			}
		});
		out += command.toUpperCase() + moved.map(r1).join(' ');
	}
	return out;
}

const HALF = HANDLE_SIZE / 2;
const POSITIONS: Record<Side, Position> = {
	top: Position.Top,
	right: Position.Right,
	bottom: Position.Bottom,
	left: Position.Left
};
/** The direction an arrow travels when it enters a shape through `side`. */
const INTO: Record<Side, { x: number; y: number }> = {
	top: { x: 0, y: 1 },
	right: { x: -1, y: 0 },
	bottom: { x: 0, y: -1 },
	left: { x: 1, y: 0 }
};

/** Where Svelte Flow starts an arrow on `side`: the outer edge of that side's handle. */
export function connectionPoint(box: OverviewShape, side: Side): { x: number; y: number } {
	switch (side) {
		case 'top':
			return { x: box.x + box.width / 2, y: box.y - HALF };
		case 'right':
			return { x: box.x + box.width + HALF, y: box.y + box.height / 2 };
		case 'bottom':
			return { x: box.x + box.width / 2, y: box.y + box.height + HALF };
		case 'left':
			return { x: box.x - HALF, y: box.y + box.height / 2 };
	}
}

/** A closed arrowhead with its tip at `tip`, pointing along `direction` (a unit vector). */
function head(tip: { x: number; y: number }, direction: { x: number; y: number }): string {
	const LENGTH = 6;
	const HALF_WIDTH = 4.5;
	const bx = tip.x - direction.x * LENGTH;
	const by = tip.y - direction.y * LENGTH;
	const nx = -direction.y * HALF_WIDTH;
	const ny = direction.x * HALF_WIDTH;
	return `M${r1(tip.x)} ${r1(tip.y)}L${r1(bx + nx)} ${r1(by + ny)}L${r1(bx - nx)} ${r1(by - ny)}Z`;
}

function unit(from: { x: number; y: number }, to: { x: number; y: number }) {
	const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
	return { x: (to.x - from.x) / length, y: (to.y - from.y) / length };
}

/**
 * The overview's paths for `shapes` and `arrows` (Svelte Flow's edges, for
 * their connection points and markers), leaving out the shapes in `live` and
 * every arrow touching one, and the arrows in `liveArrows`: Svelte Flow draws
 * those.
 */
export function overviewPaths(
	shapes: readonly OverviewShape[],
	arrows: readonly ArrowEdge[],
	live: ReadonlySet<string>,
	liveArrows: ReadonlySet<string>
): OverviewPaths {
	const boxes = new Map<string, OverviewShape>();
	const byType = new Map<FlowNodeType, string[]>();
	const detailByType = new Map<FlowNodeType, string[]>();
	for (const shape of shapes) {
		boxes.set(shape.id, shape);
		if (live.has(shape.id)) continue;
		const geometry = shapeGeometry(shape.type, shape.width, shape.height);
		const list = byType.get(shape.type) ?? [];
		list.push(translatePath(geometry.outline, shape.x, shape.y));
		byType.set(shape.type, list);
		if (geometry.detail) {
			const details = detailByType.get(shape.type) ?? [];
			details.push(translatePath(geometry.detail, shape.x, shape.y));
			detailByType.set(shape.type, details);
		}
	}
	const lines: { id: string; d: string }[] = [];
	const attachments: string[] = [];
	const heads: string[] = [];
	for (const arrow of arrows) {
		if (liveArrows.has(arrow.id) || live.has(arrow.source) || live.has(arrow.target)) continue;
		const source = boxes.get(arrow.source);
		const target = boxes.get(arrow.target);
		if (!source || !target) continue;
		if (arrow.id.startsWith(ATTACHMENT_PREFIX)) {
			// Centre to centre, as Svelte Flow draws the straight line between the two centre handles.
			const [d] = getStraightPath({
				sourceX: source.x + source.width / 2,
				sourceY: source.y + source.height / 2 - HALF,
				targetX: target.x + target.width / 2,
				targetY: target.y + target.height / 2 - HALF
			});
			attachments.push(d);
			continue;
		}
		const sourceSide: Side = isSide(arrow.sourceHandle) ? arrow.sourceHandle : 'right';
		const targetSide: Side = isSide(arrow.targetHandle) ? arrow.targetHandle : 'left';
		const s = connectionPoint(source, sourceSide);
		const t = connectionPoint(target, targetSide);
		const ends = { sourceX: s.x, sourceY: s.y, targetX: t.x, targetY: t.y };
		const sides = {
			sourcePosition: POSITIONS[sourceSide],
			targetPosition: POSITIONS[targetSide]
		};
		let d: string;
		let endDirection = INTO[targetSide];
		let startDirection = INTO[sourceSide];
		switch (arrow.data?.edge?.style) {
			case 'straight':
				[d] = getStraightPath(ends);
				endDirection = unit(s, t);
				startDirection = unit(t, s);
				break;
			case 'step':
				[d] = getSmoothStepPath({ ...ends, ...sides, borderRadius: 0 });
				break;
			default:
				[d] = getBezierPath({ ...ends, ...sides });
		}
		lines.push({ id: arrow.id, d });
		if (arrow.markerEnd) heads.push(head(t, endDirection));
		if (arrow.markerStart) heads.push(head(s, startDirection));
	}
	const joined = (map: Map<FlowNodeType, string[]>) =>
		[...map].map(([type, list]) => ({ type, d: list.join('') }));
	return {
		shapes: joined(byType),
		details: joined(detailByType),
		arrows: lines.map((line) => line.d).join(''),
		attachments: attachments.join(''),
		heads: heads.join(''),
		lines
	};
}

/**
 * The arrows to hide from Svelte Flow in the overview (`on`): all but those
 * selected or selected by someone else and those touching a `live` shape.
 * Unchanged arrows keep their object (Svelte Flow compares by identity); the
 * list itself is returned when nothing changes.
 */
export function hideForOverview<T extends ArrowEdge>(
	arrows: T[],
	on: boolean,
	live: ReadonlySet<string>,
	liveArrows: ReadonlySet<string>
): T[] {
	let changed = false;
	const next = arrows.map((arrow) => {
		const hidden =
			on && !liveArrows.has(arrow.id) && !live.has(arrow.source) && !live.has(arrow.target);
		if ((arrow.hidden ?? false) === hidden) return arrow;
		changed = true;
		return { ...arrow, hidden };
	});
	return changed ? next : arrows;
}

/** The shapes Svelte Flow keeps drawing in the overview: selected, dragged, or someone else's selection. */
export function liveShapes(
	nodes: readonly {
		id: string;
		selected?: boolean;
		dragging?: boolean;
		data: { peers: readonly unknown[] };
	}[]
): string[] {
	return nodes.filter((n) => n.selected || n.dragging || n.data.peers.length > 0).map((n) => n.id);
}

/** The arrows Svelte Flow keeps drawing in the overview: selected here or by someone else. */
export function liveArrows(arrows: readonly ArrowEdge[]): string[] {
	return arrows.filter((a) => a.selected || (a.data?.peers.length ?? 0) > 0).map((a) => a.id);
}

/** Points along path data of absolute M, L, H, V and C commands (what the arrows are made of). */
function pathPoints(d: string): { x: number; y: number }[] {
	const points: { x: number; y: number }[] = [];
	let at = { x: 0, y: 0 };
	for (const part of d.match(/[A-Za-z][^A-Za-z]*/g) ?? []) {
		const n = (part.slice(1).match(NUMBER) ?? []).map(Number);
		switch (part[0]) {
			case 'M':
			case 'L':
				for (let i = 0; i + 1 < n.length; i += 2) points.push((at = { x: n[i], y: n[i + 1] }));
				break;
			case 'H':
				points.push((at = { x: n[0], y: at.y }));
				break;
			case 'V':
				points.push((at = { x: at.x, y: n[0] }));
				break;
			case 'C':
				for (let i = 0; i + 5 < n.length; i += 6) {
					const [x1, y1, x2, y2, x, y] = n.slice(i, i + 6);
					const from = at;
					for (let k = 1; k <= 16; k++) {
						const t = k / 16;
						const u = 1 - t;
						points.push({
							x: u * u * u * from.x + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x,
							y: u * u * u * from.y + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y
						});
					}
					at = { x, y };
				}
				break;
		}
	}
	return points;
}

function segmentDistance(
	p: { x: number; y: number },
	a: { x: number; y: number },
	b: { x: number; y: number }
): number {
	const dx = b.x - a.x;
	const dy = b.y - a.y;
	const length = dx * dx + dy * dy;
	const t =
		length === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length));
	return Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
}

/**
 * The arrow of `lines` nearest to `point` (flow coordinates) within
 * `tolerance`, or null: a click on the overview's one path of arrows
 * selects the arrow under it, as a click on Svelte Flow's own arrow would.
 */
export function arrowAt(
	lines: readonly { id: string; d: string }[],
	point: { x: number; y: number },
	tolerance: number
): string | null {
	let best: string | null = null;
	let bestDistance = tolerance;
	for (const line of lines) {
		const points = pathPoints(line.d);
		for (let i = 1; i < points.length; i++) {
			const distance = segmentDistance(point, points[i - 1], points[i]);
			if (distance <= bestDistance) {
				bestDistance = distance;
				best = line.id;
			}
		}
	}
	return best;
}
