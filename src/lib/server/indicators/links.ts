import { and, desc, eq, inArray } from 'drizzle-orm';
import {
	LINK_KINDS,
	PERIOD_EXAMPLES,
	dayOf,
	effectOf,
	periodOfDay,
	targetFor,
	type Effect,
	type IndicatorLinkKind,
	type Series
} from '$lib/model/indicators';
import type { Database, Executor } from '../db';
import { documents, indicatorLinks, suggestionEvents, suggestions, tasks } from '../db/schema';
import { generateId } from '../auth/secrets';
import { badRequest, notFound } from '../errors';
import { requireOneOf } from '../validate';
import { requireEditor, type IndicatorAccess, type IndicatorRow } from './access';
import { m } from '../../paraglide/messages.js';
import { noSuch } from '../id-nouns';

export interface LinkView {
	id: string;
	kind: IndicatorLinkKind;
	targetId: string;
	nodeId: string | null;
	title: string;
	/** The task's or suggestion's status; null for a flow step. */
	status: string | null;
	/** The day the change took effect: as given, or when the task or suggestion was done. */
	changedOn: string | null;
	/** Median before against after; null until there is a day of change. */
	effect: Effect | null;
}

/** `{kind, id, nodeId?, changedOn?}`: links a task, suggestion or flow step of the workspace. */
export async function addIndicatorLink(
	db: Database,
	access: IndicatorAccess,
	indicator: IndicatorRow,
	input: Record<string, unknown>
): Promise<string> {
	requireEditor(access);
	const kind = requireOneOf(input.kind, 'kind', LINK_KINDS);
	if (typeof input.id !== 'string' || input.id === '')
		throw badRequest(m.indsrv_field_required({ field: 'id' }));
	const targetId = input.id;
	let nodeId = '';
	if (kind === 'task') {
		const [row] = await db
			.select({ w: tasks.workspaceId })
			.from(tasks)
			.where(eq(tasks.id, targetId));
		if (row?.w !== access.workspaceId) throw badRequest(m.indsrv_link_not_task());
	} else if (kind === 'suggestion') {
		const [row] = await db
			.select({ w: suggestions.workspaceId })
			.from(suggestions)
			.where(eq(suggestions.id, targetId));
		if (row?.w !== access.workspaceId) throw badRequest(m.indsrv_link_not_suggestion());
	} else {
		const [row] = await db
			.select({ w: documents.workspaceId, kind: documents.kind })
			.from(documents)
			.where(eq(documents.id, targetId));
		if (row?.w !== access.workspaceId || row.kind !== 'flow')
			throw badRequest(m.indsrv_link_not_flow());
		if (typeof input.nodeId !== 'string' || input.nodeId === '' || input.nodeId.length > 100)
			throw badRequest(m.indsrv_link_node_required());
		nodeId = input.nodeId;
	}
	let changedOn: string | null = null;
	if (input.changedOn !== undefined && input.changedOn !== null && input.changedOn !== '') {
		if (typeof input.changedOn !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(input.changedOn))
			throw badRequest(m.indsrv_link_changed_on({ example: PERIOD_EXAMPLES.daily }));
		changedOn = input.changedOn;
	}
	const id = generateId();
	const [created] = await db
		.insert(indicatorLinks)
		.values({
			id,
			indicatorId: indicator.id,
			kind,
			targetId,
			nodeId,
			changedOn,
			createdBy: access.userId
		})
		.onConflictDoUpdate({
			target: [
				indicatorLinks.indicatorId,
				indicatorLinks.kind,
				indicatorLinks.targetId,
				indicatorLinks.nodeId
			],
			set: { changedOn }
		})
		.returning({ id: indicatorLinks.id });
	return created.id;
}

export async function removeIndicatorLink(
	db: Database,
	access: IndicatorAccess,
	indicator: IndicatorRow,
	linkId: string
): Promise<void> {
	requireEditor(access);
	const removed = await db
		.delete(indicatorLinks)
		.where(and(eq(indicatorLinks.id, linkId), eq(indicatorLinks.indicatorId, indicator.id)))
		.returning();
	if (removed.length === 0) throw notFound(noSuch('link'));
}

/** When each done suggestion was last marked done. */
async function suggestionsDoneOn(db: Executor, ids: string[]): Promise<Map<string, Date>> {
	const done = new Map<string, Date>();
	if (ids.length === 0) return done;
	const events = await db
		.select({
			id: suggestionEvents.suggestionId,
			data: suggestionEvents.data,
			at: suggestionEvents.createdAt
		})
		.from(suggestionEvents)
		.where(and(inArray(suggestionEvents.suggestionId, ids), eq(suggestionEvents.kind, 'status')))
		.orderBy(desc(suggestionEvents.id));
	for (const event of events) {
		if (!done.has(event.id) && event.data.to === 'done') done.set(event.id, event.at);
	}
	return done;
}

/** The indicator's links with what they point at and their effect on its values. */
export async function listIndicatorLinks(
	db: Executor,
	indicator: IndicatorRow,
	series: Series
): Promise<LinkView[]> {
	const links = await db
		.select()
		.from(indicatorLinks)
		.where(eq(indicatorLinks.indicatorId, indicator.id))
		.orderBy(indicatorLinks.createdAt);
	const ids = (kind: IndicatorLinkKind) =>
		links.filter((l) => l.kind === kind).map((l) => l.targetId);
	const taskRows = ids('task').length
		? await db
				.select()
				.from(tasks)
				.where(inArray(tasks.id, ids('task')))
		: [];
	const suggestionRows = ids('suggestion').length
		? await db
				.select()
				.from(suggestions)
				.where(inArray(suggestions.id, ids('suggestion')))
		: [];
	const flowRows = ids('flow_step').length
		? await db
				.select()
				.from(documents)
				.where(inArray(documents.id, ids('flow_step')))
		: [];
	const doneOn = await suggestionsDoneOn(
		db,
		suggestionRows.filter((s) => s.status === 'done').map((s) => s.id)
	);
	const points = series.points.map((p) => ({ period: p.period, value: p.value }));
	return links.map((link) => {
		let title = '';
		let status: string | null = null;
		let completed: Date | null = null;
		if (link.kind === 'task') {
			const task = taskRows.find((t) => t.id === link.targetId);
			title = task?.title ?? '';
			status = task?.status ?? null;
			completed = task?.status === 'done' ? task.completedAt : null;
		} else if (link.kind === 'suggestion') {
			const suggestion = suggestionRows.find((s) => s.id === link.targetId);
			title = suggestion?.title ?? '';
			status = suggestion?.status ?? null;
			completed = doneOn.get(link.targetId) ?? null;
		} else {
			title = flowRows.find((d) => d.id === link.targetId)?.title ?? '';
		}
		const changedOn = link.changedOn ?? (completed ? dayOf(completed) : null);
		const effect = changedOn
			? effectOf(
					points,
					periodOfDay(changedOn, indicator.frequency),
					indicator.direction,
					targetFor(indicator, periodOfDay(changedOn, indicator.frequency))
				)
			: null;
		return {
			id: link.id,
			kind: link.kind,
			targetId: link.targetId,
			nodeId: link.nodeId || null,
			title,
			status,
			changedOn,
			effect
		};
	});
}
