/** The words of indicators that the server and the browser share. */

/** The categories a workspace starts with; renamed or extended per workspace. */
export const DEFAULT_INDICATOR_CATEGORIES = [
	'service_quality',
	'customer_satisfaction',
	'operational_efficiency',
	'cost'
] as const;
export type DefaultIndicatorCategory = (typeof DEFAULT_INDICATOR_CATEGORIES)[number];

export const INDICATOR_LIMITS = {
	name: 120,
	text: 2000,
	unit: 20,
	note: 500,
	category: 60,
	categories: 20,
	/** Measurements in one API request or one CSV file. */
	batch: 100_000
} as const;

/** What a link from an indicator points at; the effect is read around its change. */
export const LINK_KINDS = ['task', 'suggestion', 'flow_step'] as const;
export type IndicatorLinkKind = (typeof LINK_KINDS)[number];

/** Ratings of an evaluation's qualitative aspects, 1 (poor) to 5 (excellent). */
export const EVALUATION_ASPECTS = ['service_process', 'customer_feedback', 'team'] as const;
export type EvaluationAspect = (typeof EVALUATION_ASPECTS)[number];
export const RATING_MIN = 1;
export const RATING_MAX = 5;
