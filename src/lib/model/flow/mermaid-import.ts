import { m } from '../../paraglide/messages';
import type { FlowContent } from './content';
import { byId } from './content';
import { placeUnpositioned } from './mermaid-layout';
import {
	parseMermaid,
	type MermaidError,
	type OpsloomComment,
	type ParsedMermaid
} from './mermaid-parse';
import { typeFitsKind } from './mermaid-syntax';
import {
	DEFAULT_EDGE_STYLE,
	DEFAULT_NODE_SIZES,
	FLOW_KIND,
	FLOW_SCHEMA_VERSION,
	isStepType,
	MAX_LANES,
	type FlowEdge,
	type FlowNode,
	type FlowNodeType,
	type LaneLine
} from './shape';
import {
	coordinateProblem,
	dueDateProblem,
	idProblem,
	isEdgeStyle,
	isFlowNodeType,
	isLaneLine,
	laneHeightProblem,
	MAX_DESCRIPTION,
	MAX_LABEL,
	MAX_LANE_TITLE,
	MAX_ROLE,
	MAX_SLA,
	sizeProblem,
	textProblem,
	userIdProblem
} from './validate';

/**
 * Turns parsed Mermaid into a flow's stored content. Where an `opsloom:`
 * comment (written by flowToMermaid) describes a lane, node or arrow, its ids
 * and details win; the Mermaid text itself decides labels, lanes and arrows,
 * so edits made to the text by hand still count. Without comments, node ids
 * are the Mermaid ids and everything else is derived.
 */
export const MAX_MERMAID_LENGTH = 1_000_000;

type Check = (value: unknown) => string | null;

/**
 * Reads the fields of one comment that pass their check; each failing field
 * is an error on the comment's line.
 */
function commentFields(
	comment: OpsloomComment | undefined,
	what: string,
	checks: Record<string, Check>,
	errors: MermaidError[]
): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	if (!comment) return fields;
	for (const [key, check] of Object.entries(checks)) {
		if (!(key in comment.data)) continue;
		const problem = check(comment.data[key]);
		if (problem)
			errors.push({ line: comment.line, message: m.flow_mmd_data_of({ what, problem }) });
		else fields[key] = comment.data[key];
	}
	return fields;
}

/** `what` is a message, read when a check runs: the reader's language is per request. */
const checkText =
	(what: () => string, max: number): Check =>
	(v) =>
		textProblem(v, what(), max);
const checkBoolean: Check = (v) => (typeof v === 'boolean' ? null : m.flow_mmd_expected_boolean());
const checkHandle: Check = (v) =>
	v === null ? null : idProblem(v, m.flow_what_connection_point());

const LANE_CHECKS: Record<string, Check> = {
	id: (v) => idProblem(v, m.flow_what_lane_id()),
	title: checkText(m.flow_what_lane_title, MAX_LANE_TITLE),
	height: laneHeightProblem,
	line: (v) => (v === null || isLaneLine(v) ? null : m.flow_err_blueprint_line())
};

const NODE_CHECKS: Record<string, Check> = {
	id: (v) => idProblem(v, m.flow_what_node_id()),
	type: (v) => (isFlowNodeType(v) ? null : m.flow_mmd_node_type()),
	label: checkText(m.flow_what_label, MAX_LABEL),
	x: (v) => coordinateProblem(v, 'x'),
	y: (v) => coordinateProblem(v, 'y'),
	width: (v) => sizeProblem(v, m.flow_what_width()),
	height: (v) => sizeProblem(v, m.flow_what_height()),
	ownerRole: checkText(m.flow_what_owner_role, MAX_ROLE),
	sla: checkText(m.flow_what_target_time, MAX_SLA),
	description: checkText(m.flow_what_description, MAX_DESCRIPTION),
	ownerId: userIdProblem,
	dueDate: dueDateProblem,
	done: checkBoolean
};

const EDGE_CHECKS: Record<string, Check> = {
	id: (v) => idProblem(v, m.flow_what_arrow_id()),
	style: (v) => (isEdgeStyle(v) ? null : m.flow_err_arrow_style()),
	sourceHandle: checkHandle,
	targetHandle: checkHandle
};

/** A node being assembled: type null until a start/end shape is told apart by its arrows. */
type Draft = Omit<FlowNode, 'type'> & {
	type: FlowNodeType | null;
	mid: string;
	position: boolean;
};

function assemble(parsed: ParsedMermaid, errors: MermaidError[]): FlowContent {
	const { comments } = parsed;
	const flow = commentFields(
		comments.flow ?? undefined,
		'the flow',
		{
			schemaVersion: (v) =>
				typeof v === 'number' && v <= FLOW_SCHEMA_VERSION
					? null
					: `it was written by a newer Opsloom (schema ${String(v)}); this one reads schema ${FLOW_SCHEMA_VERSION}.`,
			numbering: checkBoolean
		},
		errors
	);

	if (parsed.lanes.length > MAX_LANES) {
		errors.push({
			line: parsed.lanes[MAX_LANES].line,
			message: m.flow_mmd_max_lanes({ max: MAX_LANES })
		});
	}
	const laneIds = new Map<string, string>();
	const usedLaneIds = new Set<string>();
	const lanes = parsed.lanes.slice(0, MAX_LANES).map((lane) => {
		const fields = commentFields(
			comments.lanes.get(lane.mid),
			`lane ${lane.mid}`,
			LANE_CHECKS,
			errors
		);
		const id = (fields.id as string | undefined) ?? lane.mid;
		if (usedLaneIds.has(id)) {
			errors.push({ line: lane.line, message: m.flow_mmd_two_lanes({ id }) });
		}
		usedLaneIds.add(id);
		laneIds.set(lane.mid, id);
		const title = (fields.title as string | undefined) ?? lane.title;
		const problem = textProblem(title, m.flow_what_lane_title(), MAX_LANE_TITLE);
		if (problem) errors.push({ line: lane.line, message: problem });
		return {
			id,
			title,
			height: (fields.height as number | undefined) ?? null,
			line: (fields.line as LaneLine | null | undefined) ?? null
		};
	});

	const drafts = new Map<string, Draft>();
	const nodeIds = new Set<string>();
	for (const node of parsed.nodes.values()) {
		if (parsed.subgraphs.has(node.mid)) {
			errors.push({
				line: node.line,
				message: m.flow_mmd_link_subgraph({ id: node.mid })
			});
			continue;
		}
		const fields = commentFields(
			comments.nodes.get(node.mid),
			`node ${node.mid}`,
			NODE_CHECKS,
			errors
		);
		const kind = node.kind ?? 'process';
		const told = fields.type as FlowNodeType | undefined;
		const type = told && typeFitsKind(told, kind) ? told : kind === 'terminal' ? null : kind;
		const id = (fields.id as string | undefined) ?? node.mid;
		const idTrouble = idProblem(id, m.flow_what_node_id_named({ id: id.slice(0, 20) }));
		if (idTrouble) errors.push({ line: node.line, message: idTrouble });
		if (nodeIds.has(id)) {
			errors.push({ line: node.line, message: m.flow_mmd_two_nodes({ id }) });
		}
		nodeIds.add(id);
		const label = (fields.label as string | undefined) ?? node.label ?? node.mid;
		const problem = textProblem(label, m.flow_what_label(), MAX_LABEL);
		if (problem) errors.push({ line: node.line, message: problem });
		const improvement = type === 'improvement';
		const size = DEFAULT_NODE_SIZES[type ?? 'start'];
		const positioned = typeof fields.x === 'number' && typeof fields.y === 'number';
		drafts.set(node.mid, {
			mid: node.mid,
			id,
			type,
			label,
			x: positioned ? (fields.x as number) : 0,
			y: positioned ? (fields.y as number) : 0,
			position: positioned,
			width: (fields.width as number | undefined) ?? size.width,
			height: (fields.height as number | undefined) ?? size.height,
			laneId: node.laneMid === null ? null : (laneIds.get(node.laneMid) ?? null),
			ownerRole: (fields.ownerRole as string | undefined) ?? '',
			sla: (fields.sla as string | undefined) ?? '',
			description: (fields.description as string | undefined) ?? '',
			attachedTo: null,
			ownerId: improvement ? ((fields.ownerId as string | null | undefined) ?? null) : null,
			dueDate: improvement ? ((fields.dueDate as string | null | undefined) ?? null) : null,
			done: improvement && fields.done === true
		});
	}

	const edges: (FlowEdge & { line: number })[] = [];
	const occurrences = new Map<string, number>();
	for (const link of parsed.links) {
		const source = drafts.get(link.source);
		const target = drafts.get(link.target);
		if (!source || !target) continue;
		if (source.type === 'improvement' || target.type === 'improvement') {
			// The exporter draws an improvement note's step as a dotted link: read it back as that.
			const note = source.type === 'improvement' ? source : target;
			const step = note === source ? target : source;
			if (step.type !== null && !isStepType(step.type)) {
				errors.push({
					line: link.line,
					message: m.flow_mmd_note_link_step({ id: note.mid })
				});
			} else if (note.attachedTo !== null && note.attachedTo !== step.id) {
				errors.push({
					line: link.line,
					message: m.flow_mmd_note_two_steps({ id: note.mid })
				});
			} else note.attachedTo = step.id;
			continue;
		}
		const pair = `${link.source} ${link.target}`;
		const occurrence = occurrences.get(pair) ?? 0;
		occurrences.set(pair, occurrence + 1);
		const key = `${pair} ${occurrence}`;
		const fields = commentFields(comments.edges.get(key), `arrow ${key}`, EDGE_CHECKS, errors);
		const problem = textProblem(link.label, m.flow_what_arrow_label(), MAX_LABEL);
		if (problem) errors.push({ line: link.line, message: problem });
		edges.push({
			id: (fields.id as string | undefined) ?? link.edgeId ?? '',
			source: source.id,
			target: target.id,
			sourceHandle: (fields.sourceHandle as string | null | undefined) ?? null,
			targetHandle: (fields.targetHandle as string | null | undefined) ?? null,
			label: link.label,
			style:
				(fields.style as FlowEdge['style'] | undefined) ??
				parsed.curves.get(link.index) ??
				parsed.curves.get('default') ??
				DEFAULT_EDGE_STYLE,
			arrow: link.arrow,
			line: link.line
		});
	}
	const edgeIds = new Set<string>();
	for (const edge of edges) {
		if (edge.id === '') continue;
		if (edgeIds.has(edge.id))
			errors.push({ line: edge.line, message: m.flow_mmd_two_arrows({ id: edge.id }) });
		edgeIds.add(edge.id);
	}
	let counter = 0;
	for (const edge of edges) {
		if (edge.id !== '') continue;
		do edge.id = `e${++counter}`;
		while (edgeIds.has(edge.id));
		edgeIds.add(edge.id);
	}

	// A stadium or circle is a start when nothing leads into it, an end when nothing leaves it.
	const nodes = [...drafts.values()];
	for (const node of nodes) {
		if (node.type !== null) continue;
		const incoming = edges.some((e) => e.target === node.id && e.source !== node.id);
		const outgoing = edges.some((e) => e.source === node.id && e.target !== node.id);
		if (incoming !== outgoing) node.type = incoming ? 'end' : 'start';
		else
			node.type = /\b(end|stop|finish|finished|done|close|closed)\b/i.test(node.label)
				? 'end'
				: 'start';
	}

	const layout = placeUnpositioned(
		lanes,
		nodes.map((n) => ({ ...n, position: n.position ? { x: n.x, y: n.y } : null })),
		edges,
		parsed.direction
	);
	return {
		meta: {
			schemaVersion: FLOW_SCHEMA_VERSION,
			kind: FLOW_KIND,
			numbering: (flow.numbering as boolean | undefined) ?? false,
			direction: parsed.direction
		},
		lanes: lanes.map((lane, i) => ({ ...lane, height: layout.lanes[i].height })),
		nodes: nodes
			.map(({ mid: _mid, position: _position, ...node }) => ({
				...node,
				type: node.type!,
				...layout.nodes.get(node.id)!
			}))
			.sort(byId),
		edges: edges.map(({ line: _line, ...edge }) => edge).sort(byId)
	};
}

/** The stored content Mermaid text describes, or every error found in it (with line numbers). */
export function mermaidContent(
	text: string
): { ok: true; content: FlowContent } | { ok: false; errors: MermaidError[] } {
	if (typeof text !== 'string' || text.trim() === '') {
		return { ok: false, errors: [{ line: 1, message: m.flow_mmd_empty() }] };
	}
	if (text.length > MAX_MERMAID_LENGTH) {
		return {
			ok: false,
			errors: [
				{
					line: 1,
					message: m.flow_mmd_too_long({ max: MAX_MERMAID_LENGTH })
				}
			]
		};
	}
	const parsed = parseMermaid(text);
	if (!parsed.ok) return parsed;
	const errors: MermaidError[] = [];
	const content = assemble(parsed.parsed, errors);
	if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
	return { ok: true, content };
}
