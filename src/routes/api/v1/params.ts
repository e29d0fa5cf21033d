import { notFound } from '$lib/server/errors';
import { noSuch, type IdNoun } from '$lib/server/id-nouns';

/**
 * Every id the API hands out is 20 base32 characters (see generateId). Anything
 * else cannot name a row, so it is answered with 404 before reaching the database.
 */
export function requireIdParam(value: string, what: IdNoun): string {
	if (!/^[a-z2-7]{20}$/.test(value)) throw notFound(noSuch(what));
	return value;
}
