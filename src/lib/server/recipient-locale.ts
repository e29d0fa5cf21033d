import { eq } from 'drizzle-orm';
import { getLocale } from '../paraglide/runtime.js';
import { BASE_LOCALE, isAppLocale, type AppLocale } from '../i18n/locales';
import type { Executor } from './db';
import { users } from './db/schema';

/**
 * The language to write to someone in: the first of `choices` that is one of
 * our locales, else English. Callers list the recipient's saved setting first,
 * then whatever else speaks for them (the language of the person who invited
 * them, of the request that caused the mail).
 */
export function pickLocale(...choices: (string | null | undefined)[]): AppLocale {
	return choices.find(isAppLocale) ?? BASE_LOCALE;
}

/**
 * The language of the request being answered (Paraglide keeps it per request
 * in AsyncLocalStorage); English in a background job, which has no request.
 */
export function requestLocale(): AppLocale {
	return pickLocale(getLocale());
}

/**
 * A recipient's language for a mail or notification: their saved setting;
 * without one (they follow their browser, which a job cannot see) `fallback`,
 * then English.
 */
export async function recipientLocale(
	db: Executor,
	userId: string,
	fallback?: AppLocale | null
): Promise<AppLocale> {
	const [row] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
	return pickLocale(row?.locale, fallback);
}

/** The same for an address that may have no account yet (an invitation): `fallback` when it has none. */
export async function recipientLocaleByEmail(
	db: Executor,
	email: string,
	fallback?: AppLocale | null
): Promise<AppLocale> {
	const [row] = await db
		.select({ locale: users.locale })
		.from(users)
		.where(eq(users.email, email.trim().toLowerCase()));
	return pickLocale(row?.locale, fallback);
}
