/**
 * Which shapes of a large flow are in the DOM. Svelte Flow's own
 * `onlyRenderVisibleElements` renders exactly what is in view, so every
 * frame of a pan mounts the shapes coming into view and unmounts those
 * leaving it (that, and Svelte Flow measuring each new shape, was most of a
 * pan frame's script). Here the rendered part is the view plus a margin on
 * every side, and it is only moved when the view comes within half a margin
 * of its edge: a pan back and forth across a screen mounts nothing, a long
 * pan mounts a strip at a time.
 */

export interface Box {
	x: number;
	y: number;
	width: number;
	height: number;
}

export interface WindowedNode {
	id: string;
	position: { x: number; y: number };
	width?: number;
	height?: number;
	selected?: boolean;
	dragging?: boolean;
}

/** The part of the flow on screen, in flow coordinates. */
export function viewRect(
	viewport: { x: number; y: number; zoom: number },
	size: { width: number; height: number }
): Box {
	return {
		x: -viewport.x / viewport.zoom,
		y: -viewport.y / viewport.zoom,
		width: size.width / viewport.zoom,
		height: size.height / viewport.zoom
	};
}

/** `box` grown by `factor` of its own width and height on each side. */
export function grow(box: Box, factor: number): Box {
	const dx = box.width * factor;
	const dy = box.height * factor;
	return { x: box.x - dx, y: box.y - dy, width: box.width + 2 * dx, height: box.height + 2 * dy };
}

const inside = (outer: Box, inner: Box) =>
	inner.x >= outer.x &&
	inner.y >= outer.y &&
	inner.x + inner.width <= outer.x + outer.width &&
	inner.y + inner.height <= outer.y + outer.height;

const overlaps = (a: Box, b: Box) =>
	a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Whether the rendered part `current` (made with `margin` around an earlier
 * view) still serves `view`: the view lies inside it at least half a margin
 * from its edge, and it is not many times larger than needed (after zooming in).
 */
export function windowServes(current: Box | null, view: Box, margin: number): boolean {
	if (!current) return false;
	const full = 1 + 2 * margin;
	const keep = grow(current, -margin / 2 / full);
	return inside(keep, view) && view.width * full * 1.5 >= current.width;
}

const boxOf = (node: WindowedNode): Box => ({
	x: node.position.x,
	y: node.position.y,
	width: node.width ?? 0,
	height: node.height ?? 0
});

/**
 * The shapes to render for the part `area`: those that overlap it, both ends
 * of every arrow whose span overlaps it (so an arrow crossing the view is
 * drawn, as Svelte Flow does), and every selected or dragged shape (the
 * keyboard and the properties panel act on them).
 */
export function shapesToRender(
	nodes: readonly WindowedNode[],
	edges: readonly { source: string; target: string }[],
	area: Box
): Set<string> {
	const ids = new Set<string>();
	const boxes = new Map<string, Box>();
	for (const node of nodes) {
		const box = boxOf(node);
		boxes.set(node.id, box);
		if (node.selected || node.dragging || overlaps(box, area)) ids.add(node.id);
	}
	for (const edge of edges) {
		if (ids.has(edge.source) && ids.has(edge.target)) continue;
		const a = boxes.get(edge.source);
		const b = boxes.get(edge.target);
		if (!a || !b) continue;
		const x = Math.min(a.x, b.x);
		const y = Math.min(a.y, b.y);
		const span = {
			x,
			y,
			width: Math.max(a.x + a.width, b.x + b.width) - x,
			height: Math.max(a.y + a.height, b.y + b.height) - y
		};
		if (overlaps(span, area)) {
			ids.add(edge.source);
			ids.add(edge.target);
		}
	}
	return ids;
}

/**
 * `nodes` with `hidden` set on the shapes outside `rendered` (all shown when
 * it is null); unchanged shapes keep their object, so Svelte Flow redoes
 * only the ones that appear or disappear.
 */
export function applyRenderWindow<T extends WindowedNode & { hidden?: boolean }>(
	nodes: T[],
	rendered: Set<string> | null
): T[] {
	let changed = false;
	const next = nodes.map((node) => {
		const hidden = rendered !== null && !rendered.has(node.id);
		if ((node.hidden ?? false) === hidden) return node;
		changed = true;
		return { ...node, hidden };
	});
	return changed ? next : nodes;
}
