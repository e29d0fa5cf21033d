import type * as Y from 'yjs';
import { readFlowContent, readLaneEntries, type FlowContent } from './content';
import type { FlowLane, FlowSnapshot } from './shape';

/**
 * Lane geometry. Lanes stack from y = 0 downwards and are unbounded to the
 * left and right; a lane's top is the sum of the heights above it. A node
 * belongs to the lane under its centre.
 */
export function withTops(lanes: Omit<FlowLane, 'top'>[]): FlowLane[] {
	let top = 0;
	return lanes.map((lane) => {
		const placed = { ...lane, top };
		top += lane.height;
		return placed;
	});
}

/** The lane that contains the horizontal line at `y` (top edge inclusive), or null. */
export function laneAt(lanes: FlowLane[], y: number): FlowLane | null {
	return lanes.find((lane) => y >= lane.top && y < lane.top + lane.height) ?? null;
}

/** Where a node whose top-left is at absolute `y` belongs, and the `y` to store for it. */
export function placeInLanes(
	lanes: FlowLane[],
	y: number,
	height: number
): { laneId: string | null; y: number } {
	const lane = laneAt(lanes, y + height / 2);
	return lane ? { laneId: lane.id, y: y - lane.top } : { laneId: null, y };
}

/** A stored (lane-relative) `y` as an absolute canvas position. */
export function toAbsoluteY(lanes: FlowLane[], laneId: string | null, y: number): number {
	const lane = laneId === null ? undefined : lanes.find((l) => l.id === laneId);
	return lane ? lane.top + y : y;
}

/** An absolute `y` as the value stored for a node in `laneId`. */
export function toLaneY(lanes: FlowLane[], laneId: string | null, y: number): number {
	const lane = laneId === null ? undefined : lanes.find((l) => l.id === laneId);
	return lane ? y - lane.top : y;
}

/** The stored form with lane tops computed and node positions made absolute. */
export function snapshotOf(content: FlowContent): FlowSnapshot {
	const lanes = withTops(content.lanes);
	const tops = new Map(lanes.map((lane) => [lane.id, lane.top]));
	return {
		meta: { ...content.meta },
		lanes,
		nodes: content.nodes.map((node) => ({
			...node,
			y: node.laneId === null ? node.y : (tops.get(node.laneId) ?? 0) + node.y
		})),
		edges: content.edges.map((edge) => ({ ...edge }))
	};
}

/** The whole diagram as plain data with absolute positions. */
export function readFlow(doc: Y.Doc): FlowSnapshot {
	return snapshotOf(readFlowContent(doc));
}

/** Just the lanes, top to bottom, with their tops. */
export function readLanes(doc: Y.Doc): FlowLane[] {
	return withTops(readLaneEntries(doc).map((entry) => entry.lane));
}
