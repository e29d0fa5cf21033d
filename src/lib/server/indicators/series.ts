import {
	parsePeriod,
	periodOfDay,
	type Segment,
	type Series,
	type SeriesPoint,
	type Signal
} from '$lib/model/indicators';
import type { Executor } from '../db';
import { badRequest } from '../errors';
import type { IndicatorRow } from './access';
import { listAnnotations, type AnnotationView } from './annotations';
import { listIndicatorLinks, type LinkView } from './links';
import { seriesOf } from './refresh';
import { fieldProblem, periodProblemText } from './problems';

export interface SeriesView {
	from: string | null;
	to: string | null;
	points: SeriesPoint[];
	/** Limits per stretch between recalculations; those overlapping the window. */
	segments: Segment[];
	signals: Signal[];
	annotations: AnnotationView[];
	links: LinkView[];
}

/**
 * An indicator's values with centre line, limits, statuses and signals.
 * Limits are always computed from all values of their stretch; `from`/`to`
 * only choose which points are returned.
 */
export async function readSeries(
	db: Executor,
	indicator: IndicatorRow,
	window: { from?: string | null; to?: string | null } = {}
): Promise<SeriesView> {
	const bound = (value: string | null | undefined, field: string) => {
		if (!value) return null;
		const parsed = parsePeriod(value, indicator.frequency);
		if (!parsed.ok)
			throw badRequest(fieldProblem(field, periodProblemText(parsed, indicator.frequency)));
		return parsed.period;
	};
	const from = bound(window.from, 'from');
	const to = bound(window.to, 'to');
	const full: Series = await seriesOf(db, indicator);
	const inside = (period: string) => (!from || period >= from) && (!to || period <= to);
	const links = await listIndicatorLinks(db, indicator, full);
	// Completed linked tasks and suggestions mark the timeline by themselves.
	const completions: AnnotationView[] = links
		.filter((l) => l.changedOn && l.kind !== 'flow_step')
		.map((l) => ({
			id: null,
			period: periodOfDay(l.changedOn!, indicator.frequency),
			text: l.title,
			kind: l.kind as 'task' | 'suggestion',
			by: null
		}));
	const annotations = [...(await listAnnotations(db, indicator.id)), ...completions]
		.filter((a) => inside(a.period))
		.sort((a, b) => a.period.localeCompare(b.period));
	return {
		from,
		to,
		points: full.points.filter((p) => inside(p.period)),
		segments: full.segments.filter((s) => (!from || s.to >= from) && (!to || s.from <= to)),
		signals: full.signals.filter((s) => s.periods.some(inside)),
		annotations,
		links
	};
}
