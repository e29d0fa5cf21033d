import { and, eq } from 'drizzle-orm';
import {
	EVALUATION_LIMITS,
	parsePeriod,
	readRatings,
	type EvaluationRatings
} from '$lib/model/indicators';
import { m } from '$lib/paraglide/messages';
import type { Database } from '../db';
import { evaluations } from '../db/schema';
import { generateId } from '../auth/secrets';
import { AppError, badRequest, forbidden, notFound } from '../errors';
import type { IndicatorAccess } from '../indicators/access';
import { fillEvaluationValues } from './values';

function requireEvaluationEditor(access: IndicatorAccess): void {
	if (!access.editor) throw forbidden(m.evaluations_error_viewer());
}

function requireMonth(value: unknown): string {
	const parsed = parsePeriod(value, 'monthly');
	if (!parsed.ok) throw badRequest(m.evaluations_error_period());
	return parsed.period;
}

/** The parts of an evaluation people write: ratings with comments, and the conclusion. */
function readWritten(input: Record<string, unknown>) {
	const written: { ratings?: EvaluationRatings; conclusion?: string } = {};
	if (input.ratings !== undefined) {
		const read = readRatings(input.ratings);
		if (!read.ok) throw badRequest(m.evaluations_error_rating({ field: read.field }));
		written.ratings = read.ratings;
	}
	if (input.conclusion !== undefined) {
		if (
			typeof input.conclusion !== 'string' ||
			input.conclusion.length > EVALUATION_LIMITS.conclusion
		) {
			throw badRequest(
				m.evaluations_error_conclusion({ max: String(EVALUATION_LIMITS.conclusion) })
			);
		}
		written.conclusion = input.conclusion.trim();
	}
	return written;
}

/**
 * `{period: '2026-11', ratings?, conclusion?}`: an evaluation of a month with
 * every current indicator's value for it filled in. One per month: a second
 * is a 409 naming the month.
 */
export async function createEvaluation(
	db: Database,
	access: IndicatorAccess,
	input: Record<string, unknown>
): Promise<string> {
	requireEvaluationEditor(access);
	const period = requireMonth(input.period);
	const written = readWritten(input);
	const id = generateId();
	return db.transaction(async (tx) => {
		const [taken] = await tx
			.select({ id: evaluations.id })
			.from(evaluations)
			.where(and(eq(evaluations.workspaceId, access.workspaceId), eq(evaluations.period, period)));
		if (taken) throw new AppError(409, 'evaluation_exists', m.evaluations_error_exists({ period }));
		await tx.insert(evaluations).values({
			id,
			workspaceId: access.workspaceId,
			period,
			values: await fillEvaluationValues(tx, access.workspaceId, period),
			ratings: written.ratings ?? {},
			conclusion: written.conclusion ?? '',
			createdBy: access.userId,
			updatedBy: access.userId
		});
		return id;
	});
}

/**
 * `{ratings?, conclusion?, refreshValues?}`: ratings merge aspect by aspect
 * (an aspect not sent keeps what it had); `refreshValues: true` fills the
 * values in again from the indicators as they are now.
 */
export async function updateEvaluation(
	db: Database,
	access: IndicatorAccess,
	id: string,
	input: Record<string, unknown>
): Promise<void> {
	requireEvaluationEditor(access);
	if (input.refreshValues !== undefined && typeof input.refreshValues !== 'boolean') {
		throw badRequest(m.evaluations_error_field({ field: 'refreshValues' }));
	}
	const written = readWritten(input);
	if (!written.ratings && written.conclusion === undefined && input.refreshValues !== true) {
		throw badRequest(m.evaluations_error_nothing());
	}
	await db.transaction(async (tx) => {
		const [row] = await tx
			.select()
			.from(evaluations)
			.where(and(eq(evaluations.id, id), eq(evaluations.workspaceId, access.workspaceId)))
			.for('update');
		if (!row) throw notFound(m.evaluations_error_not_found());
		await tx
			.update(evaluations)
			.set({
				ratings: written.ratings ? { ...row.ratings, ...written.ratings } : row.ratings,
				conclusion: written.conclusion ?? row.conclusion,
				values:
					input.refreshValues === true
						? await fillEvaluationValues(tx, access.workspaceId, row.period)
						: row.values,
				updatedBy: access.userId,
				updatedAt: new Date()
			})
			.where(eq(evaluations.id, id));
	});
}

/** Removes an evaluation made for the wrong month (editors); the indicators' values are untouched. */
export async function deleteEvaluation(
	db: Database,
	access: IndicatorAccess,
	id: string
): Promise<void> {
	requireEvaluationEditor(access);
	const removed = await db
		.delete(evaluations)
		.where(and(eq(evaluations.id, id), eq(evaluations.workspaceId, access.workspaceId)))
		.returning({ id: evaluations.id });
	if (removed.length === 0) throw notFound(m.evaluations_error_not_found());
}
