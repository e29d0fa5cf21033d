import { hasUnstorableCharacters } from '$lib/model/text';
import { m } from '../paraglide/messages.js';
import { badRequest } from './errors';

/** A 400 naming the field when text holds characters the database cannot store (U+0000, other controls). */
export function refuseUnstorable(value: string, field: string): void {
	if (hasUnstorableCharacters(value)) {
		throw badRequest(m.server_field_unstorable({ field }));
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
			if (hasUnstorableCharacters(current)) return at || m.server_field_request_body();
		} else if (Array.isArray(current)) {
			current.forEach((item, i) => stack.push([item, `${at}[${i}]`]));
		} else if (current !== null && typeof current === 'object') {
			for (const [key, item] of Object.entries(current)) {
				if (hasUnstorableCharacters(key)) {
					return at ? m.server_field_key_at({ path: at }) : m.server_field_key_of_body();
				}
				stack.push([item, at ? `${at}.${key}` : key]);
			}
		}
	}
	return null;
}

/**
 * Small guards for `unknown` input from forms and JSON bodies. Each returns the
 * cleaned value or throws a 400 that names the field, in the request's
 * language: `field` is what the person knows the field as (`m.server_field_title()`),
 * or the parameter's name where only API clients send it (`status`, `topicId`).
 */
export function requireString(
	value: unknown,
	field: string,
	{ min = 1, max = 200 }: { min?: number; max?: number } = {}
): string {
	if (typeof value !== 'string') throw badRequest(m.server_field_required({ field }));
	refuseUnstorable(value, field);
	const trimmed = value.trim();
	if (trimmed.length < min) {
		throw badRequest(
			min <= 1 ? m.server_field_required({ field }) : m.server_field_too_short({ field, min })
		);
	}
	if (trimmed.length > max) throw badRequest(m.server_field_too_long({ field, max }));
	return trimmed;
}

export function requireEmail(value: unknown): string {
	const email = requireString(value, m.server_field_email(), { max: 254 }).toLowerCase();
	// Deliberately loose: one @, something on both sides, a dot in the domain.
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw badRequest(m.server_email_invalid());
	return email;
}

export function requireOneOf<T extends string>(
	value: unknown,
	field: string,
	allowed: readonly T[]
): T {
	if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
		throw badRequest(m.server_field_one_of({ field, allowed: allowed.join(', ') }));
	}
	return value as T;
}

export function requireObject(value: unknown): Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw badRequest(m.server_body_not_object());
	}
	return value as Record<string, unknown>;
}
