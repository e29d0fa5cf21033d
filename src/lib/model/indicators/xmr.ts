import { comparePeriods } from './periods';

/**
 * XmR (individuals and moving range) limits and the signal rules, after
 * Wheeler: the centre line is the mean of the baseline's values; the moving
 * ranges are the differences between successive values; the natural process
 * limits are the centre ± 2.66 × the mean moving range (MR-bar), and the
 * upper range limit is 3.268 × MR-bar. A point outside the limits, eight in a
 * row on one side of the centre line, or six in a row rising or falling is a
 * signal; everything else is ordinary variation.
 */

/** Limits from fewer points than this say too little to act on. */
export const MIN_POINTS_FOR_LIMITS = 6;
export const RUN_LENGTH = 8;
export const TREND_LENGTH = 6;

const NPL_FACTOR = 2.66;
const URL_FACTOR = 3.268;

export interface Point {
	period: string;
	value: number;
}

export interface Limits {
	/** The first period of the points the limits were computed from. */
	from: string;
	/** The last period they apply to (the day before the next recalculation, or the end). */
	to: string;
	/** How many points the limits were computed from. */
	count: number;
	centre: number;
	mrBar: number;
	upper: number;
	lower: number;
	upperRange: number;
}

export type LimitsProblem = 'too_few_points' | 'no_variation';

export interface Segment {
	from: string;
	to: string;
	count: number;
	/** Null when the segment's points cannot give limits; `problem` says why. */
	limits: Limits | null;
	problem: LimitsProblem | null;
	/** The mean of the segment's points even without limits (the runs rule needs it). */
	centre: number | null;
}

export const SIGNAL_RULES = ['outside_limits', 'run', 'trend'] as const;
export type SignalRule = (typeof SIGNAL_RULES)[number];

export interface Signal {
	rule: SignalRule;
	/** The periods of the points that make the signal. */
	periods: string[];
}

export interface XmrResult {
	segments: Segment[];
	signals: Signal[];
	/** Per point (same order as the input): the rules it is part of. */
	flags: SignalRule[][];
	/** Per point: its moving range (null for a segment's first point). */
	movingRanges: (number | null)[];
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

/** Limits from the points of one segment, or why there are none. */
export function limitsOf(points: Point[]): {
	limits: Limits | null;
	problem: LimitsProblem | null;
} {
	if (points.length < MIN_POINTS_FOR_LIMITS) return { limits: null, problem: 'too_few_points' };
	const values = points.map((p) => p.value);
	const centre = mean(values);
	const ranges = values.slice(1).map((v, i) => Math.abs(v - values[i]));
	const mrBar = mean(ranges);
	// All values equal: limits would sit on the centre line and every later
	// change would look like a signal. Say so instead of pretending.
	if (mrBar === 0) return { limits: null, problem: 'no_variation' };
	return {
		limits: {
			from: points[0].period,
			to: points[points.length - 1].period,
			count: points.length,
			centre,
			mrBar,
			upper: centre + NPL_FACTOR * mrBar,
			lower: centre - NPL_FACTOR * mrBar,
			upperRange: URL_FACTOR * mrBar
		},
		problem: null
	};
}

/**
 * Splits the points (in period order) at each recalculation period and
 * computes each segment's limits from its own points, then applies the rules
 * within each segment. `recalculateFrom` periods before the first point or
 * duplicated are ignored.
 */
export function analyse(points: Point[], recalculateFrom: string[] = []): XmrResult {
	const breaks = [...new Set(recalculateFrom)].sort();
	const groups: Point[][] = [];
	let current: Point[] = [];
	let next = 0;
	for (const point of points) {
		let crossed = false;
		while (next < breaks.length && breaks[next] <= point.period) {
			next += 1;
			crossed = true;
		}
		if (crossed && current.length > 0) {
			groups.push(current);
			current = [];
		}
		current.push(point);
	}
	if (current.length > 0) groups.push(current);

	const segments: Segment[] = [];
	const signals: Signal[] = [];
	const flags: SignalRule[][] = [];
	const movingRanges: (number | null)[] = [];
	for (const group of groups) {
		const { limits, problem } = limitsOf(group);
		const centre = limits?.centre ?? mean(group.map((p) => p.value));
		segments.push({
			from: group[0].period,
			to: group[group.length - 1].period,
			count: group.length,
			limits,
			problem,
			centre
		});
		const groupFlags = group.map((): SignalRule[] => []);
		const add = (rule: SignalRule, start: number, end: number) => {
			signals.push({ rule, periods: group.slice(start, end + 1).map((p) => p.period) });
			for (let i = start; i <= end; i++) groupFlags[i].push(rule);
		};
		group.forEach((p, i) =>
			movingRanges.push(i === 0 ? null : Math.abs(p.value - group[i - 1].value))
		);
		if (limits) {
			group.forEach((p, i) => {
				if (p.value > limits.upper || p.value < limits.lower) add('outside_limits', i, i);
			});
		}
		// The run and trend rules need only the centre line and the order, so
		// they apply even where there are too few points for limits.
		if (group.length >= RUN_LENGTH) {
			forEachRun(
				group,
				(p) => Math.sign(p.value - centre),
				RUN_LENGTH,
				(s, e) => add('run', s, e)
			);
		}
		if (group.length >= TREND_LENGTH) {
			forEachTrend(group, TREND_LENGTH, (s, e) => add('trend', s, e));
		}
		flags.push(...groupFlags);
	}
	signals.sort(
		(a, b) => comparePeriods(a.periods[0], b.periods[0]) || comparePeriods(a.rule, b.rule)
	);
	return { segments, signals, flags, movingRanges };
}

/** Calls `found(start, end)` for every maximal run of at least `length` equal non-zero keys. */
function forEachRun(
	points: Point[],
	key: (p: Point) => number,
	length: number,
	found: (start: number, end: number) => void
) {
	let start = 0;
	for (let i = 1; i <= points.length; i++) {
		if (i < points.length && key(points[i]) === key(points[start])) continue;
		if (key(points[start]) !== 0 && i - start >= length) found(start, i - 1);
		start = i;
	}
}

/**
 * Calls `found(start, end)` for every maximal stretch of at least `length`
 * points each strictly above (or each strictly below) the one before; two
 * equal values in a row end a stretch.
 */
function forEachTrend(
	points: Point[],
	length: number,
	found: (start: number, end: number) => void
) {
	let start = 0;
	let direction = 0;
	const close = (end: number) => {
		if (direction !== 0 && end - start + 1 >= length) found(start, end);
	};
	for (let i = 1; i < points.length; i++) {
		const step = Math.sign(points[i].value - points[i - 1].value);
		if (step === direction && step !== 0) continue;
		close(i - 1);
		start = step === 0 ? i : i - 1;
		direction = step;
	}
	close(points.length - 1);
}
