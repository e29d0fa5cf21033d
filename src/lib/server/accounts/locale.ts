import { eq } from 'drizzle-orm';
import type { Database } from '../db';
import { users } from '../db/schema';
import type { AppLocale } from '../../i18n/locales';

/** Saves the language a person reads Opsloom in; null goes back to following the browser. */
export async function setUserLocale(
	db: Database,
	userId: string,
	locale: AppLocale | null
): Promise<void> {
	await db.update(users).set({ locale }).where(eq(users.id, userId));
}
