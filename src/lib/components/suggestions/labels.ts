import { m } from '$lib/paraglide/messages';
import type { SuggestionSort, SuggestionStatus } from '$lib/model/suggestions';
import type { AppLocale } from '$lib/i18n/locales';

/**
 * What the suggestion box's vocabulary is called, in the reader's language
 * (the request's locale, or `locale` for a notification to someone else).
 * The server uses these too: CSV exports and notification texts.
 */
type Options = { locale?: AppLocale };

const STATUS: Record<SuggestionStatus, (i: object, o?: Options) => string> = {
	new: m.suggestions_status_new,
	under_review: m.suggestions_status_under_review,
	planned: m.suggestions_status_planned,
	in_progress: m.suggestions_status_in_progress,
	done: m.suggestions_status_done,
	declined: m.suggestions_status_declined,
	duplicate: m.suggestions_status_duplicate
};

const SORT: Record<SuggestionSort, () => string> = {
	newest: m.suggestions_sort_newest,
	votes: m.suggestions_sort_votes,
	trending: m.suggestions_sort_trending,
	updated: m.suggestions_sort_updated
};

export function suggestionStatusLabel(status: SuggestionStatus, locale?: AppLocale): string {
	const label = STATUS[status];
	return label ? label({}, locale ? { locale } : undefined) : status;
}

export function suggestionSortLabel(sort: SuggestionSort): string {
	return SORT[sort]();
}

export function votesLabel(count: number): string {
	return count === 1 ? m.suggestions_votes_one({ count }) : m.suggestions_votes_other({ count });
}

export function votesWord(count: number): string {
	return count === 1 ? m.suggestions_votes_word_one() : m.suggestions_votes_word_other();
}

export function commentsLabel(count: number): string {
	return count === 1
		? m.suggestions_comments_one({ count })
		: m.suggestions_comments_other({ count });
}

export function hiddenBecause(reason: string | null): string {
	return reason ? m.suggestions_hidden_because({ reason }) : m.suggestions_hidden_no_reason();
}
