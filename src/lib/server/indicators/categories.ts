import { and, asc, eq, max } from 'drizzle-orm';
import { DEFAULT_INDICATOR_CATEGORIES, INDICATOR_LIMITS } from '$lib/model/indicators';
import type { Database } from '../db';
import { indicatorCategories, indicatorSettings } from '../db/schema';
import { generateId } from '../auth/secrets';
import { badRequest, conflict, notFound } from '../errors';
import { requireString } from '../validate';
import { m } from '../../paraglide/messages.js';
import { noSuch } from '../id-nouns';

export interface IndicatorCategory {
	id: string;
	/** Set for the seeded categories: the reader's language names them until renamed. */
	defaultKey: string | null;
	/** Null while a seeded category keeps its default name. */
	name: string | null;
}

/**
 * Seeds the four default categories on a workspace's first use. The insert
 * of the settings row that wins a race seeds; a concurrent one does nothing,
 * and a workspace that removed a default category does not get it back.
 */
async function ensureSeeded(db: Database, workspaceId: string): Promise<void> {
	const [existing] = await db
		.select({ id: indicatorSettings.workspaceId })
		.from(indicatorSettings)
		.where(eq(indicatorSettings.workspaceId, workspaceId));
	if (existing) return;
	await db.transaction(async (tx) => {
		const created = await tx
			.insert(indicatorSettings)
			.values({ workspaceId })
			.onConflictDoNothing()
			.returning();
		if (created.length === 0) return;
		await tx.insert(indicatorCategories).values(
			DEFAULT_INDICATOR_CATEGORIES.map((key, position) => ({
				id: generateId(),
				workspaceId,
				defaultKey: key,
				name: null,
				position
			}))
		);
	});
}

export async function listIndicatorCategories(
	db: Database,
	workspaceId: string
): Promise<IndicatorCategory[]> {
	await ensureSeeded(db, workspaceId);
	return db
		.select({
			id: indicatorCategories.id,
			defaultKey: indicatorCategories.defaultKey,
			name: indicatorCategories.name
		})
		.from(indicatorCategories)
		.where(eq(indicatorCategories.workspaceId, workspaceId))
		.orderBy(asc(indicatorCategories.position), asc(indicatorCategories.createdAt));
}

export async function addIndicatorCategory(
	db: Database,
	workspaceId: string,
	input: Record<string, unknown>
): Promise<IndicatorCategory> {
	const name = requireString(input.name, 'name', { max: INDICATOR_LIMITS.category });
	const existing = await listIndicatorCategories(db, workspaceId);
	if (existing.length >= INDICATOR_LIMITS.categories) {
		throw conflict(m.indsrv_categories_max({ max: INDICATOR_LIMITS.categories }));
	}
	const [{ last }] = await db
		.select({ last: max(indicatorCategories.position) })
		.from(indicatorCategories)
		.where(eq(indicatorCategories.workspaceId, workspaceId));
	const row = { id: generateId(), workspaceId, defaultKey: null, name, position: (last ?? 0) + 1 };
	await db.insert(indicatorCategories).values(row);
	return { id: row.id, defaultKey: null, name };
}

/** `{name}`: renames a category; an empty name gives a seeded category its default name back. */
export async function renameIndicatorCategory(
	db: Database,
	workspaceId: string,
	id: string,
	input: Record<string, unknown>
): Promise<void> {
	const [row] = await db
		.select()
		.from(indicatorCategories)
		.where(and(eq(indicatorCategories.id, id), eq(indicatorCategories.workspaceId, workspaceId)));
	if (!row) throw notFound(noSuch('category'));
	let name: string | null = null;
	if (input.name === '' || input.name === null) {
		if (!row.defaultKey) throw badRequest(m.indsrv_field_required({ field: 'name' }));
	} else {
		name = requireString(input.name, 'name', { max: INDICATOR_LIMITS.category });
	}
	await db.update(indicatorCategories).set({ name }).where(eq(indicatorCategories.id, id));
}
