import { and, asc, eq } from 'drizzle-orm';
import { INDICATOR_LIMITS, parsePeriod } from '$lib/model/indicators';
import type { Database, Executor } from '../db';
import { indicatorAnnotations, users } from '../db/schema';
import { generateId } from '../auth/secrets';
import { badRequest, notFound } from '../errors';
import { requireString } from '../validate';
import { requireEditor, type IndicatorAccess, type IndicatorRow } from './access';
import { noSuch } from '../id-nouns';
import { fieldProblem, periodProblemText } from './problems';

export interface AnnotationView {
	id: string | null;
	period: string;
	text: string;
	/** `note` by a person; `task` or `suggestion` when a linked one was completed. */
	kind: 'note' | 'task' | 'suggestion';
	by: string | null;
}

/** `{period, text}`: marks an event on the indicator's timeline. */
export async function addAnnotation(
	db: Database,
	access: IndicatorAccess,
	indicator: IndicatorRow,
	input: Record<string, unknown>
): Promise<string> {
	requireEditor(access);
	const period = parsePeriod(input.period, indicator.frequency);
	if (!period.ok)
		throw badRequest(fieldProblem('period', periodProblemText(period, indicator.frequency)));
	const text = requireString(input.text, 'text', { max: INDICATOR_LIMITS.note });
	const id = generateId();
	await db.insert(indicatorAnnotations).values({
		id,
		indicatorId: indicator.id,
		period: period.period,
		text,
		createdBy: access.userId
	});
	return id;
}

export async function removeAnnotation(
	db: Database,
	access: IndicatorAccess,
	indicator: IndicatorRow,
	id: string
): Promise<void> {
	requireEditor(access);
	const removed = await db
		.delete(indicatorAnnotations)
		.where(and(eq(indicatorAnnotations.id, id), eq(indicatorAnnotations.indicatorId, indicator.id)))
		.returning();
	if (removed.length === 0) throw notFound(noSuch('annotation'));
}

export async function listAnnotations(
	db: Executor,
	indicatorId: string
): Promise<AnnotationView[]> {
	const rows = await db
		.select({ row: indicatorAnnotations, name: users.name })
		.from(indicatorAnnotations)
		.leftJoin(users, eq(users.id, indicatorAnnotations.createdBy))
		.where(eq(indicatorAnnotations.indicatorId, indicatorId))
		.orderBy(asc(indicatorAnnotations.period));
	return rows.map(({ row, name }) => ({
		id: row.id,
		period: row.period,
		text: row.text,
		kind: 'note' as const,
		by: name
	}));
}
