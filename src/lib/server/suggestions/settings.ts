import { and, eq, inArray, notInArray } from 'drizzle-orm';
import { SUGGESTION_LIMITS } from '$lib/model/suggestions';
import type { Database } from '../db';
import {
	memberships,
	suggestionCategories,
	suggestionModerators,
	suggestionSettings,
	users
} from '../db/schema';
import { generateId } from '../auth/secrets';
import { m } from '$lib/paraglide/messages';
import { badRequest } from '../errors';
import { fieldError, requireBoolean, requireText } from './fields';
import { ensureSettings, listCategories, type Category } from './access';

export interface SuggestionBoxSettings {
	allowAnonymous: boolean;
	categories: Category[];
	moderators: { id: string; name: string }[];
}

export async function readSettings(
	db: Database,
	workspaceId: string
): Promise<SuggestionBoxSettings> {
	const { allowAnonymous } = await ensureSettings(db, workspaceId);
	const moderators = await db
		.select({ id: users.id, name: users.name })
		.from(suggestionModerators)
		.innerJoin(users, eq(users.id, suggestionModerators.userId))
		.where(eq(suggestionModerators.workspaceId, workspaceId));
	return { allowAnonymous, categories: await listCategories(db, workspaceId), moderators };
}

/**
 * Owners change the box: `allowAnonymous`, the category list (`categories`:
 * `[{id?, name}]` in order; an entry without id is new, a category left out
 * is removed and its suggestions keep no category) and `moderators` (member ids).
 */
export async function changeSettings(
	db: Database,
	workspaceId: string,
	input: Record<string, unknown>
): Promise<void> {
	await ensureSettings(db, workspaceId);
	await db.transaction(async (tx) => {
		if (input.allowAnonymous !== undefined) {
			const allowAnonymous = requireBoolean(input.allowAnonymous, 'allowAnonymous');
			await tx
				.update(suggestionSettings)
				.set({ allowAnonymous })
				.where(eq(suggestionSettings.workspaceId, workspaceId));
		}
		if (input.categories !== undefined) {
			const list = input.categories;
			if (!Array.isArray(list) || list.length === 0 || list.length > SUGGESTION_LIMITS.categories) {
				throw badRequest(
					m.suggestions_error_categories_count({
						field: 'categories',
						max: SUGGESTION_LIMITS.categories
					})
				);
			}
			const existing = await tx
				.select({ id: suggestionCategories.id })
				.from(suggestionCategories)
				.where(eq(suggestionCategories.workspaceId, workspaceId));
			const known = new Set(existing.map((c) => c.id));
			const names = new Set<string>();
			const kept: string[] = [];
			const entries = list.map((raw, i) => {
				const entry = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<
					string,
					unknown
				>;
				const name = requireText(entry.name, `categories[${i}].name`, SUGGESTION_LIMITS.category);
				if (names.has(name.toLowerCase())) {
					throw fieldError(`categories[${i}].name`, m.suggestions_error_category_repeat);
				}
				names.add(name.toLowerCase());
				const id = typeof entry.id === 'string' && known.has(entry.id) ? entry.id : null;
				if (entry.id !== undefined && !id) {
					throw fieldError(`categories[${i}].id`, m.suggestions_error_category_id);
				}
				if (id) kept.push(id);
				return { id, name, position: i };
			});
			await tx
				.delete(suggestionCategories)
				.where(
					kept.length > 0
						? and(
								eq(suggestionCategories.workspaceId, workspaceId),
								notInArray(suggestionCategories.id, kept)
							)
						: eq(suggestionCategories.workspaceId, workspaceId)
				);
			// Renames go through temporary names first, so swapping two names never trips the unique index.
			for (const e of entries) {
				if (e.id) {
					await tx
						.update(suggestionCategories)
						.set({ name: `\u2063${e.id}` })
						.where(eq(suggestionCategories.id, e.id));
				}
			}
			for (const e of entries) {
				if (e.id) {
					await tx
						.update(suggestionCategories)
						.set({ name: e.name, position: e.position })
						.where(eq(suggestionCategories.id, e.id));
				} else {
					await tx
						.insert(suggestionCategories)
						.values({ id: generateId(), workspaceId, name: e.name, position: e.position });
				}
			}
		}
		if (input.moderators !== undefined) {
			const ids = input.moderators;
			if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string') || ids.length > 200) {
				throw fieldError('moderators', m.suggestions_error_moderators_list);
			}
			const members =
				ids.length === 0
					? []
					: await tx
							.select({ userId: memberships.userId })
							.from(memberships)
							.where(
								and(
									eq(memberships.workspaceId, workspaceId),
									inArray(memberships.userId, ids as string[])
								)
							);
			if (members.length !== new Set(ids).size)
				throw fieldError('moderators', m.suggestions_error_moderators_members);
			await tx
				.delete(suggestionModerators)
				.where(eq(suggestionModerators.workspaceId, workspaceId));
			if (members.length > 0) {
				await tx
					.insert(suggestionModerators)
					.values(members.map((m) => ({ workspaceId, userId: m.userId })));
			}
		}
	});
}
