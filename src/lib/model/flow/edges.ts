import { m } from '../../paraglide/messages';
import * as Y from 'yjs';
import { edgeMapOf } from './content';
import {
	DEFAULT_EDGE_STYLE,
	edgesOf,
	newId,
	nodesOf,
	ok,
	refuse,
	type EdgeArrow,
	type EdgeStyle,
	type FlowEdge,
	type FlowResult,
	type FlowSnapshot
} from './shape';
import { idProblem, isEdgeArrow, isEdgeStyle, MAX_LABEL, textProblem } from './validate';

export interface EdgeFields {
	source?: string;
	target?: string;
	sourceHandle?: string | null;
	targetHandle?: string | null;
	label?: string;
	style?: EdgeStyle;
	arrow?: EdgeArrow;
}

const EDITABLE_FIELDS = [
	'source',
	'target',
	'sourceHandle',
	'targetHandle',
	'label',
	'style',
	'arrow'
] as const;

function endProblem(doc: Y.Doc, id: unknown, end: 'start' | 'end'): string | null {
	const node = typeof id === 'string' ? nodesOf(doc).get(id) : undefined;
	if (!(node instanceof Y.Map))
		return end === 'start' ? m.flow_err_arrow_start_missing() : m.flow_err_arrow_end_missing();
	// An improvement note links to its step through `attachedTo`, not through an arrow.
	if (node.get('type') === 'improvement') {
		return m.flow_err_note_arrow();
	}
	return null;
}

function edgeFieldsProblem(doc: Y.Doc, fields: EdgeFields): string | null {
	if (fields.source !== undefined) {
		const problem = endProblem(doc, fields.source, 'start');
		if (problem) return problem;
	}
	if (fields.target !== undefined) {
		const problem = endProblem(doc, fields.target, 'end');
		if (problem) return problem;
	}
	for (const handle of [fields.sourceHandle, fields.targetHandle]) {
		if (handle === undefined || handle === null) continue;
		if (idProblem(handle, m.flow_what_connection_point())) return m.flow_err_connection_point();
	}
	if (fields.label !== undefined) {
		const problem = textProblem(fields.label, m.flow_what_arrow_label(), MAX_LABEL);
		if (problem) return problem;
	}
	if (fields.style !== undefined && !isEdgeStyle(fields.style)) {
		return m.flow_err_arrow_style();
	}
	if (fields.arrow !== undefined && !isEdgeArrow(fields.arrow)) {
		return m.flow_err_arrowhead();
	}
	return null;
}

/** Connects two shapes. Arrows between the same two shapes may repeat, as in Mermaid. */
export function addEdge(
	doc: Y.Doc,
	input: EdgeFields & { source: string; target: string }
): FlowResult<{ id: string }> {
	const problem = edgeFieldsProblem(doc, input);
	if (problem) return refuse(problem);
	const edge: FlowEdge = {
		id: newId(),
		source: input.source,
		target: input.target,
		sourceHandle: input.sourceHandle ?? null,
		targetHandle: input.targetHandle ?? null,
		label: input.label ?? '',
		style: input.style ?? DEFAULT_EDGE_STYLE,
		arrow: input.arrow ?? 'end'
	};
	edgesOf(doc).set(edge.id, edgeMapOf(edge));
	return ok({ id: edge.id });
}

/** Changes an arrow's label, look, or ends (reconnecting it). */
export function updateEdge(doc: Y.Doc, id: string, changes: EdgeFields): FlowResult {
	const edge = edgesOf(doc).get(id);
	if (!(edge instanceof Y.Map)) return refuse(m.flow_err_arrow_gone());
	const problem = edgeFieldsProblem(doc, changes);
	if (problem) return refuse(problem);
	doc.transact(() => {
		for (const key of EDITABLE_FIELDS) {
			const value = changes[key];
			if (value !== undefined && edge.get(key) !== value) edge.set(key, value);
		}
	});
	return ok(null);
}

/** Removes arrows; ids not in the flow are ignored. Returns the ids removed. */
export function removeEdges(doc: Y.Doc, ids: Iterable<string>): string[] {
	const edges = edgesOf(doc);
	const gone = [...new Set(ids)].filter((id) => edges.has(id));
	if (gone.length > 0) doc.transact(() => gone.forEach((id) => edges.delete(id)));
	return gone;
}

/**
 * The label to offer for a new arrow leaving `sourceId`: a decision's exits
 * are "Yes" then "No"; other shapes' arrows start unlabelled.
 */
export function suggestEdgeLabel(snapshot: FlowSnapshot, sourceId: string): string {
	const source = snapshot.nodes.find((n) => n.id === sourceId);
	if (source?.type !== 'decision') return '';
	const used = new Set(
		snapshot.edges.filter((e) => e.source === sourceId).map((e) => e.label.trim().toLowerCase())
	);
	if (!used.has('yes')) return 'Yes';
	if (!used.has('no')) return 'No';
	return '';
}
