/**
 * The vocabulary of the suggestion box, shared by the server and the browser.
 * User-facing strings are grouped here so they can be moved into the message
 * catalogue in one place.
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

export const DEFAULT_CATEGORIES = [
	'Customer experience',
	'Process and workflow',
	'Tools and systems',
	'Safety and compliance',
	'Cost and waste',
	'Team and communication',
	'Other'
];

export const SUGGESTION_STRINGS = {
	statusLabels: {
		new: 'New',
		under_review: 'Under review',
		planned: 'Planned',
		in_progress: 'In progress',
		done: 'Done',
		declined: 'Declined',
		duplicate: 'Duplicate'
	} satisfies Record<SuggestionStatus, string>,
	sortLabels: {
		newest: 'Newest',
		votes: 'Most votes',
		trending: 'Trending',
		updated: 'Recently updated'
	} satisfies Record<SuggestionSort, string>,
	anonymous: 'Anonymous',
	theAuthor: 'The author',
	someone: 'Someone'
} as const;

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
