import { m } from '../../paraglide/messages';
import type { Locale } from '../../paraglide/runtime';
import { flowNodeTypeLabel } from './labels';
import { isStepType, type FlowSnapshot } from './shape';

/** What the checks panel lists. `nodeIds`/`edgeIds` are what to highlight when it is clicked. */
export interface FlowIssue {
	code: 'no-start' | 'no-end' | 'unreachable' | 'decision-exits' | 'edge-missing-node';
	severity: 'error' | 'warning';
	message: string;
	nodeIds: string[];
	edgeIds: string[];
}

/**
 * Checks a flow for what usually means it is unfinished. Notes and
 * improvement notes are not steps and are ignored. A flow with no steps at
 * all is not checked for a start and an end: a fresh blank flow is not wrong.
 */
export function checkFlow(snapshot: FlowSnapshot, locale?: Locale): FlowIssue[] {
	const options = locale ? { locale } : {};
	const issues: FlowIssue[] = [];
	const byId = new Map(snapshot.nodes.map((node) => [node.id, node]));
	const steps = snapshot.nodes.filter((node) => isStepType(node.type));
	const starts = steps.filter((node) => node.type === 'start');
	const edges = snapshot.edges.filter((edge) => byId.has(edge.source) && byId.has(edge.target));

	for (const edge of snapshot.edges) {
		if (byId.has(edge.source) && byId.has(edge.target)) continue;
		issues.push({
			code: 'edge-missing-node',
			severity: 'error',
			message: m.flow_check_edge_missing_node({}, options),
			nodeIds: [edge.source, edge.target].filter((id) => byId.has(id)),
			edgeIds: [edge.id]
		});
	}

	if (steps.length > 0 && starts.length === 0) {
		issues.push({
			code: 'no-start',
			severity: 'warning',
			message: m.flow_check_no_start({}, options),
			nodeIds: [],
			edgeIds: []
		});
	}
	if (steps.length > 0 && !steps.some((node) => node.type === 'end')) {
		issues.push({
			code: 'no-end',
			severity: 'warning',
			message: m.flow_check_no_end({}, options),
			nodeIds: [],
			edgeIds: []
		});
	}

	// Without a start everything would be "unreachable"; the missing start is the one finding.
	if (starts.length > 0) {
		const next = new Map<string, string[]>();
		const link = (from: string, to: string) => next.set(from, [...(next.get(from) ?? []), to]);
		for (const edge of edges) {
			link(edge.source, edge.target);
			if (edge.arrow === 'both') link(edge.target, edge.source);
		}
		const reached = new Set(starts.map((node) => node.id));
		const queue = [...reached];
		while (queue.length > 0) {
			for (const id of next.get(queue.pop()!) ?? []) {
				if (reached.has(id)) continue;
				reached.add(id);
				queue.push(id);
			}
		}
		for (const node of steps) {
			if (reached.has(node.id)) continue;
			const label = node.label.trim();
			issues.push({
				code: 'unreachable',
				severity: 'warning',
				message: label
					? m.flow_check_unreachable_named({ label }, options)
					: m.flow_check_unreachable_unnamed(
							{ type: flowNodeTypeLabel(node.type, locale).toLowerCase() },
							options
						),
				nodeIds: [node.id],
				edgeIds: []
			});
		}
	}

	for (const node of steps) {
		if (node.type !== 'decision') continue;
		const exits = edges.filter((edge) => edge.source === node.id && edge.label.trim() !== '');
		if (exits.length >= 2) continue;
		const label = node.label.trim();
		const count = exits.length;
		issues.push({
			code: 'decision-exits',
			severity: 'warning',
			message: label
				? m.flow_check_decision_exits_named({ label, count }, options)
				: m.flow_check_decision_exits_unnamed({ count }, options),
			nodeIds: [node.id],
			edgeIds: exits.map((edge) => edge.id)
		});
	}
	return issues;
}
