import type * as Y from 'yjs';
import { writeFlowContent, type FlowContent } from './content';
import {
	DEFAULT_LANE_HEIGHT,
	DEFAULT_NODE_SIZES,
	edgesOf,
	FLOW_KIND,
	FLOW_SCHEMA_VERSION,
	lanesOf,
	metaOf,
	newId,
	nodesOf,
	ok,
	refuse,
	type FlowNodeType,
	type FlowResult,
	type LaneLine
} from './shape';

/** A lane of a template, and the steps that start in it (left to right). */
interface TemplateLane {
	title: string;
	line: LaneLine | null;
	steps: { type: FlowNodeType; label: string; column: number }[];
}

export interface FlowTemplate {
	id: string;
	name: string;
	description: string;
	lanes: TemplateLane[];
}

export const FLOW_TEMPLATES: readonly FlowTemplate[] = [
	{
		id: 'service-blueprint',
		name: 'Service blueprint',
		description:
			'Customer actions, frontstage, backstage and support processes, divided by the lines of interaction, visibility and internal interaction.',
		lanes: [
			{
				title: 'Customer actions',
				line: 'interaction',
				steps: [
					{ type: 'start', label: 'Customer need arises', column: 0 },
					{ type: 'process', label: 'Customer gets in touch', column: 1 },
					{ type: 'end', label: 'Need met', column: 3 }
				]
			},
			{
				title: 'Frontstage',
				line: 'visibility',
				steps: [{ type: 'process', label: 'Staff responds', column: 2 }]
			},
			{ title: 'Backstage', line: 'internal-interaction', steps: [] },
			{ title: 'Support processes', line: null, steps: [] }
		]
	},
	{
		id: 'cross-team',
		name: 'Cross-team process',
		description: 'One lane per team, from the request to its resolution.',
		lanes: [
			{
				title: 'Requester',
				line: null,
				steps: [
					{ type: 'start', label: 'Request raised', column: 0 },
					{ type: 'end', label: 'Request closed', column: 3 }
				]
			},
			{
				title: 'Team A',
				line: null,
				steps: [{ type: 'process', label: 'Triage', column: 1 }]
			},
			{
				title: 'Team B',
				line: null,
				steps: [{ type: 'process', label: 'Resolve', column: 2 }]
			}
		]
	},
	{ id: 'blank', name: 'Blank flow', description: 'No lanes, no steps.', lanes: [] }
];

export function findFlowTemplate(id: string): FlowTemplate | null {
	return FLOW_TEMPLATES.find((t) => t.id === id) ?? null;
}

const COLUMN_WIDTH = 220;
const MARGIN = 40;

/** The template as stored content: steps centred in their lanes and chained by column. */
export function templateContent(template: FlowTemplate): FlowContent {
	const content: FlowContent = {
		meta: {
			schemaVersion: FLOW_SCHEMA_VERSION,
			kind: FLOW_KIND,
			numbering: false,
			direction: 'LR'
		},
		lanes: [],
		nodes: [],
		edges: []
	};
	const chain: { id: string; column: number }[] = [];
	for (const lane of template.lanes) {
		const laneId = newId();
		content.lanes.push({
			id: laneId,
			title: lane.title,
			height: DEFAULT_LANE_HEIGHT,
			line: lane.line
		});
		for (const step of lane.steps) {
			const { width, height } = DEFAULT_NODE_SIZES[step.type];
			const id = newId();
			chain.push({ id, column: step.column });
			content.nodes.push({
				id,
				type: step.type,
				label: step.label,
				x: MARGIN + step.column * COLUMN_WIDTH,
				y: Math.round((DEFAULT_LANE_HEIGHT - height) / 2),
				width,
				height,
				laneId,
				ownerRole: '',
				sla: '',
				description: '',
				attachedTo: null,
				ownerId: null,
				dueDate: null,
				done: false
			});
		}
	}
	chain.sort((a, b) => a.column - b.column);
	for (let i = 1; i < chain.length; i++) {
		content.edges.push({
			id: newId(),
			source: chain[i - 1].id,
			target: chain[i].id,
			sourceHandle: null,
			targetHandle: null,
			label: '',
			style: 'smooth',
			arrow: 'end'
		});
	}
	return content;
}

/**
 * Writes a template into an empty document (at creation, or when a person
 * opens a flow that was created empty). Refuses a document that already has
 * a diagram, so a late second call cannot wipe someone's work.
 */
export function initFlowDocument(doc: Y.Doc, templateId: string): FlowResult {
	const template = findFlowTemplate(templateId);
	if (!template) return refuse(`There is no flow template called “${templateId}”.`);
	const meta = metaOf(doc);
	if (
		lanesOf(doc).size > 0 ||
		nodesOf(doc).size > 0 ||
		edgesOf(doc).size > 0 ||
		meta.has('numbering')
	) {
		return refuse('This flow already has a diagram.');
	}
	writeFlowContent(doc, templateContent(template));
	return ok(null);
}
