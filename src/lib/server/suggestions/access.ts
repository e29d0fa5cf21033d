import { and, asc, eq } from 'drizzle-orm';
import type { Database, Executor } from '../db';
import { suggestionCategories, suggestionModerators, suggestionSettings } from '../db/schema';
import { generateId } from '../auth/secrets';
import { m } from '$lib/paraglide/messages';

/** Categories a new box starts with, named in the language of whoever opens it first. */
const defaultCategories = () => [
	m.suggestions_category_default_customer(),
	m.suggestions_category_default_process(),
	m.suggestions_category_default_tools(),
	m.suggestions_category_default_safety(),
	m.suggestions_category_default_cost(),
	m.suggestions_category_default_team(),
	m.suggestions_category_default_other()
];
import { forbidden } from '../errors';
import { requireWorkspaceRole } from '../workspaces';
import type { Role } from '../db/schema';

export interface SuggestionAccess {
	workspaceId: string;
	workspaceName: string;
	userId: string;
	role: Role;
	/** Owners, and members an owner made suggestion moderators. */
	moderator: boolean;
}

export async function isModerator(
	db: Executor,
	workspaceId: string,
	userId: string,
	role: Role
): Promise<boolean> {
	if (role === 'owner') return true;
	const [row] = await db
		.select({ userId: suggestionModerators.userId })
		.from(suggestionModerators)
		.where(
			and(
				eq(suggestionModerators.workspaceId, workspaceId),
				eq(suggestionModerators.userId, userId)
			)
		);
	return row !== undefined;
}

/** Every member may read, propose and vote, viewers included. */
export async function requireSuggestionAccess(
	db: Database,
	workspaceId: string,
	userId: string
): Promise<SuggestionAccess> {
	const workspace = await requireWorkspaceRole(db, workspaceId, userId);
	return {
		workspaceId,
		workspaceName: workspace.name,
		userId,
		role: workspace.role,
		moderator: await isModerator(db, workspaceId, userId, workspace.role)
	};
}

export async function requireModerator(
	db: Database,
	workspaceId: string,
	userId: string
): Promise<SuggestionAccess> {
	const access = await requireSuggestionAccess(db, workspaceId, userId);
	if (!access.moderator) {
		throw forbidden(m.suggestions_error_moderators_only());
	}
	return access;
}

export interface SuggestionSettings {
	allowAnonymous: boolean;
}

/**
 * The workspace's settings, creating them with the default categories on
 * first use. The insert that wins the race seeds; a concurrent one finds the
 * row and does nothing, so categories are seeded once.
 */
export async function ensureSettings(
	db: Database,
	workspaceId: string
): Promise<SuggestionSettings> {
	const [existing] = await db
		.select()
		.from(suggestionSettings)
		.where(eq(suggestionSettings.workspaceId, workspaceId));
	if (existing) return { allowAnonymous: existing.allowAnonymous };
	return db.transaction(async (tx) => {
		const created = await tx
			.insert(suggestionSettings)
			.values({ workspaceId })
			.onConflictDoNothing()
			.returning();
		if (created.length > 0) {
			await tx
				.insert(suggestionCategories)
				.values(
					defaultCategories().map((name, position) => ({
						id: generateId(),
						workspaceId,
						name,
						position
					}))
				)
				.onConflictDoNothing();
			return { allowAnonymous: created[0].allowAnonymous };
		}
		const [row] = await tx
			.select()
			.from(suggestionSettings)
			.where(eq(suggestionSettings.workspaceId, workspaceId));
		return { allowAnonymous: row.allowAnonymous };
	});
}

export interface Category {
	id: string;
	name: string;
}

export async function listCategories(db: Database, workspaceId: string): Promise<Category[]> {
	await ensureSettings(db, workspaceId);
	return db
		.select({ id: suggestionCategories.id, name: suggestionCategories.name })
		.from(suggestionCategories)
		.where(eq(suggestionCategories.workspaceId, workspaceId))
		.orderBy(asc(suggestionCategories.position), asc(suggestionCategories.name));
}
