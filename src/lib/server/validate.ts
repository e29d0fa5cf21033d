import { hasUnstorableCharacters } from '$lib/model/text';
import { badRequest } from './errors';

/** A 400 naming the field when text holds characters the database cannot store (U+0000, other controls). */
export function refuseUnstorable(value: string, field: string): void {
	if (hasUnstorableCharacters(value)) {
		throw badRequest(`${field} contains a control character that cannot be stored.`);
	}
}

/**
 * The first string in a parsed JSON body that holds a character the
 * database cannot store, as a path like `measurements[2].note`; null when
 * there is none. Checked once for every JSON body, so no field can reach a
 * statement with one.
 */
export function findUnstorableString(value: unknown, path = ''): string | null {
	const stack: [unknown, string][] = [[value, path]];
	while (stack.length > 0) {
		const [current, at] = stack.pop()!;
		if (typeof current === 'string') {
			if (hasUnstorableCharacters(current)) return at || 'the request body';
		} else if (Array.isArray(current)) {
			current.forEach((item, i) => stack.push([item, `${at}[${i}]`]));
		} else if (current !== null && typeof current === 'object') {
			for (const [key, item] of Object.entries(current)) {
				if (hasUnstorableCharacters(key)) return at ? `${at} (a key)` : 'a key of the request body';
				stack.push([item, at ? `${at}.${key}` : key]);
			}
		}
	}
	return null;
}

/**
 * Small guards for `unknown` input from forms and JSON bodies. Each returns the
 * cleaned value or throws a 400 that names the field.
 */
export function requireString(
	value: unknown,
	field: string,
	{ min = 1, max = 200 }: { min?: number; max?: number } = {}
): string {
	if (typeof value !== 'string') throw badRequest(`${field} is required.`);
	refuseUnstorable(value, field);
	const trimmed = value.trim();
	if (trimmed.length < min) {
		throw badRequest(
			min <= 1 ? `${field} is required.` : `${field} must be at least ${min} characters.`
		);
	}
	if (trimmed.length > max) throw badRequest(`${field} must be at most ${max} characters.`);
	return trimmed;
}

export function requireEmail(value: unknown): string {
	const email = requireString(value, 'Email', { max: 254 }).toLowerCase();
	// Deliberately loose: one @, something on both sides, a dot in the domain.
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw badRequest('Email is not a valid address.');
	return email;
}

export function requireOneOf<T extends string>(
	value: unknown,
	field: string,
	allowed: readonly T[]
): T {
	if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
		throw badRequest(`${field} must be one of: ${allowed.join(', ')}.`);
	}
	return value as T;
}

export function requireObject(value: unknown): Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw badRequest('The request body must be a JSON object.');
	}
	return value as Record<string, unknown>;
}
