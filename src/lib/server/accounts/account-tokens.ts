import { and, eq, isNull } from 'drizzle-orm';
import type { Database, Executor } from '../db';
import { accountTokens, type AccountTokenPurpose } from '../db/schema';
import { generateId, generateSecret, hashSecret, secretMatches, splitToken } from '../auth/secrets';
import { gone, notFound } from '../errors';
import { m } from '../../paraglide/messages.js';

/**
 * Single-use links mailed to a person (password reset, email confirmation).
 * The token is `<id>.<secret>`; only the secret's hash is stored, and the one
 * request that sets `used_at` wins, so a link cannot be used twice even by
 * two requests at once.
 */
export async function issueAccountToken(
	db: Executor,
	input: { userId: string; purpose: AccountTokenPurpose; lifetimeMs: number; email?: string }
): Promise<string> {
	const id = generateId();
	const secret = generateSecret();
	await db.insert(accountTokens).values({
		id,
		userId: input.userId,
		purpose: input.purpose,
		email: input.email ?? null,
		secretHash: hashSecret(secret),
		expiresAt: new Date(Date.now() + input.lifetimeMs)
	});
	return `${id}.${secret}`;
}

export type AccountTokenState = 'valid' | 'used' | 'expired';

async function findToken(db: Executor, token: string, purpose: AccountTokenPurpose) {
	const parts = splitToken(token);
	if (!parts) return null;
	const [row] = await db
		.select()
		.from(accountTokens)
		.where(and(eq(accountTokens.id, parts.id), eq(accountTokens.purpose, purpose)));
	if (!row || !secretMatches(parts.secret, row.secretHash)) return null;
	const state: AccountTokenState = row.usedAt
		? 'used'
		: row.expiresAt.getTime() <= Date.now()
			? 'expired'
			: 'valid';
	return { row, state };
}

/** What a link's page should say: null when the token names nothing. */
export async function inspectAccountToken(
	db: Database,
	token: string,
	purpose: AccountTokenPurpose
): Promise<{ state: AccountTokenState; email: string | null } | null> {
	const found = await findToken(db, token, purpose);
	return found ? { state: found.state, email: found.row.email } : null;
}

/** What a person is told about a link that does not work, per kind of link. */
const LINK_SENTENCES: Record<
	AccountTokenPurpose,
	{ invalid: () => string; used: () => string; expired: () => string }
> = {
	password_reset: {
		invalid: () => m.server_link_invalid_password_reset(),
		used: () => m.server_link_used_password_reset(),
		expired: () => m.server_link_expired_password_reset()
	},
	email_change: {
		invalid: () => m.server_link_invalid_email_change(),
		used: () => m.server_link_used_email_change(),
		expired: () => m.server_link_expired_email_change()
	}
};

/**
 * Uses the token up: 404 when it names nothing, 410 when it was used or has
 * expired. Every other unused token of the same purpose for the same person
 * dies with it (one reset ends all the reset links in their inbox).
 */
export async function consumeAccountToken(
	db: Executor,
	token: string,
	purpose: AccountTokenPurpose
): Promise<{ userId: string; email: string | null }> {
	const found = await findToken(db, token, purpose);
	const says = LINK_SENTENCES[purpose];
	if (!found) throw notFound(says.invalid());
	if (found.state !== 'valid') throw gone(found.state === 'used' ? says.used() : says.expired());
	const claimed = await db
		.update(accountTokens)
		.set({ usedAt: new Date() })
		.where(and(eq(accountTokens.id, found.row.id), isNull(accountTokens.usedAt)))
		.returning({ id: accountTokens.id });
	if (claimed.length === 0) throw gone(says.used());
	await db
		.update(accountTokens)
		.set({ usedAt: new Date() })
		.where(
			and(
				eq(accountTokens.userId, found.row.userId),
				eq(accountTokens.purpose, purpose),
				isNull(accountTokens.usedAt)
			)
		);
	return { userId: found.row.userId, email: found.row.email };
}
