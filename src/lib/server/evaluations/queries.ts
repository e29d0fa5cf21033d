import { and, desc, eq, inArray } from 'drizzle-orm';
import type { EvaluationRatings, EvaluationValue } from '$lib/model/indicators';
import type { Executor } from '../db';
import { evaluations, users } from '../db/schema';

export type EvaluationRow = typeof evaluations.$inferSelect;

/** An evaluation as the API and the pages show it. */
export interface EvaluationView {
	id: string;
	workspaceId: string;
	/** The month evaluated, `2026-11`. */
	period: string;
	values: EvaluationValue[];
	ratings: EvaluationRatings;
	conclusion: string;
	createdBy: { id: string; name: string } | null;
	updatedBy: { id: string; name: string } | null;
	createdAt: string;
	updatedAt: string;
}

/** The list's line: no values, so a list of years stays small. */
export type EvaluationSummary = Omit<EvaluationView, 'values'> & {
	counts: { indicators: number; onTarget: number; signals: number };
};

function viewOf(row: EvaluationRow, names: Map<string, string>): EvaluationView {
	const person = (id: string | null) => (id ? { id, name: names.get(id) ?? '' } : null);
	return {
		id: row.id,
		workspaceId: row.workspaceId,
		period: row.period,
		values: row.values,
		ratings: row.ratings,
		conclusion: row.conclusion,
		createdBy: person(row.createdBy),
		updatedBy: person(row.updatedBy),
		createdAt: row.createdAt.toISOString(),
		updatedAt: row.updatedAt.toISOString()
	};
}

async function namesOf(db: Executor, rows: EvaluationRow[]): Promise<Map<string, string>> {
	const ids = [...new Set(rows.flatMap((r) => [r.createdBy, r.updatedBy]).filter((id) => id))];
	if (ids.length === 0) return new Map();
	const found = await db
		.select({ id: users.id, name: users.name })
		.from(users)
		.where(inArray(users.id, ids as string[]));
	return new Map(found.map((u) => [u.id, u.name]));
}

/** The workspace's evaluations, newest month first. */
export async function listEvaluations(
	db: Executor,
	workspaceId: string
): Promise<EvaluationSummary[]> {
	const rows = await db
		.select()
		.from(evaluations)
		.where(eq(evaluations.workspaceId, workspaceId))
		.orderBy(desc(evaluations.period));
	const names = await namesOf(db, rows);
	return rows.map((row) => {
		const { values, ...view } = viewOf(row, names);
		return {
			...view,
			counts: {
				indicators: values.filter((v) => v.value !== null).length,
				onTarget: values.filter((v) => v.status === 'on_target').length,
				signals: values.filter((v) => v.signal).length
			}
		};
	});
}

/** The evaluations named by `ids` (of this workspace), oldest month first: for comparing. */
export async function readEvaluations(
	db: Executor,
	workspaceId: string,
	ids: string[]
): Promise<EvaluationView[]> {
	if (ids.length === 0) return [];
	const rows = await db
		.select()
		.from(evaluations)
		.where(and(eq(evaluations.workspaceId, workspaceId), inArray(evaluations.id, ids)))
		.orderBy(evaluations.period);
	const names = await namesOf(db, rows);
	return rows.map((row) => viewOf(row, names));
}

export async function findEvaluation(
	db: Executor,
	workspaceId: string,
	id: string
): Promise<EvaluationView | null> {
	return (await readEvaluations(db, workspaceId, [id]))[0] ?? null;
}
