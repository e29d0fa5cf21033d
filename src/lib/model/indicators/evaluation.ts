import { EVALUATION_ASPECTS, RATING_MAX, RATING_MIN, type EvaluationAspect } from './vocabulary';
import type { Direction, Level, Status } from './goals';
import { periodOfDay, periodStart, type Frequency } from './periods';
import type { Series } from './series';

/** One indicator's line in an evaluation, as it stood when the values were filled in. */
export interface EvaluationValue {
	indicatorId: string;
	name: string;
	unit: string;
	direction: Direction;
	/** The indicator's period whose value stands for the month: its latest one in the month. */
	period: string | null;
	value: number | null;
	target: Level | null;
	status: Status | null;
	signal: boolean;
}

export type EvaluationRating = { rating: number | null; comment: string };
export type EvaluationRatings = Partial<Record<EvaluationAspect, EvaluationRating>>;

export const EVALUATION_LIMITS = { comment: 2000, conclusion: 10_000 } as const;

/**
 * The month a period belongs to: a day's own month, a week's by its Thursday
 * (as ISO 8601 gives a week to the year holding its Thursday), a month itself.
 */
export function monthOfPeriod(period: string, frequency: Frequency): string {
	if (frequency === 'monthly') return period;
	if (frequency === 'daily') return period.slice(0, 7);
	const thursday = new Date(periodStart(period, 'weekly').getTime() + 3 * 86_400_000);
	return periodOfDay(thursday.toISOString().slice(0, 10), 'monthly');
}

/**
 * The indicator's value for `month`: its latest point in that month, with the
 * target, status and signal the series gives it (limits from all values, so a
 * signal is the same one the chart shows). No value in the month: nulls.
 */
export function evaluationValueOf(
	indicator: { id: string; name: string; unit: string; direction: Direction; frequency: Frequency },
	series: Series,
	month: string
): EvaluationValue {
	let point = null;
	for (let i = series.points.length - 1; i >= 0; i -= 1) {
		const candidate = series.points[i];
		const itsMonth = monthOfPeriod(candidate.period, indicator.frequency);
		if (itsMonth === month) {
			point = candidate;
			break;
		}
		if (itsMonth < month) break;
	}
	return {
		indicatorId: indicator.id,
		name: indicator.name,
		unit: indicator.unit,
		direction: indicator.direction,
		period: point?.period ?? null,
		value: point?.value ?? null,
		target: point?.target ?? null,
		status: point?.status ?? null,
		signal: (point?.signals.length ?? 0) > 0
	};
}

export type RatingsResult = { ok: true; ratings: EvaluationRatings } | { ok: false; field: string };

/**
 * Reads `{service_process: {rating, comment}, …}`: each aspect optional, a
 * rating a whole number from RATING_MIN to RATING_MAX or null, a comment at
 * most EVALUATION_LIMITS.comment characters. Names the first bad field.
 */
export function readRatings(input: unknown): RatingsResult {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		return { ok: false, field: 'ratings' };
	}
	const ratings: EvaluationRatings = {};
	for (const [key, raw] of Object.entries(input)) {
		if (!(EVALUATION_ASPECTS as readonly string[]).includes(key)) {
			return { ok: false, field: `ratings.${key}` };
		}
		const aspect = key as EvaluationAspect;
		if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
			return { ok: false, field: `ratings.${key}` };
		}
		const { rating = null, comment = '' } = raw as Record<string, unknown>;
		if (
			rating !== null &&
			(typeof rating !== 'number' ||
				!Number.isInteger(rating) ||
				rating < RATING_MIN ||
				rating > RATING_MAX)
		) {
			return { ok: false, field: `ratings.${key}.rating` };
		}
		if (typeof comment !== 'string' || comment.length > EVALUATION_LIMITS.comment) {
			return { ok: false, field: `ratings.${key}.comment` };
		}
		ratings[aspect] = { rating: rating as number | null, comment: comment.trim() };
	}
	return { ok: true, ratings };
}

/** A Markdown table cell: pipes escaped and line breaks folded, so a name cannot break the table. */
export function markdownCell(text: string): string {
	return text
		.replace(/\\/g, '\\\\')
		.replace(/\|/g, '\\|')
		.replace(/\s*\n\s*/g, ' ');
}
