import * as Y from 'yjs';
import { readFlowContent, writeFlowContent, type FlowContent } from './content';
import { edgesOf, lanesOf, mapOf, MAX_LANES, newId, nodesOf, type FlowDirection } from './shape';

/**
 * A flow as a workspace template keeps it (docs/document-model.md, "Workspace
 * templates"): its lanes with their blueprint lines, its shapes and arrows
 * with every field, numbering and direction. Plain JSON, not Yjs state, so a
 * document made from it has none of the source's history, presence or
 * comments.
 */
export interface FlowSavedContent {
	numbering: boolean;
	direction: FlowDirection;
	/** Top to bottom. */
	lanes: FlowContent['lanes'];
	nodes: FlowContent['nodes'];
	edges: FlowContent['edges'];
}

export function readFlowSavedContent(doc: Y.Doc): FlowSavedContent {
	const { meta, lanes, nodes, edges } = readFlowContent(doc);
	return { numbering: meta.numbering, direction: meta.direction, lanes, nodes, edges };
}

/** Far above any real diagram (the benchmarks’ full-size flow has 1,000 shapes): more is not a copy we made. */
const MAX_SAVED_NODES = 10_000;
const MAX_SAVED_EDGES = 40_000;

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The entries' plain fields only (no nested objects): what a flow's Y.Maps may hold. */
function plainMap(entry: Record<string, unknown>): Y.Map<unknown> {
	const fields: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(entry)) {
		if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
			fields[key] = value;
		}
	}
	return mapOf(fields);
}

function entriesOf(value: unknown, max: number): Record<string, unknown>[] {
	if (!Array.isArray(value) || value.length > max) {
		throw new Error('saved flow content has a broken or oversized list');
	}
	return value.map((entry) => {
		if (!isRecord(entry) || typeof entry.id !== 'string' || entry.id === '') {
			throw new Error('saved flow content has an entry without an id');
		}
		return entry;
	});
}

/**
 * The stored copy read back through the flow's own reader, so it is repaired
 * by the same rules as a live document (unknown types read as process steps,
 * a missing lane leaves its nodes lane-less, a note attached to nothing is
 * detached). Throws when it is not a saved flow at all.
 */
function readStoredCopy(content: unknown): FlowContent {
	if (!isRecord(content)) throw new Error('saved flow content is not an object');
	const lanes = entriesOf(content.lanes, MAX_LANES);
	const nodes = entriesOf(content.nodes, MAX_SAVED_NODES);
	const edges = entriesOf(content.edges, MAX_SAVED_EDGES);
	const scratch = new Y.Doc();
	scratch.transact(() => {
		const meta = scratch.getMap<unknown>('meta');
		meta.set('numbering', content.numbering === true);
		meta.set('direction', content.direction);
		// Stored top to bottom: the order is the list's.
		lanes.forEach((lane, order) =>
			lanesOf(scratch).set(lane.id as string, plainMap({ ...lane, order }))
		);
		for (const node of nodes) nodesOf(scratch).set(node.id as string, plainMap(node));
		for (const edge of edges) edgesOf(scratch).set(edge.id as string, plainMap(edge));
	});
	return readFlowContent(scratch);
}

/**
 * Every lane, shape and arrow under a new id, references followed: ids are
 * keys that must be unique per document, and a copy's improvement notes are
 * tasks of its own. Arrows whose shape is gone are left out.
 */
function withFreshIds(content: FlowContent): FlowContent {
	const laneIds = new Map(content.lanes.map((lane) => [lane.id, newId()]));
	const nodeIds = new Map(content.nodes.map((node) => [node.id, newId()]));
	const renamed = (ids: Map<string, string>, id: string | null) =>
		id === null ? null : (ids.get(id) ?? null);
	return {
		meta: content.meta,
		lanes: content.lanes.map((lane) => ({ ...lane, id: laneIds.get(lane.id)! })),
		nodes: content.nodes.map((node) => ({
			...node,
			id: nodeIds.get(node.id)!,
			laneId: renamed(laneIds, node.laneId),
			attachedTo: renamed(nodeIds, node.attachedTo)
		})),
		edges: content.edges.flatMap((edge) => {
			const source = nodeIds.get(edge.source);
			const target = nodeIds.get(edge.target);
			return source && target ? [{ ...edge, id: newId(), source, target }] : [];
		})
	};
}

/** Writes a saved flow into an empty document, meta stamp included; throws on a broken copy. */
export function writeFlowSavedContent(doc: Y.Doc, content: unknown): void {
	writeFlowContent(doc, withFreshIds(readStoredCopy(content)));
}
