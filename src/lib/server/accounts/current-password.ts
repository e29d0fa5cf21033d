import { eq } from 'drizzle-orm';
import type { Database } from '../db';
import { users } from '../db/schema';
import { MAX_PASSWORD_LENGTH, verifyPassword } from '../auth/password';
import { loginThrottle, waitSentence } from '../auth/throttle';
import { badRequest, forbidden, tooManyRequests } from '../errors';
import { m } from '../../paraglide/messages.js';

/**
 * Asks for the password again before a change that matters (email, password,
 * deleting the account): a session left open on a shared computer must not
 * be enough. Wrong answers count towards the log-in throttle, so a stolen
 * session cannot be used to guess the password either.
 */
export async function requireCurrentPassword(
	db: Database,
	userId: string,
	input: unknown,
	address: string,
	field = m.server_field_password()
): Promise<void> {
	const [row] = await db
		.select({ email: users.email, passwordHash: users.passwordHash })
		.from(users)
		.where(eq(users.id, userId));
	if (!row) throw new Error(`user ${userId} vanished during the request`);
	if (typeof input !== 'string' || input === '')
		throw badRequest(m.server_field_required({ field }));
	const waitMinutes = await loginThrottle.blockedFor(db, row.email, address);
	if (waitMinutes !== null) {
		throw tooManyRequests(waitSentence(m.server_password_wrong_too_many(), waitMinutes));
	}
	const ok = input.length <= MAX_PASSWORD_LENGTH && (await verifyPassword(row.passwordHash, input));
	if (!ok) {
		await loginThrottle.record(db, row.email, address);
		throw forbidden(m.server_password_not_right({ field }));
	}
}
