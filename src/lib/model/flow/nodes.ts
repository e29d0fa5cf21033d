import { m } from '../../paraglide/messages';
import * as Y from 'yjs';
import { nodeMapOf } from './content';
import { flowNodeTypeLabel } from './labels';
import { placeInLanes, readLanes, toAbsoluteY } from './read';
import {
	DEFAULT_NODE_SIZES,
	edgesOf,
	isStepType,
	newId,
	nodesOf,
	ok,
	refuse,
	type FlowNode,
	type FlowNodeType,
	type FlowResult
} from './shape';
import {
	coordinateProblem,
	dueDateProblem,
	isFlowNodeType,
	MAX_DESCRIPTION,
	MAX_LABEL,
	MAX_ROLE,
	MAX_SLA,
	pixels,
	sizeProblem,
	textProblem,
	userIdProblem
} from './validate';

/** The fields a person edits on a node; position goes through moveNode. */
export interface NodeFields {
	label?: string;
	width?: number;
	height?: number;
	ownerRole?: string;
	sla?: string;
	description?: string;
	/** Improvement notes only. */
	attachedTo?: string | null;
	ownerId?: string | null;
	dueDate?: string | null;
	done?: boolean;
}

export interface NewNode extends NodeFields {
	type: FlowNodeType;
	/** Absolute top-left corner. */
	x: number;
	y: number;
}

const IMPROVEMENT_FIELDS = ['attachedTo', 'ownerId', 'dueDate', 'done'] as const;
/** What updateNode may write; anything else in its input (x, laneId, id …) is ignored. */
const EDITABLE_FIELDS = [
	'type',
	'label',
	'width',
	'height',
	'ownerRole',
	'sla',
	'description',
	...IMPROVEMENT_FIELDS
] as const;

/** What is wrong with these field values for a node of `type` in this document, or null. */
export function nodeFieldsProblem(
	doc: Y.Doc,
	nodeId: string | null,
	type: FlowNodeType,
	fields: NodeFields
): string | null {
	const problem =
		(fields.label !== undefined && textProblem(fields.label, m.flow_what_label(), MAX_LABEL)) ||
		(fields.ownerRole !== undefined &&
			textProblem(fields.ownerRole, m.flow_what_owner_role(), MAX_ROLE)) ||
		(fields.sla !== undefined && textProblem(fields.sla, m.flow_what_target_time(), MAX_SLA)) ||
		(fields.description !== undefined &&
			textProblem(fields.description, m.flow_what_description(), MAX_DESCRIPTION)) ||
		(fields.width !== undefined && sizeProblem(fields.width, m.flow_what_width())) ||
		(fields.height !== undefined && sizeProblem(fields.height, m.flow_what_height()));
	if (problem) return problem;
	if (type !== 'improvement') {
		if (IMPROVEMENT_FIELDS.some((key) => fields[key] !== undefined)) {
			return m.flow_err_only_notes();
		}
		return null;
	}
	if (fields.done !== undefined && typeof fields.done !== 'boolean') {
		return m.flow_err_done_boolean();
	}
	const owner = fields.ownerId !== undefined && userIdProblem(fields.ownerId);
	if (owner) return owner;
	const due = fields.dueDate !== undefined && dueDateProblem(fields.dueDate);
	if (due) return due;
	if (fields.attachedTo !== undefined && fields.attachedTo !== null) {
		const step = nodesOf(doc).get(fields.attachedTo);
		const stepType = step?.get('type');
		if (!step || !isFlowNodeType(stepType) || fields.attachedTo === nodeId) {
			return m.flow_err_note_step_missing();
		}
		if (!isStepType(stepType)) {
			return m.flow_err_note_not_step({ type: flowNodeTypeLabel(stepType) });
		}
	}
	return null;
}

/** Adds a node at an absolute position; it joins the lane under its centre. */
export function addNode(
	doc: Y.Doc,
	input: NewNode
): FlowResult<{ id: string; laneId: string | null }> {
	if (!isFlowNodeType(input.type)) return refuse(m.flow_err_choose_shape());
	const problem =
		coordinateProblem(input.x, 'x') ||
		coordinateProblem(input.y, 'y') ||
		nodeFieldsProblem(doc, null, input.type, input);
	if (problem) return refuse(problem);
	const size = DEFAULT_NODE_SIZES[input.type];
	const width = pixels(input.width ?? size.width);
	const height = pixels(input.height ?? size.height);
	const place = placeInLanes(readLanes(doc), pixels(input.y), height);
	const node: FlowNode = {
		id: newId(),
		type: input.type,
		label: input.label ?? '',
		x: pixels(input.x),
		y: place.y,
		width,
		height,
		laneId: place.laneId,
		ownerRole: input.ownerRole ?? '',
		sla: input.sla ?? '',
		description: input.description ?? '',
		attachedTo: input.attachedTo ?? null,
		ownerId: input.ownerId ?? null,
		dueDate: input.dueDate ?? null,
		done: input.done ?? false
	};
	nodesOf(doc).set(node.id, nodeMapOf(node));
	return ok({ id: node.id, laneId: node.laneId });
}

/** Detaches the improvement notes attached to any of `stepIds`. Call inside a transaction. */
function detachNotesFrom(doc: Y.Doc, stepIds: Set<string>): void {
	for (const node of nodesOf(doc).values()) {
		if (!(node instanceof Y.Map) || node.get('type') !== 'improvement') continue;
		const attachedTo = node.get('attachedTo');
		if (typeof attachedTo === 'string' && stepIds.has(attachedTo)) node.set('attachedTo', null);
	}
}

/**
 * Changes a node's fields (and type). An improvement note is an action in the
 * task list, so it cannot turn into a step or back; a step that turns into a
 * plain note lets go of the improvement notes attached to it.
 */
export function updateNode(
	doc: Y.Doc,
	id: string,
	changes: NodeFields & { type?: FlowNodeType }
): FlowResult {
	const node = nodesOf(doc).get(id);
	if (!(node instanceof Y.Map)) return refuse(m.flow_err_shape_gone());
	const current = node.get('type');
	const currentType = isFlowNodeType(current) ? current : 'process';
	const type = changes.type ?? currentType;
	if (!isFlowNodeType(type)) return refuse(m.flow_err_choose_shape());
	if ((type === 'improvement') !== (currentType === 'improvement')) {
		return refuse(m.flow_err_note_type_change());
	}
	const problem = nodeFieldsProblem(doc, id, type, changes);
	if (problem) return refuse(problem);
	doc.transact(() => {
		for (const key of EDITABLE_FIELDS) {
			const value = changes[key];
			if (value === undefined) continue;
			const stored = key === 'width' || key === 'height' ? pixels(value as number) : value;
			if (node.get(key) !== stored) node.set(key, stored);
		}
		if (isStepType(currentType) && !isStepType(type)) detachNotesFrom(doc, new Set([id]));
	});
	return ok(null);
}

/**
 * Moves a node to an absolute top-left position. The node joins the lane
 * under its centre (or none), and stores `y` relative to that lane's top.
 */
export function moveNode(
	doc: Y.Doc,
	id: string,
	x: number,
	y: number
): FlowResult<{ laneId: string | null }> {
	const node = nodesOf(doc).get(id);
	if (!(node instanceof Y.Map)) return refuse(m.flow_err_shape_gone());
	const problem = coordinateProblem(x, 'x') || coordinateProblem(y, 'y');
	if (problem) return refuse(problem);
	const type = node.get('type');
	const stored = node.get('height');
	const height =
		typeof stored === 'number' && stored > 0
			? stored
			: DEFAULT_NODE_SIZES[isFlowNodeType(type) ? type : 'process'].height;
	const place = placeInLanes(readLanes(doc), pixels(y), height);
	doc.transact(() => {
		if (node.get('x') !== pixels(x)) node.set('x', pixels(x));
		if (node.get('y') !== place.y) node.set('y', place.y);
		if (node.get('laneId') !== place.laneId) node.set('laneId', place.laneId);
	});
	return ok({ laneId: place.laneId });
}

/**
 * Removes nodes with the edges that touch them; improvement notes attached to
 * a removed step stay, detached. Ids not in the flow are ignored.
 */
export function removeNodes(
	doc: Y.Doc,
	ids: Iterable<string>
): { removedNodes: string[]; removedEdges: string[] } {
	const nodes = nodesOf(doc);
	const edges = edgesOf(doc);
	const gone = new Set([...ids].filter((id) => nodes.has(id)));
	const removedEdges: string[] = [];
	if (gone.size === 0) return { removedNodes: [], removedEdges };
	doc.transact(() => {
		for (const id of gone) nodes.delete(id);
		for (const [edgeId, edge] of [...edges.entries()]) {
			const touches =
				edge instanceof Y.Map &&
				(gone.has(edge.get('source') as string) || gone.has(edge.get('target') as string));
			if (touches) {
				edges.delete(edgeId);
				removedEdges.push(edgeId);
			}
		}
		detachNotesFrom(doc, gone);
	});
	return { removedNodes: [...gone], removedEdges };
}

/**
 * An improvement note attached to a step, placed to the step's right: how a
 * suggestion becomes an action on a flow. The note is a flow action like any
 * other, so extraction makes it a task.
 */
export function addImprovementNote(
	doc: Y.Doc,
	stepId: string,
	label: string
): FlowResult<{ id: string; laneId: string | null }> {
	const step = nodesOf(doc).get(stepId);
	if (!(step instanceof Y.Map)) return refuse(m.flow_err_step_gone());
	const lanes = readLanes(doc);
	const laneId = typeof step.get('laneId') === 'string' ? (step.get('laneId') as string) : null;
	const x = Number(step.get('x')) || 0;
	const width = Number(step.get('width')) || DEFAULT_NODE_SIZES.process.width;
	const y = toAbsoluteY(lanes, laneId, Number(step.get('y')) || 0);
	return addNode(doc, { type: 'improvement', x: x + width + 40, y, label, attachedTo: stepId });
}
