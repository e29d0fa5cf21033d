import { eq } from 'drizzle-orm';
import {
	buildSeries,
	currentEpisodes,
	summarise,
	type Episode,
	type Series
} from '$lib/model/indicators';
import type { Executor } from '../db';
import { indicatorEpisodes, indicators, workspaces } from '../db/schema';
import { notify } from '../notifications/commands';
import type { IndicatorRow } from './access';
import { listMeasurements } from './queries';

export async function seriesOf(db: Executor, indicator: IndicatorRow): Promise<Series> {
	return buildSeries(indicator, await listMeasurements(db, indicator.id));
}

export function formatValue(value: number, unit: string): string {
	const text = Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
	return unit ? `${text} ${unit}` : text;
}

/**
 * Recomputes the indicator's summary from all its values and tells the owner
 * of an episode that is new (a signal, or values past the alert threshold,
 * going on at the latest point). An episode is named by its first period and
 * recorded in indicator_episodes, so it is announced once however often its
 * values are sent again. Runs in the transaction that changed the values.
 */
export async function refreshIndicator(tx: Executor, indicatorId: string): Promise<Episode[]> {
	const [indicator] = await tx.select().from(indicators).where(eq(indicators.id, indicatorId));
	const series = await seriesOf(tx, indicator);
	await tx
		.update(indicators)
		.set({ summary: summarise(series), updatedAt: new Date() })
		.where(eq(indicators.id, indicatorId));
	const fresh: Episode[] = [];
	for (const episode of currentEpisodes(indicator, series)) {
		const created = await tx
			.insert(indicatorEpisodes)
			.values({ indicatorId, kind: episode.kind, startPeriod: episode.startPeriod })
			.onConflictDoNothing()
			.returning();
		if (created.length > 0) fresh.push(episode);
	}
	if (fresh.length > 0 && indicator.ownerId && !indicator.archivedAt) {
		const [workspace] = await tx
			.select({ name: workspaces.name })
			.from(workspaces)
			.where(eq(workspaces.id, indicator.workspaceId));
		const latest = series.points.at(-1)!;
		// No actor: the series, not a person, raised it, so an owner who sent
		// the value themselves is told as well.
		await notify(
			{ db: tx },
			fresh.map((episode) => ({
				recipientId: indicator.ownerId!,
				workspaceId: indicator.workspaceId,
				kind:
					episode.kind === 'signal' ? ('indicator_signal' as const) : ('indicator_alert' as const),
				actorId: null,
				dedupeKey: `indicator_${episode.kind}:${indicator.id}:${episode.startPeriod}`,
				url: `/w/${indicator.workspaceId}/indicators/${indicator.id}`,
				data: {
					workspaceName: workspace?.name,
					indicatorName: indicator.name,
					period: latest.period,
					valueText: formatValue(latest.value, indicator.unit)
				}
			}))
		);
	}
	return fresh;
}
