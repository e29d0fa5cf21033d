import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { buildSeries, evaluationValueOf, type EvaluationValue } from '$lib/model/indicators';
import type { Executor } from '../db';
import { rowsOf } from '../db/rows';
import { indicators } from '../db/schema';

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
	// One row per indicator with its values as JSON text: parsing 365,000
	// rows one by one through the driver cost seconds, one JSON.parse each
	// costs milliseconds.
	const rows = await db.execute<{ indicator_id: string; points: string }>(sql`
		select m.indicator_id, json_agg(json_build_object('period', m.period, 'value', m.value))::text as points
		from measurements m join indicators i on i.id = m.indicator_id
		where i.workspace_id = ${workspaceId} and i.archived_at is null
		group by m.indicator_id`);
	const byIndicator = new Map<string, { period: string; value: number }[]>();
	for (const row of rowsOf<{ indicator_id: string; points: string }>(rows))
		byIndicator.set(row.indicator_id, JSON.parse(row.points));
	return list.map((indicator) =>
		evaluationValueOf(indicator, buildSeries(indicator, byIndicator.get(indicator.id) ?? []), month)
	);
}
