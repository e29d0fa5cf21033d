import { and, eq, gt } from 'drizzle-orm';
import { validateApiToken } from '../api-tokens';
import type { Database } from '../db';
import { sessions } from '../db/schema';

/**
 * Whether the credential a long-lived stream was opened with still holds:
 * a stream must end when its session is logged out or its token revoked, not
 * only refuse the next request. Cheap enough to ask every few seconds.
 */
export function credentialCheck(
	db: Database,
	request: {
		auth: 'session' | 'token' | null;
		sessionId: string | null;
		authorization: string | null;
	}
): () => Promise<boolean> {
	if (request.auth === 'session' && request.sessionId) {
		const sessionId = request.sessionId;
		return async () => {
			const [row] = await db
				.select({ id: sessions.id })
				.from(sessions)
				.where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, new Date())));
			return row !== undefined;
		};
	}
	if (request.auth === 'token' && request.authorization) {
		const token = request.authorization.slice(7).trim();
		return async () => (await validateApiToken(db, token)) !== null;
	}
	return async () => false;
}
