import { and, asc, eq, isNull } from 'drizzle-orm';
import { buildSeries, evaluationValueOf, type EvaluationValue } from '$lib/model/indicators';
import type { Executor } from '../db';
import { indicators, measurements } from '../db/schema';

/**
 * Every current indicator's value for `month` with its target, status and
 * signal, read from all of its values (so a signal is the one the chart
 * flags). Two queries for the whole workspace, however many indicators.
 */
export async function fillEvaluationValues(
	db: Executor,
	workspaceId: string,
	month: string
): Promise<EvaluationValue[]> {
	const active = and(eq(indicators.workspaceId, workspaceId), isNull(indicators.archivedAt));
	const list = await db.select().from(indicators).where(active).orderBy(asc(indicators.name));
	const rows = await db
		.select({
			indicatorId: measurements.indicatorId,
			period: measurements.period,
			value: measurements.value
		})
		.from(measurements)
		.innerJoin(indicators, eq(indicators.id, measurements.indicatorId))
		.where(active);
	const byIndicator = new Map<string, { period: string; value: number }[]>();
	for (const row of rows) {
		let points = byIndicator.get(row.indicatorId);
		if (!points) byIndicator.set(row.indicatorId, (points = []));
		points.push({ period: row.period, value: row.value });
	}
	return list.map((indicator) =>
		evaluationValueOf(indicator, buildSeries(indicator, byIndicator.get(indicator.id) ?? []), month)
	);
}
