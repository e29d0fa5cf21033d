import { RATING_MAX, type EvaluationAspect } from '$lib/model/indicators';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

/** The words of evaluations in the reader's language (pages and the Markdown export). */

export function aspectLabel(aspect: EvaluationAspect): string {
	return {
		service_process: m.evaluations_aspect_service_process,
		customer_feedback: m.evaluations_aspect_customer_feedback,
		team: m.evaluations_aspect_team
	}[aspect]();
}

const RATING_WORDS = [
	m.evaluations_rating_1,
	m.evaluations_rating_2,
	m.evaluations_rating_3,
	m.evaluations_rating_4,
	m.evaluations_rating_5
];

/** The word for a rating: 1 poor … 5 excellent. */
export function ratingWord(rating: number): string {
	return RATING_WORDS[rating - 1]?.() ?? String(rating);
}

/** "4/5 — Very good", or "Not rated". */
export function ratingText(rating: number | null): string {
	if (rating === null) return m.evaluations_rating_none();
	return m.evaluations_rating_value({
		rating: String(rating),
		max: String(RATING_MAX),
		word: ratingWord(rating)
	});
}

/** `2026-11` as the reader says it: "November 2026", 2026年11月. */
export function monthLabel(period: string): string {
	const [year, month] = period.split('-').map(Number);
	return new Intl.DateTimeFormat(getLocale(), {
		year: 'numeric',
		month: 'long',
		timeZone: 'UTC'
	}).format(new Date(Date.UTC(year, month - 1, 1)));
}
