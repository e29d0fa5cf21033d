import type * as Y from 'yjs';
import { m } from '../../paraglide/messages';
import type { Locale } from '../../paraglide/runtime';
import { localText, type LocalText } from '../local-text';
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
	title: LocalText;
	line: LaneLine | null;
	/** `key` names a step for the template's own `arrows`. */
	steps: { type: FlowNodeType; label: LocalText; column: number; key?: string }[];
}

/** An arrow between two steps of a template, by their keys. */
interface TemplateArrow {
	from: string;
	to: string;
	label?: LocalText;
}

/**
 * A flow to start from. Its texts are written in the creator's language when
 * the document is made; after that they are ordinary content anyone can edit.
 */
export interface FlowTemplate {
	id: string;
	name: LocalText;
	description: LocalText;
	lanes: TemplateLane[];
	/** Arrows for a flow that branches; without them the steps are chained by column. */
	arrows?: TemplateArrow[];
}

export const FLOW_TEMPLATES: readonly FlowTemplate[] = [
	{
		id: 'service-blueprint',
		name: localText(m.flow_tpl_blueprint_name),
		description: localText(m.flow_tpl_blueprint_description),
		lanes: [
			{
				title: localText(m.flow_tpl_blueprint_lane_customer),
				line: 'interaction',
				steps: [
					{ type: 'start', label: localText(m.flow_tpl_blueprint_step_need), column: 0 },
					{ type: 'process', label: localText(m.flow_tpl_blueprint_step_contact), column: 1 },
					{ type: 'end', label: localText(m.flow_tpl_blueprint_step_met), column: 3 }
				]
			},
			{
				title: localText(m.flow_tpl_blueprint_lane_frontstage),
				line: 'visibility',
				steps: [{ type: 'process', label: localText(m.flow_tpl_blueprint_step_respond), column: 2 }]
			},
			{
				title: localText(m.flow_tpl_blueprint_lane_backstage),
				line: 'internal-interaction',
				steps: []
			},
			{ title: localText(m.flow_tpl_blueprint_lane_support), line: null, steps: [] }
		]
	},
	{
		id: 'cross-team',
		name: localText(m.flow_tpl_cross_team_name),
		description: localText(m.flow_tpl_cross_team_description),
		lanes: [
			{
				title: localText(m.flow_tpl_cross_team_lane_requester),
				line: null,
				steps: [
					{ type: 'start', label: localText(m.flow_tpl_cross_team_step_raised), column: 0 },
					{ type: 'end', label: localText(m.flow_tpl_cross_team_step_closed), column: 3 }
				]
			},
			{
				title: localText(m.flow_tpl_cross_team_lane_team_a),
				line: null,
				steps: [{ type: 'process', label: localText(m.flow_tpl_cross_team_step_triage), column: 1 }]
			},
			{
				title: localText(m.flow_tpl_cross_team_lane_team_b),
				line: null,
				steps: [
					{ type: 'process', label: localText(m.flow_tpl_cross_team_step_resolve), column: 2 }
				]
			}
		]
	},
	{
		id: 'operations-service',
		name: localText(m.flow_tpl_ops_name),
		description: localText(m.flow_tpl_ops_description),
		lanes: [
			{
				title: localText(m.flow_tpl_ops_lane_customer),
				line: 'interaction',
				steps: [
					{
						key: 'request',
						type: 'start',
						label: localText(m.flow_tpl_ops_step_request),
						column: 0
					},
					{
						key: 'feedback',
						type: 'process',
						label: localText(m.flow_tpl_ops_step_feedback),
						column: 6
					}
				]
			},
			{
				title: localText(m.flow_tpl_ops_lane_interaction),
				line: 'visibility',
				steps: [
					{
						key: 'triage',
						type: 'process',
						label: localText(m.flow_tpl_ops_step_triage),
						column: 1
					},
					{
						key: 'standard',
						type: 'decision',
						label: localText(m.flow_tpl_ops_step_standard),
						column: 2
					},
					{
						key: 'follow-up',
						type: 'process',
						label: localText(m.flow_tpl_ops_step_follow_up),
						column: 5
					}
				]
			},
			{
				title: localText(m.flow_tpl_ops_lane_delivery),
				line: 'internal-interaction',
				steps: [
					{
						key: 'deliver',
						type: 'process',
						label: localText(m.flow_tpl_ops_step_deliver),
						column: 3
					},
					{
						key: 'resolve',
						type: 'process',
						label: localText(m.flow_tpl_ops_step_resolve),
						column: 4
					}
				]
			},
			{
				title: localText(m.flow_tpl_ops_lane_support),
				line: null,
				steps: [
					{
						key: 'escalate',
						type: 'process',
						label: localText(m.flow_tpl_ops_step_escalate),
						column: 3
					}
				]
			},
			{
				title: localText(m.flow_tpl_ops_lane_management),
				line: null,
				steps: [
					{ key: 'review', type: 'end', label: localText(m.flow_tpl_ops_step_review), column: 7 }
				]
			}
		],
		arrows: [
			{ from: 'request', to: 'triage' },
			{ from: 'triage', to: 'standard' },
			{ from: 'standard', to: 'deliver', label: localText(m.flow_tpl_ops_arrow_standard) },
			{ from: 'standard', to: 'escalate', label: localText(m.flow_tpl_ops_arrow_escalate) },
			{ from: 'deliver', to: 'resolve' },
			{ from: 'escalate', to: 'resolve' },
			{ from: 'resolve', to: 'follow-up' },
			{ from: 'follow-up', to: 'feedback' },
			{ from: 'feedback', to: 'review' }
		]
	},
	{
		id: 'blank',
		name: localText(m.flow_tpl_blank_name),
		description: localText(m.flow_tpl_blank_description),
		lanes: []
	}
];

export function findFlowTemplate(id: string): FlowTemplate | null {
	return FLOW_TEMPLATES.find((t) => t.id === id) ?? null;
}

const COLUMN_WIDTH = 220;
const MARGIN = 40;

/** The template as stored content, in `locale`: steps centred in their lanes and chained by column. */
export function templateContent(template: FlowTemplate, locale: Locale): FlowContent {
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
	const keyed = new Map<string, string>();
	for (const lane of template.lanes) {
		const laneId = newId();
		content.lanes.push({
			id: laneId,
			title: lane.title(locale),
			height: DEFAULT_LANE_HEIGHT,
			line: lane.line
		});
		for (const step of lane.steps) {
			const { width, height } = DEFAULT_NODE_SIZES[step.type];
			const id = newId();
			chain.push({ id, column: step.column });
			if (step.key) keyed.set(step.key, id);
			content.nodes.push({
				id,
				type: step.type,
				label: step.label(locale),
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
	const arrow = (source: string, target: string, label = '') =>
		content.edges.push({
			id: newId(),
			source,
			target,
			sourceHandle: null,
			targetHandle: null,
			label,
			style: 'smooth',
			arrow: 'end'
		});
	if (template.arrows) {
		for (const { from, to, label } of template.arrows) {
			const source = keyed.get(from);
			const target = keyed.get(to);
			if (source && target) arrow(source, target, label?.(locale) ?? '');
		}
		return content;
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
 * opens a flow that was created empty), its lanes and steps in `locale` (the
 * creator's language). Refuses a document that already has
 * a diagram, so a late second call cannot wipe someone's work.
 */
export function initFlowDocument(doc: Y.Doc, templateId: string, locale: Locale): FlowResult {
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
	writeFlowContent(doc, templateContent(template, locale));
	return ok(null);
}
