import { and, desc, eq } from 'drizzle-orm';
import type { Database } from './db';
import { apiTokens, users } from './db/schema';
import { generateId, generateSecret, hashSecret, secretMatches, splitToken } from './auth/secrets';
import { publishRevocation } from './auth/revocations';
import { notFound } from './errors';
import { m } from '../paraglide/messages.js';
import { requireString } from './validate';
import type { User } from './users';
import type { SessionUser } from './auth/session';

/** The prefix makes leaked tokens easy to recognise in logs and by secret scanners. */
export const API_TOKEN_PREFIX = 'olt_';

export interface ApiTokenInfo {
	id: string;
	name: string;
	createdAt: Date;
	lastUsedAt: Date | null;
}

export async function createApiToken(
	db: Database,
	userId: string,
	nameInput: unknown
): Promise<ApiTokenInfo & { token: string }> {
	const name = requireString(nameInput, m.server_field_name(), { max: 100 });
	const id = generateId();
	const secret = generateSecret();
	const [row] = await db
		.insert(apiTokens)
		.values({ id, userId, name, secretHash: hashSecret(secret) })
		.returning();
	return {
		id,
		name,
		createdAt: row.createdAt,
		lastUsedAt: null,
		token: `${API_TOKEN_PREFIX}${id}.${secret}`
	};
}

export async function listApiTokens(db: Database, userId: string): Promise<ApiTokenInfo[]> {
	return db
		.select({
			id: apiTokens.id,
			name: apiTokens.name,
			createdAt: apiTokens.createdAt,
			lastUsedAt: apiTokens.lastUsedAt
		})
		.from(apiTokens)
		.where(eq(apiTokens.userId, userId))
		.orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken(db: Database, userId: string, id: string): Promise<void> {
	const deleted = await db
		.delete(apiTokens)
		.where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId)))
		.returning({ id: apiTokens.id });
	if (deleted.length === 0) throw notFound(m.server_no_such_token());
	// Sockets opened with the token stop too, not only the next request.
	publishRevocation({ tokenIds: [id] });
}

/** Resolves a presented token to its user, or null. Records when it was last used (at most once a minute). */
export async function validateApiToken(db: Database, token: string): Promise<User | null> {
	return (await resolveApiToken(db, token))?.user ?? null;
}

/** Like validateApiToken, also naming the token, for connections that must end when it is revoked. */
export async function resolveApiToken(
	db: Database,
	token: string
): Promise<{ user: SessionUser; tokenId: string } | null> {
	const parts = splitToken(token, API_TOKEN_PREFIX);
	if (!parts) return null;
	const [row] = await db
		.select({
			secretHash: apiTokens.secretHash,
			lastUsedAt: apiTokens.lastUsedAt,
			id: users.id,
			email: users.email,
			name: users.name,
			locale: users.locale
		})
		.from(apiTokens)
		.innerJoin(users, eq(users.id, apiTokens.userId))
		.where(eq(apiTokens.id, parts.id));
	if (!row || !secretMatches(parts.secret, row.secretHash)) return null;
	if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
		await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, parts.id));
	}
	return {
		user: { id: row.id, email: row.email, name: row.name, locale: row.locale },
		tokenId: parts.id
	};
}
