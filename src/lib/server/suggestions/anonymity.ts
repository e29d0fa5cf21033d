import { eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db';
import { rowsOf } from '../db/rows';
import { suggestionAuthors, suggestions } from '../db/schema';

/*
 * The one module that reads `suggestion_authors`, the only place that links an
 * anonymous suggestion to its author (docs/suggestions.md). Everything here
 * answers a question about the *caller* ("did I write this?") or serves the
 * author themselves (notify them); nothing returns the author of a suggestion
 * to someone else.
 */

/** Who wrote a suggestion, for the server's own use (notifying the author, "may I edit"). */
export async function writerOf(db: Executor, suggestionId: string): Promise<string | null> {
	const [row] = await db
		.select({ userId: suggestionAuthors.userId })
		.from(suggestionAuthors)
		.where(eq(suggestionAuthors.suggestionId, suggestionId));
	return row?.userId ?? null;
}

export async function isWriter(
	db: Executor,
	suggestionId: string,
	userId: string
): Promise<boolean> {
	return (await writerOf(db, suggestionId)) === userId;
}

/** SQL: whether `viewerId` wrote the suggestion `idColumn` names. Only ever the viewer's own id. */
export function viewerWrote(
	viewerId: string,
	idColumn: SQL | typeof suggestions.id = suggestions.id
): SQL {
	return sql`exists (select 1 from ${suggestionAuthors} where ${suggestionAuthors.suggestionId} = ${idColumn} and ${suggestionAuthors.userId} = ${viewerId})`;
}

/** SQL: whether `viewerId` wrote it and still follows it. */
export function viewerWroteAndFollows(viewerId: string, idColumn: SQL): SQL {
	return sql`exists (select 1 from ${suggestionAuthors} where ${suggestionAuthors.suggestionId} = ${idColumn} and ${suggestionAuthors.userId} = ${viewerId} and ${suggestionAuthors.following})`;
}

/** The writers that follow any of these suggestions: recipients of news about them. */
export async function followingWriters(db: Executor, suggestionIds: string[]): Promise<string[]> {
	if (suggestionIds.length === 0) return [];
	const rows = await db.execute<{ user_id: string }>(
		sql`select distinct user_id from ${suggestionAuthors} where suggestion_id in (${sql.join(
			suggestionIds.map((id) => sql`${id}`),
			sql`, `
		)}) and following`
	);
	return rowsOf<{ user_id: string }>(rows).map((r) => r.user_id);
}

/** The author as others may see them: nobody when anonymous. */
export function shownAuthor(
	row: { anonymous: boolean; authorId: string | null; authorName: string | null },
	viewerWroteIt: boolean,
	viewer: { id: string; name: string }
): { id: string; name: string } | null {
	if (!row.anonymous)
		return row.authorId && row.authorName ? { id: row.authorId, name: row.authorName } : null;
	// The author sees themselves; everyone else sees no one.
	return viewerWroteIt ? { id: viewer.id, name: viewer.name } : null;
}
