import { and, eq, gte, lt } from 'drizzle-orm';
import type { Database } from '../db';
import { loginFailures } from '../db/schema';
import { m } from '$lib/paraglide/messages';
import { tooManyRequests } from '../errors';

/**
 * Per-person limits on writing, counted in the database so every process
 * shares them. They reuse the throttle table and its 15-minute window (any
 * throttle may prune what is older), which is long enough to stop a flood.
 */
const WINDOW_MS = 15 * 60 * 1000;

const LIMITS = {
	propose: {
		max: 5,
		sentence: (i: { max: number; minutes: number }) =>
			i.minutes === 1
				? m.suggestions_error_rate_propose_one(i)
				: m.suggestions_error_rate_propose_other(i)
	},
	comment: {
		max: 20,
		sentence: (i: { max: number; minutes: number }) =>
			i.minutes === 1
				? m.suggestions_error_rate_comment_one(i)
				: m.suggestions_error_rate_comment_other(i)
	}
} as const;

/** Throws 429 with a sentence when over the limit, else counts this one. */
export async function spendAllowance(
	db: Database,
	what: keyof typeof LIMITS,
	userId: string
): Promise<void> {
	const key = `suggestion-${what}:${userId}`;
	const since = new Date(Date.now() - WINDOW_MS);
	const recent = await db
		.select({ at: loginFailures.at })
		.from(loginFailures)
		.where(and(eq(loginFailures.key, key), gte(loginFailures.at, since)));
	const { max, sentence } = LIMITS[what];
	if (recent.length >= max) {
		const oldest = Math.min(...recent.map((r) => r.at.getTime()));
		const minutes = Math.max(1, Math.ceil((oldest + WINDOW_MS - Date.now()) / 60000));
		throw tooManyRequests(sentence({ max, minutes }));
	}
	await db.insert(loginFailures).values({ key });
	await db.delete(loginFailures).where(lt(loginFailures.at, since));
}
