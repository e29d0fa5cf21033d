import { m } from '../../paraglide/messages';
import * as Y from 'yjs';
import { edgeMapOf, nodeMapOf } from './content';
import { nodeFieldsProblem, type NodeFields } from './nodes';
import { placeInLanes, readFlow, readLanes } from './read';
import {
	DEFAULT_EDGE_STYLE,
	DEFAULT_NODE_SIZES,
	edgesOf,
	isStepType,
	newId,
	nodesOf,
	ok,
	refuse,
	type FlowEdge,
	type FlowNode,
	type FlowResult
} from './shape';
import {
	coordinateProblem,
	isEdgeArrow,
	isEdgeStyle,
	isFlowNodeType,
	MAX_LABEL,
	pixels,
	textProblem
} from './validate';

/**
 * Copy and paste of part of a diagram, as plain JSON the editor puts on the
 * clipboard. Pasting validates everything (the clipboard may hold anything),
 * gives every node and edge a new id, and places nodes by the lane rule.
 */
export const CLIPBOARD_FORMAT = 'opsloom-flow-selection';
export const MAX_PASTE_NODES = 500;

export interface FlowClipboard {
	format: typeof CLIPBOARD_FORMAT;
	version: 1;
	/** Absolute positions. */
	nodes: FlowNode[];
	/** Only the edges between copied nodes. */
	edges: FlowEdge[];
}

export function serializeSelection(doc: Y.Doc, nodeIds: Iterable<string>): FlowClipboard {
	const chosen = new Set(nodeIds);
	const snapshot = readFlow(doc);
	const nodes = snapshot.nodes.filter((node) => chosen.has(node.id));
	const edges = snapshot.edges.filter((edge) => chosen.has(edge.source) && chosen.has(edge.target));
	return { format: CLIPBOARD_FORMAT, version: 1, nodes, edges };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function pastedNodeProblem(doc: Y.Doc, node: Record<string, unknown>): string | null {
	if (typeof node.id !== 'string') return m.flow_err_clip_no_id();
	if (!isFlowNodeType(node.type)) return m.flow_err_clip_type();
	const fields: NodeFields = {
		label: node.label as string,
		width: node.width as number,
		height: node.height as number,
		ownerRole: (node.ownerRole ?? '') as string,
		sla: (node.sla ?? '') as string,
		description: (node.description ?? '') as string
	};
	if (node.type === 'improvement') {
		fields.ownerId = (node.ownerId ?? null) as string | null;
		fields.dueDate = (node.dueDate ?? null) as string | null;
		fields.done = (node.done ?? false) as boolean;
	}
	return (
		coordinateProblem(node.x, 'x') ||
		coordinateProblem(node.y, 'y') ||
		nodeFieldsProblem(doc, null, node.type, fields)
	);
}

/**
 * Pastes a copied selection shifted by `offset`. Edges whose ends were not
 * copied are dropped; a copied improvement note stays attached to its step
 * when the step was copied too (to the copy) or is in this flow.
 */
export function pasteSelection(
	doc: Y.Doc,
	data: unknown,
	offset: { x: number; y: number } = { x: 24, y: 24 }
): FlowResult<{ nodeIds: string[]; edgeIds: string[] }> {
	if (!isRecord(data) || data.format !== CLIPBOARD_FORMAT || !Array.isArray(data.nodes)) {
		return refuse(m.flow_err_clip_not_flow());
	}
	const rawEdges = Array.isArray(data.edges) ? data.edges : [];
	if (data.nodes.length > MAX_PASTE_NODES) {
		return refuse(m.flow_err_clip_too_many({ max: MAX_PASTE_NODES }));
	}
	const offsetProblem = coordinateProblem(offset.x, 'x') || coordinateProblem(offset.y, 'y');
	if (offsetProblem) return refuse(offsetProblem);
	const newIds = new Map<string, string>();
	for (const node of data.nodes) {
		if (!isRecord(node)) return refuse(m.flow_err_clip_not_flow());
		const problem = pastedNodeProblem(doc, node);
		if (problem) return refuse(problem);
		if (newIds.has(node.id as string)) return refuse(m.flow_err_clip_twice());
		newIds.set(node.id as string, newId());
	}
	const copies = data.nodes as unknown as FlowNode[];
	const types = new Map(copies.map((node) => [node.id, node.type]));
	const lanes = readLanes(doc);
	const nodes: FlowNode[] = copies.map((node) => {
		const size = DEFAULT_NODE_SIZES[node.type];
		const height = pixels(node.height ?? size.height);
		const place = placeInLanes(lanes, pixels(node.y + offset.y), height);
		let attachedTo: string | null = null;
		if (node.type === 'improvement' && typeof node.attachedTo === 'string') {
			const copiedStep = types.get(node.attachedTo);
			const existing = nodesOf(doc).get(node.attachedTo)?.get('type');
			if (copiedStep && isStepType(copiedStep)) attachedTo = newIds.get(node.attachedTo)!;
			else if (isFlowNodeType(existing) && isStepType(existing)) attachedTo = node.attachedTo;
		}
		// Field by field: whatever else the clipboard holds stays out of the document.
		return {
			id: newIds.get(node.id)!,
			type: node.type,
			label: node.label ?? '',
			x: pixels(node.x + offset.x),
			y: place.y,
			width: pixels(node.width ?? size.width),
			height,
			laneId: place.laneId,
			ownerRole: node.ownerRole ?? '',
			sla: node.sla ?? '',
			description: node.description ?? '',
			attachedTo,
			ownerId: node.type === 'improvement' ? (node.ownerId ?? null) : null,
			dueDate: node.type === 'improvement' ? (node.dueDate ?? null) : null,
			done: node.type === 'improvement' && node.done === true
		};
	});
	const edges: FlowEdge[] = [];
	for (const edge of rawEdges) {
		if (!isRecord(edge)) continue;
		const source = newIds.get(edge.source as string);
		const target = newIds.get(edge.target as string);
		const touchesNote =
			types.get(edge.source as string) === 'improvement' ||
			types.get(edge.target as string) === 'improvement';
		if (!source || !target || touchesNote) continue;
		if (textProblem(edge.label ?? '', m.flow_what_arrow_label(), MAX_LABEL)) continue;
		edges.push({
			id: newId(),
			source,
			target,
			sourceHandle: typeof edge.sourceHandle === 'string' ? edge.sourceHandle : null,
			targetHandle: typeof edge.targetHandle === 'string' ? edge.targetHandle : null,
			label: (edge.label ?? '') as string,
			style: isEdgeStyle(edge.style) ? edge.style : DEFAULT_EDGE_STYLE,
			arrow: isEdgeArrow(edge.arrow) ? edge.arrow : 'end'
		});
	}
	doc.transact(() => {
		for (const node of nodes) nodesOf(doc).set(node.id, nodeMapOf(node));
		for (const edge of edges) edgesOf(doc).set(edge.id, edgeMapOf(edge));
	});
	return ok({ nodeIds: nodes.map((n) => n.id), edgeIds: edges.map((e) => e.id) });
}
