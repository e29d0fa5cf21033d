import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Database } from '../db';
import { loginFailures } from '../db/schema';
import { m } from '../../paraglide/messages.js';

/**
 * Attempts are counted per email and per client address over a window, in
 * the database so that several processes share the count. Every throttle uses
 * the same window, so any of them may prune what is older for all.
 */
const WINDOW_MS = 15 * 60 * 1000;

export interface Throttle {
	/** Returns the minutes to wait when either key is over its limit, else null. */
	blockedFor(db: Database, email: string, address: string): Promise<number | null>;
	record(db: Database, email: string, address: string): Promise<void>;
	clear(db: Database, email: string): Promise<void>;
}

interface Limits {
	/** Key prefix: each throttle counts its own attempts. */
	prefix: string;
	maxPerEmail: number;
	maxPerAddress: number;
}

function createThrottle({ prefix, maxPerEmail, maxPerAddress }: Limits): Throttle {
	const emailKey = (email: string) => `${prefix}email:${email}`;
	const addressKey = (address: string) => `${prefix}addr:${address}`;
	return {
		async blockedFor(db, email, address) {
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
				byEmail.length >= maxPerEmail ? byEmail : null,
				byAddress.length >= maxPerAddress ? byAddress : null
			].filter((r) => r !== null);
			if (over.length === 0) return null;
			// Blocked until the oldest attempt in the window falls out of it.
			const oldest = Math.min(...over.flat().map((r) => r.at.getTime()));
			return Math.max(1, Math.ceil((oldest + WINDOW_MS - Date.now()) / 60000));
		},
		async record(db, email, address) {
			await db
				.insert(loginFailures)
				.values([{ key: emailKey(email) }, { key: addressKey(address) }]);
			await db.delete(loginFailures).where(lt(loginFailures.at, new Date(Date.now() - WINDOW_MS)));
		},
		async clear(db, email) {
			await db.delete(loginFailures).where(eq(loginFailures.key, emailKey(email)));
		}
	};
}

/** Failed log-ins (and wrong current passwords in account settings). */
export const loginThrottle = createThrottle({
	prefix: '',
	maxPerEmail: 5,
	maxPerAddress: 30
});

/**
 * Every password-reset request counts, found or not: each may send a mail,
 * so the limit keeps Opsloom from being used to flood someone's inbox.
 */
export const passwordResetThrottle = createThrottle({
	prefix: 'reset-',
	maxPerEmail: 3,
	maxPerAddress: 20
});

export function waitSentence(what: string, minutes: number): string {
	return minutes === 1
		? m.server_try_again_in_one({ what })
		: m.server_try_again_in({ what, minutes });
}
