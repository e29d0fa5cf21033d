import { and, asc, desc, eq, isNull, isNotNull } from 'drizzle-orm';
import type { IndicatorSummary, IndicatorView } from '$lib/model/indicators';
import type { Executor } from '../db';
import { indicators, measurementChanges, measurements, users } from '../db/schema';
import type { IndicatorRow } from './access';

export async function listMeasurements(db: Executor, indicatorId: string) {
	return db
		.select({ period: measurements.period, value: measurements.value, note: measurements.note })
		.from(measurements)
		.where(eq(measurements.indicatorId, indicatorId))
		.orderBy(asc(measurements.period));
}

export type { IndicatorView };

const EMPTY_SUMMARY: IndicatorSummary = {
	count: 0,
	latest: null,
	status: null,
	signals: [],
	spark: []
};

export function viewOf(row: IndicatorRow, ownerName: string | null): IndicatorView {
	return {
		id: row.id,
		workspaceId: row.workspaceId,
		name: row.name,
		definition: row.definition,
		unit: row.unit,
		direction: row.direction,
		frequency: row.frequency,
		target: row.target ?? null,
		warning: row.warning ?? null,
		alert: row.alert ?? null,
		targetSteps: row.targetSteps,
		recalculateFrom: row.recalculateFrom,
		owner: row.ownerId ? { id: row.ownerId, name: ownerName ?? '' } : null,
		categoryId: row.categoryId,
		dataSource: row.dataSource,
		archived: row.archivedAt !== null,
		summary: row.summary ?? EMPTY_SUMMARY,
		createdAt: row.createdAt.toISOString(),
		updatedAt: row.updatedAt.toISOString()
	};
}

/**
 * The workspace's indicators with their summaries — one query however many
 * values they hold (the summary is kept up to date on every write).
 */
export async function listIndicators(
	db: Executor,
	workspaceId: string,
	{ archived = false }: { archived?: boolean } = {}
): Promise<IndicatorView[]> {
	const rows = await db
		.select({ row: indicators, ownerName: users.name })
		.from(indicators)
		.leftJoin(users, eq(users.id, indicators.ownerId))
		.where(
			and(
				eq(indicators.workspaceId, workspaceId),
				archived ? isNotNull(indicators.archivedAt) : isNull(indicators.archivedAt)
			)
		)
		.orderBy(asc(indicators.name));
	return rows.map(({ row, ownerName }) => viewOf(row, ownerName));
}

export async function readIndicatorView(db: Executor, row: IndicatorRow): Promise<IndicatorView> {
	if (!row.ownerId) return viewOf(row, null);
	const [owner] = await db
		.select({ name: users.name })
		.from(users)
		.where(eq(users.id, row.ownerId));
	return viewOf(row, owner?.name ?? null);
}

export interface AuditEntry {
	period: string;
	oldValue: number | null;
	newValue: number | null;
	oldNote: string | null;
	newNote: string | null;
	source: string;
	by: { id: string; name: string } | null;
	at: string;
}

/** The latest changes of an indicator's values, newest first. */
export async function listChanges(
	db: Executor,
	indicatorId: string,
	{ period, limit = 100 }: { period?: string; limit?: number } = {}
): Promise<AuditEntry[]> {
	const rows = await db
		.select({ change: measurementChanges, name: users.name })
		.from(measurementChanges)
		.leftJoin(users, eq(users.id, measurementChanges.changedBy))
		.where(
			and(
				eq(measurementChanges.indicatorId, indicatorId),
				period ? eq(measurementChanges.period, period) : undefined
			)
		)
		.orderBy(desc(measurementChanges.id))
		.limit(limit);
	return rows.map(({ change, name }) => ({
		period: change.period,
		oldValue: change.oldValue,
		newValue: change.newValue,
		oldNote: change.oldNote,
		newNote: change.newNote,
		source: change.source,
		by: change.changedBy ? { id: change.changedBy, name: name ?? '' } : null,
		at: change.changedAt.toISOString()
	}));
}

export async function findIndicatorWorkspace(
	db: Executor,
	indicatorId: string
): Promise<string | null> {
	const [row] = await db
		.select({ workspaceId: indicators.workspaceId })
		.from(indicators)
		.where(eq(indicators.id, indicatorId));
	return row?.workspaceId ?? null;
}
