import { eq } from 'drizzle-orm';
import { addServerCard } from '$lib/model/retro';
import type { Database } from '../db';
import { indicatorCharts, indicatorLinks, tasks } from '../db/schema';
import { findDocument } from '../documents';
import { generateId } from '../auth/secrets';
import { badRequest, conflict, notFound } from '../errors';
import type { SyncHub } from '../runtime';
import type { TaskEvents } from '../task-events';
import { requireString } from '../validate';
import { requireEditor, type IndicatorAccess, type IndicatorRow } from './access';
import { m } from '../../paraglide/messages.js';

/*
 * From a signal to an improvement: a topic on a review board (with the chart
 * as a picture), an action in the task list, linked back to the indicator.
 */

export interface ReviewDeps {
	db: Database;
	sync: SyncHub | null;
	taskEvents: TaskEvents;
}

/** A chart picture is at most this large (a 1200 × 600 PNG is far smaller). */
const MAX_PNG_BYTES = 600 * 1024;
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const MAX_TOPIC_TEXT = 300;

function readPng(value: unknown): Uint8Array | null {
	if (value === undefined || value === null || value === '') return null;
	if (typeof value !== 'string') throw badRequest(m.indsrv_chart_not_text());
	const base64 = value.replace(/^data:image\/png;base64,/, '');
	if (base64.length > (MAX_PNG_BYTES * 4) / 3 + 4)
		throw badRequest(m.indsrv_chart_too_large({ max: MAX_PNG_BYTES / 1024 }));
	const bytes = Uint8Array.from(Buffer.from(base64, 'base64'));
	if (bytes.length < 8 || PNG_MAGIC.some((b, i) => bytes[i] !== b))
		throw badRequest(m.indsrv_chart_not_png());
	return bytes;
}

export async function readChart(
	db: Database,
	id: string
): Promise<{ png: Uint8Array; indicatorId: string } | null> {
	const [row] = await db
		.select({ png: indicatorCharts.png, indicatorId: indicatorCharts.indicatorId })
		.from(indicatorCharts)
		.where(eq(indicatorCharts.id, id));
	return row ?? null;
}

/**
 * `{documentId, columnId?, chart?, text?}`: a topic on that retro board — a
 * card with no author written by the server, carrying the chart picture (if
 * sent) and a link to the indicator page. `text` is the topic in the sender's
 * language; without it a plain English one is written.
 */
export async function takeIndicatorToMeeting(
	deps: ReviewDeps,
	access: IndicatorAccess,
	indicator: IndicatorRow,
	input: Record<string, unknown>,
	url: string
): Promise<{ documentId: string; topicId: string; chartId: string | null }> {
	requireEditor(access);
	if (typeof input.documentId !== 'string' || input.documentId === '')
		throw badRequest(m.indsrv_field_required({ field: 'documentId' }));
	const document = await findDocument(deps.db, input.documentId);
	if (!document || document.workspaceId !== access.workspaceId)
		throw badRequest(m.indsrv_board_not_here());
	if (document.kind !== 'retro') throw badRequest(m.indsrv_board_not_retro());
	if (document.archivedAt) throw conflict(m.indsrv_board_archived());
	if (!deps.sync) throw new Error('the sync server is not running in this process');
	const png = readPng(input.chart);
	const head =
		input.text === undefined
			? m.indsrv_review_topic({ name: indicator.name })
			: requireString(input.text, 'text', { max: 200 });
	const room = MAX_TOPIC_TEXT - url.length - 3;
	const text = `${head.length > room ? `${head.slice(0, room - 1)}…` : head} — ${url}`;
	let chartId: string | null = null;
	if (png) {
		chartId = generateId();
		await deps.db.insert(indicatorCharts).values({
			id: chartId,
			indicatorId: indicator.id,
			png,
			createdBy: access.userId
		});
	}
	const topicId = generateId();
	const columnId = typeof input.columnId === 'string' ? input.columnId : undefined;
	const result = await deps.sync.changeDocument(document.id, (doc) =>
		addServerCard(doc, {
			id: topicId,
			text,
			columnId,
			image: chartId ? `/api/v1/indicator-charts/${chartId}` : undefined
		})
	);
	if (!result.ok) throw result.missing ? notFound(result.problem) : conflict(result.problem);
	return { documentId: document.id, topicId, chartId };
}

/** `{title?}`: an action (a manual task) linked to the indicator, so its effect shows once done. */
export async function createIndicatorAction(
	deps: ReviewDeps,
	access: IndicatorAccess,
	indicator: IndicatorRow,
	input: Record<string, unknown>
): Promise<string> {
	requireEditor(access);
	const title =
		input.title === undefined
			? `Improve ${indicator.name}`
			: requireString(input.title, 'title', { max: 200 });
	const taskId = generateId();
	await deps.db.transaction(async (tx) => {
		await tx.insert(tasks).values({
			id: taskId,
			workspaceId: access.workspaceId,
			title,
			sourceKey: `indicator:${indicator.id}:${taskId}`,
			assigneeId: indicator.ownerId,
			createdBy: access.userId
		});
		await tx.insert(indicatorLinks).values({
			id: generateId(),
			indicatorId: indicator.id,
			kind: 'task',
			targetId: taskId,
			createdBy: access.userId
		});
	});
	deps.taskEvents.publish({ workspaceId: access.workspaceId, taskIds: [taskId] });
	return taskId;
}
