/**
 * The vocabulary of the suggestion box, shared by the server and the browser.
 * What each value is called on screen is in the message catalogue
 * (messages/suggestions/, read through src/lib/components/suggestions/labels.ts).
 */
export const SUGGESTION_STATUSES = [
	'new',
	'under_review',
	'planned',
	'in_progress',
	'done',
	'declined',
	'duplicate'
] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

/** Statuses a moderator sets with POST …/status; `duplicate` only comes from a merge. */
export const SETTABLE_STATUSES = SUGGESTION_STATUSES.filter((s) => s !== 'duplicate');

export const SUGGESTION_SORTS = ['newest', 'votes', 'trending', 'updated'] as const;
export type SuggestionSort = (typeof SUGGESTION_SORTS)[number];

/** "Trending" counts the votes of this many recent days. */
export const TRENDING_DAYS = 7;
/** The moderators' "waiting" view: no status change or moderator reply for this long. */
export const WAITING_DAYS = 14;

/** Field limits, checked by the server; the form shows them too. */
export const SUGGESTION_LIMITS = {
	title: 160,
	text: 4000,
	comment: 2000,
	note: 1000,
	category: 60,
	categories: 30,
	resultUnit: 30
} as const;

/** A list page shows this many at first, and this many more each time. */
export const SUGGESTION_PAGE = 100;
/** The most one request lists (API `limit`); CSV exports page through everything. */
export const MAX_SUGGESTION_PAGE = 500;

/** A place a suggestion points to. */
export type SuggestionLink =
	| { kind: 'document'; documentId: string }
	| { kind: 'flow_step'; documentId: string; nodeId: string }
	| { kind: 'retro_topic'; documentId: string; topicId: string };

/** Expected and actual result, recorded when a suggestion is done. */
export interface SuggestionResult {
	expected: { value: number | null; unit: string | null; text: string | null } | null;
	actual: { value: number | null; unit: string | null; text: string | null };
}
