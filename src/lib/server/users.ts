import { eq } from 'drizzle-orm';
import type { Database } from './db';
import { users } from './db/schema';
import { generateId } from './auth/secrets';
import {
	hashPassword,
	verifyAgainstNothing,
	verifyPassword,
	MAX_PASSWORD_LENGTH,
	MIN_PASSWORD_LENGTH
} from './auth/password';
import { loginThrottle, waitSentence } from './auth/throttle';
import { badRequest, conflict, tooManyRequests, unauthorized } from './errors';
import { m } from '../paraglide/messages.js';
import { refuseUnstorable, requireEmail, requireString } from './validate';

export interface User {
	id: string;
	email: string;
	name: string;
}

/** A new password: long enough to resist guessing, short enough to hash quickly. */
export function requirePassword(value: unknown, field = m.server_field_password()): string {
	if (typeof value !== 'string' || value.length < MIN_PASSWORD_LENGTH) {
		throw badRequest(m.server_field_too_short({ field, min: MIN_PASSWORD_LENGTH }));
	}
	if (value.length > MAX_PASSWORD_LENGTH) {
		throw badRequest(m.server_field_too_long({ field, max: MAX_PASSWORD_LENGTH }));
	}
	return value;
}

export async function signUp(
	db: Database,
	input: { name: unknown; email: unknown; password: unknown }
): Promise<User> {
	const name = requireString(input.name, m.server_field_name(), { max: 100 });
	const email = requireEmail(input.email);
	const password = requirePassword(input.password);
	const existing = await findUserByEmail(db, email);
	if (existing) throw conflict(m.server_account_exists());
	const user = { id: generateId(), email, name };
	const passwordHash = await hashPassword(password);
	const inserted = await db
		.insert(users)
		.values({ ...user, passwordHash })
		.onConflictDoNothing()
		.returning({ id: users.id });
	if (inserted.length === 0) {
		throw conflict(m.server_account_exists());
	}
	return user;
}

/**
 * Checks an email and password. Failures are counted per email and per
 * address; over the limit the answer is 429 whether or not the password is
 * right, so guessing cannot go on.
 */
export async function logIn(
	db: Database,
	input: { email: unknown; password: unknown },
	address: string
): Promise<User> {
	const email = typeof input.email === 'string' ? input.email.trim().toLowerCase() : '';
	const password = typeof input.password === 'string' ? input.password : '';
	if (!email || !password) throw badRequest(m.server_login_enter_both());
	refuseUnstorable(email, m.server_field_email());
	const waitMinutes = await loginThrottle.blockedFor(db, email, address);
	if (waitMinutes !== null) {
		throw tooManyRequests(waitSentence(m.server_login_too_many(), waitMinutes));
	}
	const [row] = await db.select().from(users).where(eq(users.email, email));
	const ok =
		password.length <= MAX_PASSWORD_LENGTH &&
		(row === undefined
			? await verifyAgainstNothing(password)
			: await verifyPassword(row.passwordHash, password));
	if (!ok) {
		await loginThrottle.record(db, email, address);
		throw unauthorized(m.server_login_mismatch());
	}
	await loginThrottle.clear(db, email);
	return { id: row.id, email: row.email, name: row.name };
}

export async function findUserByEmail(db: Database, email: string): Promise<User | null> {
	const [row] = await db
		.select({ id: users.id, email: users.email, name: users.name })
		.from(users)
		.where(eq(users.email, email.trim().toLowerCase()));
	return row ?? null;
}
