import { m } from '../../paraglide/messages';
import * as Y from 'yjs';
import { laneMapOf, readLaneEntries } from './content';
import {
	DEFAULT_LANE_HEIGHT,
	lanesOf,
	MAX_LANES,
	MIN_LANE_HEIGHT,
	newId,
	nodesOf,
	ok,
	refuse,
	type FlowResult,
	type FlowSnapshot,
	type LaneLine
} from './shape';
import { isLaneLine, laneHeightProblem, MAX_LANE_TITLE, pixels, textProblem } from './validate';

/**
 * Lanes are ordered by a fractional `order`: moving or inserting a lane writes
 * only that lane's order, halfway between its new neighbours, so concurrent
 * moves of different lanes both take effect and a lane is never duplicated.
 */
function orderBetween(before: number | undefined, after: number | undefined): number | null {
	if (before === undefined && after === undefined) return 0;
	if (before === undefined) return after! - 1;
	if (after === undefined) return before + 1;
	const middle = (before + after) / 2;
	// Equal neighbours (a tie from concurrent inserts) or exhausted precision.
	return middle > before && middle < after ? middle : null;
}

/**
 * Gives the lane `laneId` (possibly not in the document yet) the slot `index`
 * among the other lanes: a fractional order when one fits, otherwise every
 * lane is renumbered 0, 1, 2 … Call inside a transaction.
 */
function placeLane(doc: Y.Doc, laneId: string, index: number, map: Y.Map<unknown>): void {
	const others = readLaneEntries(doc).filter((entry) => entry.id !== laneId);
	const slot = Math.max(0, Math.min(others.length, Math.trunc(index)));
	const order = orderBetween(others[slot - 1]?.order, others[slot]?.order);
	if (order !== null) {
		map.set('order', order);
		return;
	}
	const sequence = [...others.map((entry) => entry.map)];
	sequence.splice(slot, 0, map);
	sequence.forEach((lane, i) => {
		if (lane.get('order') !== i) lane.set('order', i);
	});
}

function titleProblem(title: unknown): string | null {
	return textProblem(title, m.flow_what_lane_title(), MAX_LANE_TITLE);
}

function lineProblem(line: unknown): string | null {
	return line === null || isLaneLine(line) ? null : m.flow_err_blueprint_line();
}

/** Adds a lane at `index` (default: at the bottom). */
export function addLane(
	doc: Y.Doc,
	input: { title: string; height?: number; line?: LaneLine | null; index?: number }
): FlowResult<{ id: string }> {
	if (lanesOf(doc).size >= MAX_LANES) return refuse(m.flow_err_max_lanes({ max: MAX_LANES }));
	const height = input.height ?? DEFAULT_LANE_HEIGHT;
	const problem =
		titleProblem(input.title) || laneHeightProblem(height) || lineProblem(input.line ?? null);
	if (problem) return refuse(problem);
	const id = newId();
	const map = laneMapOf(
		{ id, title: input.title, height: pixels(height), line: input.line ?? null },
		0
	);
	doc.transact(() => {
		lanesOf(doc).set(id, map);
		placeLane(doc, id, input.index ?? Number.MAX_SAFE_INTEGER, map);
	});
	return ok({ id });
}

function laneMap(doc: Y.Doc, laneId: string): Y.Map<unknown> | null {
	const map = lanesOf(doc).get(laneId);
	return map instanceof Y.Map ? map : null;
}

const gone = () => refuse<null>(m.flow_err_lane_gone());

export function renameLane(doc: Y.Doc, laneId: string, title: string): FlowResult {
	const map = laneMap(doc, laneId);
	if (!map) return gone();
	const problem = titleProblem(title);
	if (problem) return refuse(problem);
	if (map.get('title') !== title) map.set('title', title);
	return ok(null);
}

export function setLaneLine(doc: Y.Doc, laneId: string, line: LaneLine | null): FlowResult {
	const map = laneMap(doc, laneId);
	if (!map) return gone();
	const problem = lineProblem(line);
	if (problem) return refuse(problem);
	if (map.get('line') !== line) map.set('line', line);
	return ok(null);
}

/** The nodes of a lane: their stored (lane-relative) y and height. */
function laneContents(doc: Y.Doc, laneId: string): { y: number; height: number }[] {
	const contents = [];
	for (const node of nodesOf(doc).values()) {
		if (!(node instanceof Y.Map) || node.get('laneId') !== laneId) continue;
		const y = node.get('y');
		const height = node.get('height');
		contents.push({
			y: typeof y === 'number' ? y : 0,
			height: typeof height === 'number' ? height : 0
		});
	}
	return contents;
}

/**
 * The smallest height that keeps every node's centre inside the lane, so
 * shrinking a lane never silently moves a step into the lane below.
 */
function minHeightFor(contents: { y: number; height: number }[]): number {
	const lowestCentre = Math.max(-1, ...contents.map((n) => n.y + n.height / 2));
	return Math.max(MIN_LANE_HEIGHT, Math.floor(lowestCentre) + 1);
}

/** The smallest height resizeLane accepts for this lane (for the editor's drag handle). */
export function minLaneHeight(snapshot: FlowSnapshot, laneId: string): number {
	const lane = snapshot.lanes.find((l) => l.id === laneId);
	if (!lane) return MIN_LANE_HEIGHT;
	return minHeightFor(
		snapshot.nodes
			.filter((n) => n.laneId === laneId)
			.map((n) => ({ y: n.y - lane.top, height: n.height }))
	);
}

/** Changes a lane's height; the lanes below, and their nodes, move with it. */
export function resizeLane(doc: Y.Doc, laneId: string, height: number): FlowResult {
	const map = laneMap(doc, laneId);
	if (!map) return gone();
	const problem = laneHeightProblem(height);
	if (problem) return refuse(problem);
	const needed = minHeightFor(laneContents(doc, laneId));
	if (pixels(height) < needed) {
		return refuse(m.flow_err_lane_too_low({ needed }));
	}
	if (map.get('height') !== pixels(height)) map.set('height', pixels(height));
	return ok(null);
}

/** Moves a lane to position `toIndex` (0 = top, clamped); its nodes move with it. */
export function moveLane(doc: Y.Doc, laneId: string, toIndex: number): FlowResult {
	const map = laneMap(doc, laneId);
	if (!map) return gone();
	if (!Number.isFinite(toIndex)) return refuse(m.flow_err_lane_where());
	const entries = readLaneEntries(doc);
	const current = entries.findIndex((entry) => entry.id === laneId);
	const target = Math.max(0, Math.min(entries.length - 1, Math.trunc(toIndex)));
	if (current === target) return ok(null);
	doc.transact(() => placeLane(doc, laneId, target, map));
	return ok(null);
}

/**
 * Removes an empty lane. A lane that still holds shapes is refused rather than
 * emptied: its shapes would otherwise land in whichever lane moves up into
 * the gap. The editor can remove the shapes first (removeNodes) in the same
 * transaction when the person confirms.
 */
export function removeLane(doc: Y.Doc, laneId: string): FlowResult {
	const map = laneMap(doc, laneId);
	if (!map) return gone();
	const count = laneContents(doc, laneId).length;
	if (count > 0) {
		const title = (map.get('title') as string) || m.flow_err_this_lane();
		return refuse(
			count === 1
				? m.flow_err_lane_not_empty_one({ title })
				: m.flow_err_lane_not_empty({ title, count })
		);
	}
	lanesOf(doc).delete(laneId);
	return ok(null);
}
