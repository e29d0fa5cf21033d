import { eq } from 'drizzle-orm';
import type { Database } from '../db';
import { sessions, users } from '../db/schema';
import { publishRevocation } from './revocations';
import { generateId, generateSecret, hashSecret, secretMatches, splitToken } from './secrets';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Sessions last 30 days from their last use (sliding expiry). */
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** Extending the expiry costs a write, so it is done at most once a day per session. */
const RENEW_WHEN_LEFT_MS = SESSION_LIFETIME_MS - DAY_MS;

export const SESSION_COOKIE = 'opsloom_session';

export interface SessionUser {
	id: string;
	email: string;
	name: string;
}

export interface Session {
	id: string;
	userId: string;
	expiresAt: Date;
}

export interface ValidatedSession {
	session: Session;
	user: SessionUser;
	/** True when the expiry moved: the cookie should be set again. */
	renewed: boolean;
}

export async function createSession(
	db: Database,
	userId: string
): Promise<{ token: string; session: Session }> {
	const id = generateId();
	const secret = generateSecret();
	const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
	await db.insert(sessions).values({ id, userId, secretHash: hashSecret(secret), expiresAt });
	return { token: `${id}.${secret}`, session: { id, userId, expiresAt } };
}

export async function validateSessionToken(
	db: Database,
	token: string
): Promise<ValidatedSession | null> {
	const parts = splitToken(token);
	if (!parts) return null;
	const [row] = await db
		.select({
			id: sessions.id,
			userId: sessions.userId,
			secretHash: sessions.secretHash,
			expiresAt: sessions.expiresAt,
			email: users.email,
			name: users.name
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(eq(sessions.id, parts.id));
	if (!row || !secretMatches(parts.secret, row.secretHash)) return null;
	const now = Date.now();
	if (row.expiresAt.getTime() <= now) {
		await db.delete(sessions).where(eq(sessions.id, row.id));
		return null;
	}
	let expiresAt = row.expiresAt;
	let renewed = false;
	if (expiresAt.getTime() - now < RENEW_WHEN_LEFT_MS) {
		expiresAt = new Date(now + SESSION_LIFETIME_MS);
		await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, row.id));
		renewed = true;
	}
	return {
		session: { id: row.id, userId: row.userId, expiresAt },
		user: { id: row.userId, email: row.email, name: row.name },
		renewed
	};
}

/** Ends a session: its cookie stops working and every socket and stream it opened is closed. */
export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.id, sessionId));
	publishRevocation({ sessionIds: [sessionId] });
}

export function sessionCookieOptions(secure: boolean, expiresAt: Date) {
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax' as const,
		secure,
		expires: expiresAt
	};
}
