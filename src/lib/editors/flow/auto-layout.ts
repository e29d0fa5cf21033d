import dagre from '@dagrejs/dagre';
import type * as Y from 'yjs';
import {
	MAX_LANE_HEIGHT,
	moveNode,
	resizeLane,
	type FlowNode,
	type FlowSnapshot
} from '$lib/model/flow';
import { findFreeSpot } from './placement';

/**
 * Auto-layout that keeps lanes. A layered (Sugiyama) layout of the whole flow
 * decides the order along the flow; lanes are horizontal bands, so each node
 * keeps its lane and only its place inside the band is chosen: nodes are
 * stacked in rows where their columns would overlap, and a lane grows when
 * its rows need more room. Improvement notes move with their step; notes that
 * no arrow touches stay where they are.
 */
export interface FlowLayout {
	/** Absolute top-left corners, for moveNode. */
	positions: Map<string, { x: number; y: number }>;
	/** Lanes that must grow to hold their rows. */
	laneHeights: Map<string, number>;
}

const NODE_GAP = 48;
const RANK_GAP = 80;
const LANE_PADDING = 24;
const ROW_GAP = 24;
/** Room between two nodes of one row. */
const COLUMN_GAP = 24;

interface Placed {
	node: FlowNode;
	/** Layout centre. */
	cx: number;
	cy: number;
}

function isArranged(node: FlowNode, connected: Set<string>): boolean {
	if (node.type === 'improvement') return false;
	return node.type !== 'note' || connected.has(node.id);
}

function runLayered(
	nodes: FlowNode[],
	edges: { source: string; target: string }[],
	rankdir: 'LR' | 'RL' | 'TB' | 'BT'
): Map<string, { x: number; y: number }> {
	const graph = new dagre.graphlib.Graph({ multigraph: true });
	graph.setGraph({ rankdir, nodesep: NODE_GAP, ranksep: RANK_GAP, marginx: 0, marginy: 0 });
	graph.setDefaultEdgeLabel(() => ({}));
	for (const node of nodes) graph.setNode(node.id, { width: node.width, height: node.height });
	edges.forEach((edge, i) => graph.setEdge(edge.source, edge.target, {}, `e${i}`));
	dagre.layout(graph);
	const centres = new Map<string, { x: number; y: number }>();
	for (const node of nodes) {
		const placed = graph.node(node.id);
		centres.set(node.id, { x: placed?.x ?? 0, y: placed?.y ?? 0 });
	}
	return centres;
}

/** Stacks a band's nodes in rows: a node goes in the first row where its column is free. */
function stackRows(placed: Placed[], left: (p: Placed) => number): { rows: Placed[][] } {
	const rows: { items: Placed[]; spans: [number, number][] }[] = [];
	for (const item of [...placed].sort((a, b) => a.cy - b.cy || a.cx - b.cx)) {
		const from = left(item) - COLUMN_GAP / 2;
		const to = left(item) + item.node.width + COLUMN_GAP / 2;
		let row = rows.find((r) => r.spans.every(([a, b]) => to <= a || from >= b));
		if (!row) {
			row = { items: [], spans: [] };
			rows.push(row);
		}
		row.items.push(item);
		row.spans.push([from, to]);
	}
	return { rows: rows.map((r) => r.items) };
}

const rowHeight = (row: Placed[]) => Math.max(...row.map((p) => p.node.height));

export function layoutFlow(snapshot: FlowSnapshot): FlowLayout {
	const connected = new Set<string>();
	const ids = new Set(snapshot.nodes.map((n) => n.id));
	const edges = snapshot.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
	for (const edge of edges) {
		connected.add(edge.source);
		connected.add(edge.target);
	}
	const arranged = snapshot.nodes.filter((node) => isArranged(node, connected));
	const arrangedIds = new Set(arranged.map((n) => n.id));
	const positions = new Map<string, { x: number; y: number }>();
	const laneHeights = new Map<string, number>();
	if (arranged.length === 0) return { positions, laneHeights };

	const layoutEdges = edges.filter((e) => arrangedIds.has(e.source) && arrangedIds.has(e.target));
	const originX = Math.min(...arranged.map((n) => n.x));
	const originY = Math.min(...arranged.map((n) => n.y));
	const direction = snapshot.meta.direction;

	if (snapshot.lanes.length === 0) {
		const centres = runLayered(arranged, layoutEdges, direction);
		const lefts = arranged.map((n) => centres.get(n.id)!.x - n.width / 2);
		const tops = arranged.map((n) => centres.get(n.id)!.y - n.height / 2);
		const dx = originX - Math.min(...lefts);
		const dy = originY - Math.min(...tops);
		arranged.forEach((node, i) => {
			positions.set(node.id, { x: Math.round(lefts[i] + dx), y: Math.round(tops[i] + dy) });
		});
	} else {
		// Lanes are horizontal, so the flow runs along them whatever its stored direction.
		const centres = runLayered(arranged, layoutEdges, direction === 'RL' ? 'RL' : 'LR');
		const placed: Placed[] = arranged.map((node) => {
			const centre = centres.get(node.id)!;
			return { node, cx: centre.x, cy: centre.y };
		});
		const minLeft = Math.min(...placed.map((p) => p.cx - p.node.width / 2));
		const left = (p: Placed) => Math.round(p.cx - p.node.width / 2 - minLeft + originX);

		const bands = new Map<string | null, Placed[]>();
		for (const item of placed) {
			const band = bands.get(item.node.laneId) ?? [];
			band.push(item);
			bands.set(item.node.laneId, band);
		}
		let top = 0;
		for (const lane of snapshot.lanes) {
			const { rows } = stackRows(bands.get(lane.id) ?? [], left);
			const block =
				rows.reduce((sum, row) => sum + rowHeight(row), 0) + ROW_GAP * Math.max(0, rows.length - 1);
			const needed = Math.min(MAX_LANE_HEIGHT, block + LANE_PADDING * 2);
			const height = Math.max(lane.height, needed);
			if (height !== lane.height) laneHeights.set(lane.id, height);
			let y = top + Math.max(LANE_PADDING, Math.round((height - block) / 2));
			for (const row of rows) {
				const h = rowHeight(row);
				for (const item of row) {
					positions.set(item.node.id, {
						x: left(item),
						y: Math.round(y + (h - item.node.height) / 2)
					});
				}
				y += h + ROW_GAP;
			}
			top += height;
		}
		// Nodes outside every lane go in rows below the lanes.
		const { rows } = stackRows(bands.get(null) ?? [], left);
		let y = top + LANE_PADDING * 2;
		for (const row of rows) {
			for (const item of row) positions.set(item.node.id, { x: left(item), y });
			y += rowHeight(row) + ROW_GAP;
		}
	}

	// An improvement note keeps its place beside its step, moved right if that is taken now.
	const byId = new Map(snapshot.nodes.map((n) => [n.id, n]));
	const taken = snapshot.nodes.flatMap((n) => {
		const at = positions.get(n.id);
		return at ? [{ ...at, width: n.width, height: n.height }] : [];
	});
	for (const node of snapshot.nodes) {
		if (node.type !== 'improvement' || node.attachedTo === null) continue;
		const step = byId.get(node.attachedTo);
		const moved = step && positions.get(step.id);
		if (!step || !moved) continue;
		const wanted = { x: moved.x + node.x - step.x, y: moved.y + node.y - step.y };
		const spot = findFreeSpot(wanted, node, taken);
		positions.set(node.id, spot);
		taken.push({ ...spot, width: node.width, height: node.height });
	}
	return { positions, laneHeights };
}

/**
 * Writes a layout with the model's writers. Lanes grow first, so every node's
 * new centre lies inside its lane when it is moved. Call inside one
 * transaction, so the layout is one change and one undo step.
 */
export function applyLayout(doc: Y.Doc, layout: FlowLayout): string[] {
	const problems: string[] = [];
	for (const [laneId, height] of layout.laneHeights) {
		const result = resizeLane(doc, laneId, height);
		if (!result.ok) problems.push(result.problem);
	}
	for (const [nodeId, { x, y }] of layout.positions) {
		const result = moveNode(doc, nodeId, x, y);
		if (!result.ok) problems.push(result.problem);
	}
	return problems;
}
