import { isPast, statusOf, targetFor, type Goal, type Level, type Status } from './goals';
import { comparePeriods, type Frequency } from './periods';
import { analyse, type Point, type Segment, type Signal, type SignalRule } from './xmr';

/** How many of the latest values a dashboard tile draws. */
export const SPARK_POINTS = 30;

export interface SeriesPoint {
	period: string;
	value: number;
	note: string | null;
	target: Level | null;
	status: Status | null;
	/** The signal rules this point is part of; empty for ordinary variation. */
	signals: SignalRule[];
	movingRange: number | null;
}

export interface Series {
	points: SeriesPoint[];
	segments: Segment[];
	signals: Signal[];
}

export interface IndicatorSummary {
	count: number;
	latest: { period: string; value: number } | null;
	status: Status | null;
	/** The rules the latest point is part of: a signal now. */
	signals: SignalRule[];
	spark: number[];
}

export interface SeriesIndicator extends Goal {
	frequency: Frequency;
	recalculateFrom: string[];
}

/** Status and signals of every point, in period order. */
export function buildSeries(
	indicator: SeriesIndicator,
	points: (Point & { note?: string | null })[]
): Series {
	const sorted = [...points].sort((a, b) => comparePeriods(a.period, b.period));
	const result = analyse(sorted, indicator.recalculateFrom);
	return {
		points: sorted.map((p, i) => ({
			period: p.period,
			value: p.value,
			note: p.note ?? null,
			target: targetFor(indicator, p.period),
			status: statusOf(p.value, indicator, p.period),
			signals: result.flags[i],
			movingRange: result.movingRanges[i]
		})),
		segments: result.segments,
		signals: result.signals
	};
}

export function summarise(series: Series): IndicatorSummary {
	const last = series.points.at(-1) ?? null;
	return {
		count: series.points.length,
		latest: last ? { period: last.period, value: last.value } : null,
		status: last?.status ?? null,
		signals: last?.signals ?? [],
		spark: series.points.slice(-SPARK_POINTS).map((p) => p.value)
	};
}

export interface Episode {
	kind: 'signal' | 'alert';
	/** The first period of the episode: its name. */
	startPeriod: string;
	/** The latest period, whose value is in the episode. */
	period: string;
	rules: SignalRule[];
}

/**
 * The episodes going on at the latest point: a run of consecutive flagged
 * points ending there (a signal), and a run of values past the alert
 * threshold ending there (an alert). Older episodes are history, not news.
 */
export function currentEpisodes(indicator: Goal, series: Series): Episode[] {
	const points = series.points;
	const last = points.at(-1);
	if (!last) return [];
	const episodes: Episode[] = [];
	const startOf = (holds: (p: SeriesPoint) => boolean) => {
		let i = points.length - 1;
		while (i > 0 && holds(points[i - 1])) i -= 1;
		return points[i].period;
	};
	if (last.signals.length > 0) {
		episodes.push({
			kind: 'signal',
			startPeriod: startOf((p) => p.signals.length > 0),
			period: last.period,
			rules: last.signals
		});
	}
	const alert = indicator.alert;
	if (alert !== null && isPast(last.value, alert, indicator.direction)) {
		episodes.push({
			kind: 'alert',
			startPeriod: startOf((p) => isPast(p.value, alert, indicator.direction)),
			period: last.period,
			rules: []
		});
	}
	return episodes;
}
