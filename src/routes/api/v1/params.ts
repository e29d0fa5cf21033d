import { notFound } from '$lib/server/errors';

/**
 * Every id the API hands out is 20 base32 characters (see generateId). Anything
 * else cannot name a row, so it is answered with 404 before reaching the database.
 */
export function requireIdParam(value: string, what: string): string {
	if (!/^[a-z2-7]{20}$/.test(value)) throw notFound(`No such ${what}.`);
	return value;
}
