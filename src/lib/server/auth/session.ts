import { and, desc, eq, ne } from 'drizzle-orm';
import type { Database, Executor } from '../db';
import { sessions, users } from '../db/schema';
import { publishRevocation } from './revocations';
import { generateId, generateSecret, hashSecret, secretMatches, splitToken } from './secrets';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Sessions last 30 days from their last use (sliding expiry). */
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** Extending the expiry costs a write, so it is done at most once a day per session. */
const RENEW_WHEN_LEFT_MS = SESSION_LIFETIME_MS - DAY_MS;
/** "Last seen" is for people telling their devices apart: five minutes is precise enough and saves a write per request. */
const LAST_SEEN_PRECISION_MS = 5 * 60 * 1000;
/** Headers are client-controlled; a cap keeps a giant one out of the table. */
const MAX_USER_AGENT_LENGTH = 512;

export const SESSION_COOKIE = 'opsloom_session';

export interface SessionUser {
	id: string;
	email: string;
	name: string;
	/** The language they chose in settings; null follows the browser. */
	locale: string | null;
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

/** Where a session was started, as the request told us. */
export interface SessionDevice {
	userAgent: string | null;
	ip: string | null;
}

export interface SessionInfo {
	id: string;
	userAgent: string | null;
	ip: string | null;
	createdAt: Date;
	lastSeenAt: Date;
	/** The session the asking request came with. */
	current: boolean;
}

export async function createSession(
	db: Executor,
	userId: string,
	device: SessionDevice = { userAgent: null, ip: null }
): Promise<{ token: string; session: Session }> {
	const id = generateId();
	const secret = generateSecret();
	const now = new Date();
	const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
	await db.insert(sessions).values({
		id,
		userId,
		secretHash: hashSecret(secret),
		expiresAt,
		userAgent: device.userAgent?.slice(0, MAX_USER_AGENT_LENGTH) ?? null,
		ip: device.ip,
		lastSeenAt: now
	});
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
			lastSeenAt: sessions.lastSeenAt,
			email: users.email,
			name: users.name,
			locale: users.locale
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
	const renewed = expiresAt.getTime() - now < RENEW_WHEN_LEFT_MS;
	if (renewed) expiresAt = new Date(now + SESSION_LIFETIME_MS);
	const seenLongAgo = !row.lastSeenAt || now - row.lastSeenAt.getTime() > LAST_SEEN_PRECISION_MS;
	if (renewed || seenLongAgo) {
		await db
			.update(sessions)
			.set({ expiresAt, lastSeenAt: new Date(now) })
			.where(eq(sessions.id, row.id));
	}
	return {
		session: { id: row.id, userId: row.userId, expiresAt },
		user: { id: row.userId, email: row.email, name: row.name, locale: row.locale },
		renewed
	};
}

/** Ends a session: its cookie stops working and every socket and stream it opened is closed. */
export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.id, sessionId));
	publishRevocation({ sessionIds: [sessionId] });
}

/** The user's sessions that still work, most recently seen first. */
export async function listSessions(
	db: Database,
	userId: string,
	currentSessionId: string | null
): Promise<SessionInfo[]> {
	const rows = await db
		.select({
			id: sessions.id,
			userAgent: sessions.userAgent,
			ip: sessions.ip,
			createdAt: sessions.createdAt,
			lastSeenAt: sessions.lastSeenAt,
			expiresAt: sessions.expiresAt
		})
		.from(sessions)
		.where(eq(sessions.userId, userId))
		.orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt));
	const now = Date.now();
	return rows
		.filter((row) => row.expiresAt.getTime() > now)
		.map((row) => ({
			id: row.id,
			userAgent: row.userAgent,
			ip: row.ip,
			createdAt: row.createdAt,
			// Sessions from before last-seen was recorded count as seen when they began.
			lastSeenAt: row.lastSeenAt ?? row.createdAt,
			current: row.id === currentSessionId
		}));
}

/** Signs out one of the user's sessions; false when the user has no such session. */
export async function invalidateUserSession(
	db: Executor,
	userId: string,
	sessionId: string
): Promise<boolean> {
	const deleted = await db
		.delete(sessions)
		.where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
		.returning({ id: sessions.id });
	if (deleted.length > 0) publishRevocation({ sessionIds: [sessionId] });
	return deleted.length > 0;
}

/**
 * Signs out every session of the user except `keepSessionId` (all of them when
 * it is null), and closes what they opened. Called inside a transaction, the
 * caller publishes `sessionsOf` again after commit: a socket that reconnected
 * in between was still let in.
 */
export async function invalidateOtherSessions(
	db: Executor,
	userId: string,
	keepSessionId: string | null
): Promise<void> {
	await db
		.delete(sessions)
		.where(
			keepSessionId
				? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId))
				: eq(sessions.userId, userId)
		);
	publishRevocation({ sessionsOf: [{ userId, except: keepSessionId }] });
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
