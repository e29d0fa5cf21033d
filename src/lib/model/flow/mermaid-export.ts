import { EXPORT_SHAPES, encodeMermaidText, isPlainMermaidId } from './mermaid-syntax';
import type { EdgeStyle, FlowEdge, FlowLane, FlowNode, FlowSnapshot } from './shape';

/**
 * Writes a flow as a Mermaid (v11) flowchart: lanes as subgraphs holding
 * their nodes, arrows with their labels, improvement notes linked to their
 * step with a dotted line. What Mermaid cannot express (positions, sizes,
 * lane heights and lines, step details, ids, arrow curves) goes into
 * `%% opsloom:` comment lines, which Mermaid ignores and mermaidToFlow reads,
 * so exporting and importing gives back the same diagram.
 *
 * Arrows whose ends are missing, and arrows touching an improvement note
 * (which the editor never draws), are left out.
 */
export const OPSLOOM_COMMENT = '%% opsloom:';

const INDENT = '    ';

/** Mermaid's d3 curve for each arrow style; smooth is Mermaid's default (basis). */
const CURVES: Record<EdgeStyle, string | null> = { smooth: null, straight: 'linear', step: 'step' };

/** JSON on one line: U+2028/2029 are escaped too, as some editors break lines there. */
export const commentJson = (value: unknown): string =>
	JSON.stringify(value).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);

/**
 * Mermaid ids for lanes and nodes (one namespace in Mermaid): the real id
 * where Mermaid reads it as is, else `lane1`, `n1` … in the order written.
 */
function mermaidIds(lanes: FlowLane[], nodes: FlowNode[]): Map<string, string> {
	const ids = new Map<string, string>();
	const taken = new Set<string>();
	const all = [
		...lanes.map((lane) => ({ key: `lane:${lane.id}`, id: lane.id, prefix: 'lane' })),
		...nodes.map((node) => ({ key: `node:${node.id}`, id: node.id, prefix: 'n' }))
	];
	for (const item of all) {
		if (isPlainMermaidId(item.id) && !taken.has(item.id)) {
			ids.set(item.key, item.id);
			taken.add(item.id);
		}
	}
	const counters = new Map<string, number>();
	for (const item of all) {
		if (ids.has(item.key)) continue;
		let alias: string;
		do {
			counters.set(item.prefix, (counters.get(item.prefix) ?? 0) + 1);
			alias = `${item.prefix}${counters.get(item.prefix)}`;
		} while (taken.has(alias));
		ids.set(item.key, alias);
		taken.add(alias);
	}
	return ids;
}

function nodeLine(node: FlowNode, id: string): string {
	// Mermaid cannot parse an empty string; the exact (empty) label rides in the comment.
	const label = node.label === '' ? ' ' : node.label;
	const shape = EXPORT_SHAPES[node.type];
	if ('shape' in shape) {
		return `${id}@{ shape: ${shape.shape}, label: "${encodeMermaidText(label, 'yaml')}" }`;
	}
	return `${id}${shape.open}"${encodeMermaidText(label, 'node')}"${shape.close}`;
}

function edgeLine(edge: FlowEdge, source: string, target: string): string {
	const link = edge.arrow === 'both' ? '<-->' : edge.arrow === 'none' ? '---' : '-->';
	const label = edge.label === '' ? '' : `|"${encodeMermaidText(edge.label, 'edge')}"|`;
	return `${source} ${link}${label} ${target}`;
}

const byPosition = (a: FlowNode, b: FlowNode) =>
	a.x - b.x || a.y - b.y || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function flowToMermaid(snapshot: FlowSnapshot): string {
	// Nodes in lane order, left to right within a lane: Mermaid lays out in declaration order.
	const members = new Map(
		snapshot.lanes.map((lane) => [
			lane.id,
			snapshot.nodes.filter((n) => n.laneId === lane.id).sort(byPosition)
		])
	);
	const free = snapshot.nodes.filter((n) => n.laneId === null).sort(byPosition);
	const order = [...[...members.values()].flat(), ...free];
	const ids = mermaidIds(snapshot.lanes, order);
	const laneIdOf = (laneId: string) => ids.get(`lane:${laneId}`)!;
	const nodeIdOf = (nodeId: string) => ids.get(`node:${nodeId}`)!;
	const nodes = new Map(snapshot.nodes.map((node) => [node.id, node]));
	const lines = [`flowchart ${snapshot.meta.direction}`];
	const comments = [
		`${OPSLOOM_COMMENT}flow ${commentJson({
			schemaVersion: snapshot.meta.schemaVersion ?? 1,
			numbering: snapshot.meta.numbering
		})}`
	];

	for (const lane of snapshot.lanes) {
		const title = lane.title === '' ? ' ' : lane.title;
		lines.push(`${INDENT}subgraph ${laneIdOf(lane.id)}["${encodeMermaidText(title, 'node')}"]`);
		for (const node of members.get(lane.id)!) {
			lines.push(INDENT.repeat(2) + nodeLine(node, nodeIdOf(node.id)));
		}
		lines.push(`${INDENT}end`);
		comments.push(
			`${OPSLOOM_COMMENT}lane ${laneIdOf(lane.id)} ${commentJson({
				id: lane.id,
				height: lane.height,
				line: lane.line,
				...(lane.title === '' ? { title: '' } : {})
			})}`
		);
	}
	for (const node of free) lines.push(INDENT + nodeLine(node, nodeIdOf(node.id)));
	const lanes = new Map(snapshot.lanes.map((lane) => [lane.id, lane]));
	for (const node of order) {
		const top = node.laneId === null ? 0 : lanes.get(node.laneId)!.top;
		const improvement = node.type === 'improvement';
		comments.push(
			`${OPSLOOM_COMMENT}node ${nodeIdOf(node.id)} ${commentJson({
				id: node.id,
				type: node.type,
				x: node.x,
				// Lane-relative, as stored: a node moved to another subgraph by hand keeps its place in the lane.
				y: node.y - top,
				width: node.width,
				height: node.height,
				...(node.label === '' ? { label: '' } : {}),
				...(node.ownerRole ? { ownerRole: node.ownerRole } : {}),
				...(node.sla ? { sla: node.sla } : {}),
				...(node.description ? { description: node.description } : {}),
				...(improvement && node.ownerId !== null ? { ownerId: node.ownerId } : {}),
				...(improvement && node.dueDate !== null ? { dueDate: node.dueDate } : {}),
				...(improvement && node.done ? { done: true } : {})
			})}`
		);
	}

	const rank = new Map(order.map((node, i) => [node.id, i]));
	const drawable = snapshot.edges
		.filter((edge) => {
			const source = nodes.get(edge.source);
			const target = nodes.get(edge.target);
			return source && target && source.type !== 'improvement' && target.type !== 'improvement';
		})
		.sort(
			(a, b) =>
				rank.get(a.source)! - rank.get(b.source)! ||
				rank.get(a.target)! - rank.get(b.target)! ||
				(a.id < b.id ? -1 : 1)
		);
	const seen = new Map<string, number>();
	const curves = new Map<string, number[]>();
	drawable.forEach((edge, index) => {
		const source = nodeIdOf(edge.source);
		const target = nodeIdOf(edge.target);
		lines.push(INDENT + edgeLine(edge, source, target));
		// The n-th arrow between the same two nodes: how the importer matches this comment.
		const pair = `${source} ${target}`;
		const occurrence = seen.get(pair) ?? 0;
		seen.set(pair, occurrence + 1);
		comments.push(
			`${OPSLOOM_COMMENT}edge ${pair} ${occurrence} ${commentJson({
				id: edge.id,
				style: edge.style,
				...(edge.sourceHandle !== null ? { sourceHandle: edge.sourceHandle } : {}),
				...(edge.targetHandle !== null ? { targetHandle: edge.targetHandle } : {})
			})}`
		);
		const curve = CURVES[edge.style];
		if (curve) curves.set(curve, [...(curves.get(curve) ?? []), index]);
	});
	for (const note of order) {
		if (note.type !== 'improvement' || note.attachedTo === null) continue;
		if (!nodes.has(note.attachedTo)) continue;
		lines.push(`${INDENT}${nodeIdOf(note.id)} -.- ${nodeIdOf(note.attachedTo)}`);
	}
	for (const [curve, indices] of curves) {
		lines.push(`${INDENT}linkStyle ${indices.join(',')} interpolate ${curve}`);
	}

	lines.push(
		`${INDENT}%% The "opsloom:" lines below keep what Mermaid cannot show (positions, sizes, lane lines, step details) for importing back into Opsloom.`,
		...comments.map((comment) => INDENT + comment)
	);
	return lines.join('\n') + '\n';
}
