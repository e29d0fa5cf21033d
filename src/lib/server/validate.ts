import { badRequest } from './errors';

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
