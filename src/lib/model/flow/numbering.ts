import type { FlowNode, FlowNodeType, FlowSnapshot } from './shape';

/** Start and end mark the flow's edges and notes sit beside it: only the steps between get numbers. */
const NUMBERED: ReadonlySet<FlowNodeType> = new Set([
	'process',
	'decision',
	'document',
	'data',
	'manual',
	'handoff'
]);

/** Left to right, then top to bottom: the order a reader scans a lane diagram in. */
const byPosition = (a: FlowNode, b: FlowNode) =>
	a.x - b.x || a.y - b.y || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Step numbers in the order the flow is walked: breadth first from the start
 * shapes along the arrows, ties broken by position; steps no arrow reaches
 * follow in reading order. Computed rather than stored, so nobody's edit can
 * leave two steps with the same number.
 */
export function numberSteps(snapshot: FlowSnapshot): Map<string, number> {
	const byId = new Map(snapshot.nodes.map((node) => [node.id, node]));
	const next = new Map<string, FlowNode[]>();
	for (const edge of snapshot.edges) {
		const source = byId.get(edge.source);
		const target = byId.get(edge.target);
		if (!source || !target) continue;
		next.set(source.id, [...(next.get(source.id) ?? []), target]);
		if (edge.arrow === 'both') next.set(target.id, [...(next.get(target.id) ?? []), source]);
	}
	const numbers = new Map<string, number>();
	const seen = new Set<string>();
	const visit = (node: FlowNode) => {
		if (NUMBERED.has(node.type) && !numbers.has(node.id)) numbers.set(node.id, numbers.size + 1);
	};
	const queue = snapshot.nodes.filter((node) => node.type === 'start').sort(byPosition);
	queue.forEach((node) => seen.add(node.id));
	while (queue.length > 0) {
		const node = queue.shift()!;
		visit(node);
		for (const target of [...(next.get(node.id) ?? [])].sort(byPosition)) {
			if (seen.has(target.id)) continue;
			seen.add(target.id);
			queue.push(target);
		}
	}
	[...snapshot.nodes].sort(byPosition).forEach(visit);
	return numbers;
}
