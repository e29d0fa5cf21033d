import * as Y from 'yjs';
import { normalizeDate } from '../actions';
import {
	DEFAULT_EDGE_STYLE,
	DEFAULT_LANE_HEIGHT,
	DEFAULT_NODE_SIZES,
	edgesOf,
	FLOW_KIND,
	FLOW_SCHEMA_VERSION,
	isFlowNodeType,
	isStepType,
	lanesOf,
	mapOf,
	metaOf,
	nodesOf,
	type FlowEdge,
	type FlowLane,
	type FlowMeta,
	type FlowNode
} from './shape';
import { isEdgeArrow, isEdgeStyle, isFlowDirection, isLaneLine } from './validate';

/**
 * A flow as it is stored: lanes in order without computed tops, node `y`
 * relative to the node's lane top when `laneId` is set. Templates and the
 * Mermaid import build this form and write it whole; `snapshotOf` turns it
 * into the absolute form everything else reads.
 */
export interface FlowContent {
	meta: FlowMeta;
	/** Top to bottom. */
	lanes: Omit<FlowLane, 'top'>[];
	nodes: FlowNode[];
	edges: FlowEdge[];
}

const str = (map: Y.Map<unknown>, key: string): string | null => {
	const value = map.get(key);
	return typeof value === 'string' ? value : null;
};

const finite = (map: Y.Map<unknown>, key: string): number | null => {
	const value = map.get(key);
	// `+ 0` turns -0 into 0, so equal diagrams compare equal.
	return typeof value === 'number' && Number.isFinite(value) ? value + 0 : null;
};

const positive = (map: Y.Map<unknown>, key: string, fallback: number): number => {
	const value = finite(map, key);
	return value !== null && value > 0 ? value : fallback;
};

/** Code-unit order, not locale order: every replica must sort the same way. */
export const byId = (a: { id: string }, b: { id: string }) =>
	a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

export function readFlowMeta(doc: Y.Doc): FlowMeta {
	const meta = metaOf(doc);
	const schemaVersion = meta.get('schemaVersion');
	const kind = meta.get('kind');
	const direction = meta.get('direction');
	return {
		schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : null,
		kind: typeof kind === 'string' ? kind : null,
		numbering: meta.get('numbering') === true,
		direction: isFlowDirection(direction) ? direction : 'LR'
	};
}

/** Lanes top to bottom with their Yjs maps: ascending `order`, ties (concurrent inserts) by id. */
export function readLaneEntries(
	doc: Y.Doc
): { id: string; order: number; map: Y.Map<unknown>; lane: Omit<FlowLane, 'top'> }[] {
	const entries = [];
	for (const [id, map] of lanesOf(doc)) {
		if (!(map instanceof Y.Map)) continue;
		const line = map.get('line');
		entries.push({
			id,
			// A lane a script added without an order goes last rather than nowhere.
			order: finite(map, 'order') ?? Number.MAX_VALUE,
			map,
			lane: {
				id,
				title: str(map, 'title') ?? '',
				height: positive(map, 'height', DEFAULT_LANE_HEIGHT),
				line: isLaneLine(line) ? line : null
			}
		});
	}
	return entries.sort((a, b) => a.order - b.order || byId(a, b));
}

/**
 * Reads the stored flow, repairing what concurrent edits or scripts can leave
 * behind rather than failing: an unknown type reads as a process step, a lane
 * that no longer exists leaves its nodes lane-less (their stored `y` then
 * reads as absolute), and an improvement note attached to a missing step is
 * detached. Entries that are not Y.Maps are ignored.
 */
export function readFlowContent(doc: Y.Doc): FlowContent {
	const lanes = readLaneEntries(doc).map((entry) => entry.lane);
	const laneIds = new Set(lanes.map((lane) => lane.id));
	const types = new Map<string, FlowNode['type']>();
	for (const [id, map] of nodesOf(doc)) {
		if (!(map instanceof Y.Map)) continue;
		const type = map.get('type');
		types.set(id, isFlowNodeType(type) ? type : 'process');
	}
	const nodes: FlowNode[] = [];
	for (const [id, map] of nodesOf(doc)) {
		if (!(map instanceof Y.Map)) continue;
		const type = types.get(id)!;
		const laneId = str(map, 'laneId');
		const improvement = type === 'improvement';
		const attachedTo = improvement ? str(map, 'attachedTo') : null;
		const target = attachedTo === null ? undefined : types.get(attachedTo);
		nodes.push({
			id,
			type,
			label: str(map, 'label') ?? '',
			x: finite(map, 'x') ?? 0,
			y: finite(map, 'y') ?? 0,
			width: positive(map, 'width', DEFAULT_NODE_SIZES[type].width),
			height: positive(map, 'height', DEFAULT_NODE_SIZES[type].height),
			laneId: laneId !== null && laneIds.has(laneId) ? laneId : null,
			ownerRole: str(map, 'ownerRole') ?? '',
			sla: str(map, 'sla') ?? '',
			description: str(map, 'description') ?? '',
			attachedTo: target && isStepType(target) && attachedTo !== id ? attachedTo : null,
			ownerId: improvement ? str(map, 'ownerId') || null : null,
			dueDate: improvement ? normalizeDate(map.get('dueDate')) : null,
			done: improvement && map.get('done') === true
		});
	}
	const edges: FlowEdge[] = [];
	for (const [id, map] of edgesOf(doc)) {
		if (!(map instanceof Y.Map)) continue;
		const style = map.get('style');
		const arrow = map.get('arrow');
		edges.push({
			id,
			source: str(map, 'source') ?? '',
			target: str(map, 'target') ?? '',
			sourceHandle: str(map, 'sourceHandle'),
			targetHandle: str(map, 'targetHandle'),
			label: str(map, 'label') ?? '',
			style: isEdgeStyle(style) ? style : DEFAULT_EDGE_STYLE,
			arrow: isEdgeArrow(arrow) ? arrow : 'end'
		});
	}
	return {
		meta: readFlowMeta(doc),
		lanes,
		nodes: nodes.sort(byId),
		edges: edges.sort(byId)
	};
}

/** The Yjs map of one node; improvement fields only on improvement notes. */
export function nodeMapOf(node: FlowNode): Y.Map<unknown> {
	const { attachedTo, ownerId, dueDate, done, ...common } = node;
	return mapOf(
		node.type === 'improvement' ? { ...common, attachedTo, ownerId, dueDate, done } : common
	);
}

export function edgeMapOf(edge: FlowEdge): Y.Map<unknown> {
	return mapOf({ ...edge });
}

export function laneMapOf(lane: Omit<FlowLane, 'top'>, order: number): Y.Map<unknown> {
	return mapOf({ ...lane, order });
}

/**
 * Replaces the whole diagram (lanes, nodes, edges, numbering, direction) in
 * one transaction and stamps the schema version. Callers validate first.
 */
export function writeFlowContent(doc: Y.Doc, content: FlowContent): void {
	doc.transact(() => {
		const meta = metaOf(doc);
		meta.set('schemaVersion', FLOW_SCHEMA_VERSION);
		meta.set('kind', FLOW_KIND);
		meta.set('numbering', content.meta.numbering);
		meta.set('direction', content.meta.direction);
		const lanes = lanesOf(doc);
		const nodes = nodesOf(doc);
		const edges = edgesOf(doc);
		lanes.clear();
		nodes.clear();
		edges.clear();
		content.lanes.forEach((lane, index) => lanes.set(lane.id, laneMapOf(lane, index)));
		for (const node of content.nodes) nodes.set(node.id, nodeMapOf(node));
		for (const edge of content.edges) edges.set(edge.id, edgeMapOf(edge));
	});
}
