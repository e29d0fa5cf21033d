import { eq } from 'drizzle-orm';
import type { Database } from '../db';
import { indicators } from '../db/schema';
import { generateId } from '../auth/secrets';
import { badRequest, conflict } from '../errors';
import { requireEditor, type IndicatorAccess, type IndicatorRow } from './access';
import { listIndicatorCategories } from './categories';
import { readDefinition } from './input';
import { refreshIndicator } from './refresh';
import { m } from '../../paraglide/messages.js';

/** Defines an indicator (editors). Its category defaults to the workspace's first. */
export async function createIndicator(
	db: Database,
	access: IndicatorAccess,
	input: Record<string, unknown>
): Promise<IndicatorRow> {
	requireEditor(access);
	const categories = await listIndicatorCategories(db, access.workspaceId);
	const definition = await readDefinition(db, access.workspaceId, input, null);
	const id = generateId();
	const [row] = await db
		.insert(indicators)
		.values({
			id,
			workspaceId: access.workspaceId,
			...definition,
			categoryId: 'categoryId' in input ? definition.categoryId : (categories[0]?.id ?? null),
			ownerId: 'ownerId' in input ? definition.ownerId : access.userId,
			createdBy: access.userId
		})
		.returning();
	return row;
}

/** Changes any part of the definition; the frequency only while there are no values. */
export async function updateIndicator(
	db: Database,
	access: IndicatorAccess,
	current: IndicatorRow,
	input: Record<string, unknown>
): Promise<IndicatorRow> {
	requireEditor(access);
	if ('archived' in input) {
		if (typeof input.archived !== 'boolean')
			throw badRequest(m.indsrv_field_boolean({ field: 'archived' }));
	}
	const definition = await readDefinition(db, access.workspaceId, input, current);
	if (definition.frequency !== current.frequency && (current.summary?.count ?? 0) > 0) {
		throw conflict(m.indsrv_frequency_locked());
	}
	return db.transaction(async (tx) => {
		const archivedAt =
			input.archived === true
				? (current.archivedAt ?? new Date())
				: input.archived === false
					? null
					: current.archivedAt;
		await tx
			.update(indicators)
			.set({ ...definition, archivedAt, updatedAt: new Date() })
			.where(eq(indicators.id, current.id));
		// Targets, thresholds and recalculation change statuses and limits.
		await refreshIndicator(tx, current.id);
		const [row] = await tx.select().from(indicators).where(eq(indicators.id, current.id));
		return row;
	});
}

/** DELETE archives: values, links and evaluations stay, and it can be restored. */
export async function archiveIndicator(
	db: Database,
	access: IndicatorAccess,
	current: IndicatorRow
): Promise<void> {
	requireEditor(access);
	if (current.archivedAt) return;
	await db
		.update(indicators)
		.set({ archivedAt: new Date(), updatedAt: new Date() })
		.where(eq(indicators.id, current.id));
}
