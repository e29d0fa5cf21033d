import { DEFAULT_LANE_HEIGHT, MAX_LANE_HEIGHT, type FlowDirection } from './shape';

/**
 * Places nodes that arrive without a position (hand-written Mermaid) so they
 * are all visible and roughly in flow order: columns by longest path from the
 * flow's sources, stacked rows inside each lane. The editor's auto-layout can
 * tidy up afterwards; this only has to be readable and deterministic.
 */
export interface LayoutNode {
	id: string;
	laneId: string | null;
	width: number;
	height: number;
	/** Stored form: y relative to the lane top when laneId is set. Null: place it. */
	position: { x: number; y: number } | null;
}

export interface LayoutLane {
	id: string;
	/** Null: fit the lane to its nodes. */
	height: number | null;
}

const MARGIN = 40;
const LANE_PADDING = 24;
const COLUMN = 220;
const ROW = 120;

/** Longest-path layers; arrows that close a cycle are ignored. */
function layersOf(
	nodes: LayoutNode[],
	edges: { source: string; target: string }[]
): Map<string, number> {
	const next = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
	for (const edge of edges) {
		if (next.has(edge.source) && next.has(edge.target)) next.get(edge.source)!.push(edge.target);
	}
	// Depth-first post-order gives a topological order of the graph without its back edges.
	const state = new Map<string, 'open' | 'done'>();
	const order: string[] = [];
	const hasIncoming = new Set(edges.map((e) => e.target));
	const roots = [...nodes.filter((n) => !hasIncoming.has(n.id)), ...nodes].map((n) => n.id);
	for (const root of roots) {
		if (state.has(root)) continue;
		const stack: { id: string; i: number }[] = [{ id: root, i: 0 }];
		state.set(root, 'open');
		while (stack.length > 0) {
			const top = stack[stack.length - 1];
			const targets = next.get(top.id)!;
			if (top.i < targets.length) {
				const target = targets[top.i++];
				if (!state.has(target)) {
					state.set(target, 'open');
					stack.push({ id: target, i: 0 });
				}
			} else {
				state.set(top.id, 'done');
				order.push(top.id);
				stack.pop();
			}
		}
	}
	const position = new Map(order.map((id, i) => [id, order.length - i]));
	const layers = new Map(nodes.map((n) => [n.id, 0]));
	for (const id of [...order].reverse()) {
		for (const target of next.get(id)!) {
			// Forward in topological order only: an edge back up the order closes a cycle.
			if (position.get(target)! > position.get(id)!) {
				layers.set(target, Math.max(layers.get(target)!, layers.get(id)! + 1));
			}
		}
	}
	return layers;
}

export function placeUnpositioned(
	lanes: LayoutLane[],
	nodes: LayoutNode[],
	edges: { source: string; target: string }[],
	direction: FlowDirection
): { lanes: { id: string; height: number }[]; nodes: Map<string, { x: number; y: number }> } {
	const layers = layersOf(nodes, edges);
	const rows = new Map<string, number>();
	const placed = new Map<string, { x: number; y: number }>();
	const vertical = lanes.length === 0 && (direction === 'TB' || direction === 'BT');
	const free: LayoutNode[] = [];
	for (const node of nodes) {
		if (node.position) {
			placed.set(node.id, node.position);
			continue;
		}
		const layer = layers.get(node.id)!;
		const key = `${node.laneId ?? ''}\u0000${layer}`;
		const row = rows.get(key) ?? 0;
		rows.set(key, row + 1);
		if (node.laneId === null) free.push(node);
		if (vertical) placed.set(node.id, { x: MARGIN + row * COLUMN, y: MARGIN + layer * ROW });
		else {
			const top = node.laneId === null ? 0 : LANE_PADDING;
			placed.set(node.id, { x: MARGIN + layer * COLUMN, y: top + row * ROW });
		}
	}
	const sized = lanes.map((lane) => {
		if (lane.height !== null) return { id: lane.id, height: lane.height };
		const bottom = Math.max(
			0,
			...nodes.filter((n) => n.laneId === lane.id).map((n) => placed.get(n.id)!.y + n.height)
		);
		const height = Math.min(MAX_LANE_HEIGHT, Math.max(DEFAULT_LANE_HEIGHT, bottom + LANE_PADDING));
		return { id: lane.id, height };
	});
	// Lane-less nodes without a position go below the lanes, where they cannot join one.
	if (!vertical && sized.length > 0) {
		const below = sized.reduce((sum, lane) => sum + lane.height, 0) + MARGIN;
		for (const node of free) {
			const spot = placed.get(node.id)!;
			placed.set(node.id, { x: spot.x, y: below + spot.y });
		}
	} else if (!vertical) {
		for (const node of free) {
			const spot = placed.get(node.id)!;
			placed.set(node.id, { x: spot.x, y: MARGIN + spot.y });
		}
	}
	return { lanes: sized, nodes: placed };
}
