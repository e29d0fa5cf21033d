import type { Database } from '../db';
import { m } from '$lib/paraglide/messages';
import { notFound } from '../errors';
import { requireSuggestionAccess, type SuggestionAccess } from './access';
import { getSuggestion, workspaceOfSuggestion, type SuggestionView } from './queries';

/** The caller's access to the workspace a suggestion is in; 404 when there is no such suggestion. */
export async function accessToSuggestion(
	db: Database,
	suggestionId: string,
	userId: string
): Promise<SuggestionAccess> {
	const workspaceId = await workspaceOfSuggestion(db, suggestionId);
	if (!workspaceId) throw notFound(m.suggestions_error_not_found());
	return requireSuggestionAccess(db, workspaceId, userId);
}

/** The suggestion as the caller may see it, or 404. */
export async function requireSuggestion(
	db: Database,
	access: SuggestionAccess,
	viewer: { id: string; name: string },
	id: string
): Promise<SuggestionView> {
	const suggestion = await getSuggestion(db, access, viewer, id);
	if (!suggestion) throw notFound(m.suggestions_error_not_found());
	return suggestion;
}
