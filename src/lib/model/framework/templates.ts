// Relative, not `$lib`: the model is also loaded by scripts and benchmarks run with tsx.
import type * as Y from 'yjs';
import { m } from '../../paraglide/messages';
import type { Locale } from '../../paraglide/runtime';
import { localText, type LocalText } from '../local-text';
import { writeBlocks, type Block } from './blocks';
import { CONTENT_FIELD, FRAMEWORK_KIND, FRAMEWORK_SCHEMA_VERSION, META_FIELD } from './shape';

/**
 * A framework document to start from. Its text is written in the creator's
 * language when the document is made; from then on it is ordinary content.
 */
export interface FrameworkTemplate {
	id: string;
	name: LocalText;
	description: LocalText;
	blocks: readonly Block[];
}

const t = localText;
const heading = (level: 1 | 2 | 3, text: LocalText): Block => ({ type: 'heading', level, text });
const prompt = (text: LocalText): Block => ({ type: 'prompt', text });

/**
 * The plan Opsloom grew from: background and goals; assessment; principles
 * and goals; the framework's four core elements; key technologies, processes
 * and staffing; short- and long-term implementation as checklist items (so
 * they are tasks at once); risks; monitoring and improvement.
 */
const OPERATING_MODEL_PLAN: readonly Block[] = [
	heading(2, t(m.documents_tpl_plan_background)),
	prompt(t(m.documents_tpl_plan_background_prompt)),
	heading(2, t(m.documents_tpl_plan_assessment)),
	heading(3, t(m.documents_tpl_plan_current)),
	prompt(t(m.documents_tpl_plan_current_prompt)),
	heading(3, t(m.documents_tpl_plan_market)),
	prompt(t(m.documents_tpl_plan_market_prompt)),
	heading(3, t(m.documents_tpl_plan_resources)),
	prompt(t(m.documents_tpl_plan_resources_prompt)),
	heading(2, t(m.documents_tpl_plan_principles)),
	prompt(t(m.documents_tpl_plan_principles_prompt)),
	{
		type: 'table',
		rows: [
			[
				t(m.documents_tpl_plan_goal),
				t(m.documents_tpl_plan_measure),
				t(m.documents_tpl_plan_target),
				t(m.documents_tpl_plan_date)
			],
			[null, null, null, null]
		]
	},
	heading(2, t(m.documents_tpl_plan_framework)),
	prompt(t(m.documents_tpl_plan_framework_prompt)),
	{
		type: 'table',
		rows: [
			[
				t(m.documents_tpl_plan_element),
				t(m.documents_tpl_plan_covers),
				t(m.documents_tpl_plan_owner),
				t(m.documents_tpl_plan_interfaces)
			],
			[
				t(m.documents_tpl_plan_delivery),
				t(m.documents_tpl_plan_delivery_covers),
				null,
				t(m.documents_tpl_plan_delivery_interfaces)
			],
			[
				t(m.documents_tpl_plan_support),
				t(m.documents_tpl_plan_support_covers),
				null,
				t(m.documents_tpl_plan_support_interfaces)
			],
			[
				t(m.documents_tpl_plan_interaction),
				t(m.documents_tpl_plan_interaction_covers),
				null,
				t(m.documents_tpl_plan_interaction_interfaces)
			],
			[
				t(m.documents_tpl_plan_operations),
				t(m.documents_tpl_plan_operations_covers),
				null,
				t(m.documents_tpl_plan_operations_interfaces)
			]
		]
	},
	heading(3, t(m.documents_tpl_plan_technologies)),
	prompt(t(m.documents_tpl_plan_technologies_prompt)),
	heading(3, t(m.documents_tpl_plan_processes)),
	prompt(t(m.documents_tpl_plan_processes_prompt)),
	heading(3, t(m.documents_tpl_plan_organisation)),
	prompt(t(m.documents_tpl_plan_organisation_prompt)),
	heading(2, t(m.documents_tpl_plan_implementation)),
	prompt(t(m.documents_tpl_plan_implementation_prompt)),
	heading(3, t(m.documents_tpl_plan_short_term)),
	{
		type: 'tasks',
		items: [
			t(m.documents_tpl_plan_short_1),
			t(m.documents_tpl_plan_short_2),
			t(m.documents_tpl_plan_short_3)
		]
	},
	heading(3, t(m.documents_tpl_plan_long_term)),
	{
		type: 'tasks',
		items: [
			t(m.documents_tpl_plan_long_1),
			t(m.documents_tpl_plan_long_2),
			t(m.documents_tpl_plan_long_3)
		]
	},
	heading(2, t(m.documents_tpl_plan_risks)),
	prompt(t(m.documents_tpl_plan_risks_prompt)),
	{
		type: 'table',
		rows: [
			[
				t(m.documents_tpl_plan_risk),
				t(m.documents_tpl_plan_type),
				t(m.documents_tpl_plan_likelihood),
				t(m.documents_tpl_plan_impact),
				t(m.documents_tpl_plan_response),
				t(m.documents_tpl_plan_owner)
			],
			[
				t(m.documents_tpl_plan_risk_1),
				t(m.documents_tpl_plan_type_management),
				t(m.documents_tpl_plan_medium),
				t(m.documents_tpl_plan_high),
				t(m.documents_tpl_plan_response_1),
				null
			],
			[
				t(m.documents_tpl_plan_risk_2),
				t(m.documents_tpl_plan_type_technical),
				t(m.documents_tpl_plan_medium),
				t(m.documents_tpl_plan_medium),
				t(m.documents_tpl_plan_response_2),
				null
			]
		]
	},
	heading(2, t(m.documents_tpl_plan_monitoring)),
	prompt(t(m.documents_tpl_plan_monitoring_prompt)),
	{
		type: 'tasks',
		items: [t(m.documents_tpl_plan_monitoring_1), t(m.documents_tpl_plan_monitoring_2)]
	}
];

const PILOT_PLAN: readonly Block[] = [
	heading(2, t(m.documents_tpl_pilot_scope)),
	prompt(t(m.documents_tpl_pilot_scope_prompt)),
	heading(2, t(m.documents_tpl_pilot_group)),
	prompt(t(m.documents_tpl_pilot_group_prompt)),
	heading(2, t(m.documents_tpl_pilot_criteria)),
	prompt(t(m.documents_tpl_pilot_criteria_prompt)),
	{
		type: 'table',
		rows: [
			[
				t(m.documents_tpl_pilot_criterion),
				t(m.documents_tpl_plan_measure),
				t(m.documents_tpl_pilot_baseline),
				t(m.documents_tpl_pilot_threshold)
			],
			[null, null, null, null]
		]
	},
	heading(2, t(m.documents_tpl_pilot_monitoring)),
	prompt(t(m.documents_tpl_pilot_monitoring_prompt)),
	heading(2, t(m.documents_tpl_pilot_rollback)),
	prompt(t(m.documents_tpl_pilot_rollback_prompt)),
	{
		type: 'tasks',
		items: [t(m.documents_tpl_pilot_rollback_1), t(m.documents_tpl_pilot_rollback_2)]
	},
	heading(2, t(m.documents_tpl_pilot_review)),
	prompt(t(m.documents_tpl_pilot_review_prompt)),
	{
		type: 'tasks',
		items: [t(m.documents_tpl_pilot_review_1), t(m.documents_tpl_pilot_review_2)]
	}
];

const POST_INCIDENT_REVIEW: readonly Block[] = [
	heading(2, t(m.documents_tpl_pir_summary)),
	prompt(t(m.documents_tpl_pir_summary_prompt)),
	heading(2, t(m.documents_tpl_pir_impact)),
	prompt(t(m.documents_tpl_pir_impact_prompt)),
	heading(2, t(m.documents_tpl_pir_timeline)),
	{
		type: 'table',
		rows: [
			[t(m.documents_tpl_pir_time), t(m.documents_tpl_pir_event), t(m.documents_tpl_pir_who)],
			[null, null, null],
			[null, null, null]
		]
	},
	heading(2, t(m.documents_tpl_pir_causes)),
	prompt(t(m.documents_tpl_pir_causes_prompt)),
	heading(2, t(m.documents_tpl_pir_went_well)),
	{ type: 'bullets', items: [() => ''] },
	heading(2, t(m.documents_tpl_pir_to_improve)),
	{ type: 'bullets', items: [() => ''] },
	heading(2, t(m.documents_tpl_pir_actions)),
	prompt(t(m.documents_tpl_plan_implementation_prompt)),
	{
		type: 'tasks',
		items: [t(m.documents_tpl_pir_action_1), t(m.documents_tpl_pir_action_2)]
	}
];

export const FRAMEWORK_TEMPLATES: readonly FrameworkTemplate[] = [
	{
		id: 'blank',
		name: t(m.documents_tpl_blank_name),
		description: t(m.documents_tpl_blank_description),
		blocks: []
	},
	{
		id: 'operating-model-plan',
		name: t(m.documents_tpl_plan_name),
		description: t(m.documents_tpl_plan_description),
		blocks: OPERATING_MODEL_PLAN
	},
	{
		id: 'pilot-plan',
		name: t(m.documents_tpl_pilot_name),
		description: t(m.documents_tpl_pilot_description),
		blocks: PILOT_PLAN
	},
	{
		id: 'post-incident-review',
		name: t(m.documents_tpl_pir_name),
		description: t(m.documents_tpl_pir_description),
		blocks: POST_INCIDENT_REVIEW
	}
];

export function findFrameworkTemplate(id: string): FrameworkTemplate | null {
	return FRAMEWORK_TEMPLATES.find((t) => t.id === id) ?? null;
}

/**
 * Writes a new framework document: the stamp in `meta` and the template's
 * blocks in `locale`. For an empty document (the server does this at creation).
 */
export function initFrameworkDocument(
	doc: Y.Doc,
	template: FrameworkTemplate,
	locale: Locale
): void {
	doc.transact(() => {
		const meta = doc.getMap<unknown>(META_FIELD);
		meta.set('schemaVersion', FRAMEWORK_SCHEMA_VERSION);
		meta.set('kind', FRAMEWORK_KIND);
		writeBlocks(doc.getXmlFragment(CONTENT_FIELD), template.blocks, locale);
	});
}
