import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Database } from '../db';
import { loginFailures } from '../db/schema';

/**
 * Failed log-ins are counted per email and per client address over a window,
 * in the database so that several processes share the count.
 */
const WINDOW_MS = 15 * 60 * 1000;
const MAX_PER_EMAIL = 5;
const MAX_PER_ADDRESS = 30;

const emailKey = (email: string) => `email:${email}`;
const addressKey = (address: string) => `addr:${address}`;

/** Returns the minutes to wait when either key is over its limit, else null. */
export async function loginBlockedFor(
	db: Database,
	email: string,
	address: string
): Promise<number | null> {
	const since = new Date(Date.now() - WINDOW_MS);
	const rows = await db
		.select({ key: loginFailures.key, at: loginFailures.at })
		.from(loginFailures)
		.where(
			and(
				inArray(loginFailures.key, [emailKey(email), addressKey(address)]),
				gte(loginFailures.at, since)
			)
		);
	const byEmail = rows.filter((r) => r.key === emailKey(email));
	const byAddress = rows.filter((r) => r.key === addressKey(address));
	const over = [
		byEmail.length >= MAX_PER_EMAIL ? byEmail : null,
		byAddress.length >= MAX_PER_ADDRESS ? byAddress : null
	].filter((r) => r !== null);
	if (over.length === 0) return null;
	// Blocked until the oldest failure in the window falls out of it.
	const oldest = Math.min(...over.flat().map((r) => r.at.getTime()));
	return Math.max(1, Math.ceil((oldest + WINDOW_MS - Date.now()) / 60000));
}

export async function recordLoginFailure(
	db: Database,
	email: string,
	address: string
): Promise<void> {
	await db.insert(loginFailures).values([{ key: emailKey(email) }, { key: addressKey(address) }]);
	await db.delete(loginFailures).where(lt(loginFailures.at, new Date(Date.now() - WINDOW_MS)));
}

export async function clearLoginFailures(db: Database, email: string): Promise<void> {
	await db.delete(loginFailures).where(eq(loginFailures.key, emailKey(email)));
}
