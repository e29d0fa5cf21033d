import { badness, type Direction, type Level } from './goals';
import type { Point } from './xmr';

/** How many periods on each side of a change the effect compares, unless told otherwise. */
export const EFFECT_PERIODS = 6;

export type EffectVerdict = 'better' | 'worse' | 'unchanged' | 'too_early';

export interface Effect {
	/** The period the change fell in: left out of both sides, as it holds some of each. */
	changePeriod: string;
	n: number;
	before: { count: number; median: number | null };
	after: { count: number; median: number | null };
	/** After minus before (null until both sides have values). */
	difference: number | null;
	/** Judged by the indicator's own direction; `too_early` until both sides have n values. */
	verdict: EffectVerdict;
}

export function median(values: number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The effect of a change in `changePeriod`: the median of the last `n`
 * values before it against the median of the first `n` after it. For a range
 * the side closer to the band is better.
 */
export function effectOf(
	points: Point[],
	changePeriod: string,
	direction: Direction,
	target: Level | null,
	n = EFFECT_PERIODS
): Effect {
	const before = points.filter((p) => p.period < changePeriod).slice(-n);
	const after = points.filter((p) => p.period > changePeriod).slice(0, n);
	const beforeMedian = median(before.map((p) => p.value));
	const afterMedian = median(after.map((p) => p.value));
	const difference =
		beforeMedian === null || afterMedian === null ? null : afterMedian - beforeMedian;
	let verdict: EffectVerdict = 'too_early';
	if (before.length === n && after.length === n && beforeMedian !== null && afterMedian !== null) {
		const gain = badness(beforeMedian, direction, target) - badness(afterMedian, direction, target);
		verdict = gain > 0 ? 'better' : gain < 0 ? 'worse' : 'unchanged';
	}
	return {
		changePeriod,
		n,
		before: { count: before.length, median: beforeMedian },
		after: { count: after.length, median: afterMedian },
		difference,
		verdict
	};
}
