import { error, fail, redirect, type ActionFailure } from '@sveltejs/kit';
import { AppError } from '$lib/server/errors';
import type { SessionUser } from '$lib/server/auth/session';

/**
 * Turns a service's AppError into the form's `{ message }` with its status,
 * plus `extra` (e.g. what the user typed, to fill the form again).
 * Anything else (a bug, or SvelteKit's own redirect) is rethrown untouched.
 */
export function failFromError<T extends Record<string, unknown> = Record<never, never>>(
	caught: unknown,
	extra?: T
): ActionFailure<T & { message: string }> {
	if (caught instanceof AppError) {
		return fail(caught.status, { ...(extra as T), message: caught.message });
	}
	throw caught;
}

/** For load functions: an AppError becomes SvelteKit's error page with the same status and sentence. */
export function throwAsPageError(caught: unknown): never {
	if (caught instanceof AppError)
		error(caught.status, { message: caught.message, code: caught.code });
	throw caught;
}

/** The signed-in user, or a redirect to the log-in page that comes back here afterwards. */
export function requireUser(locals: App.Locals, url: URL): SessionUser {
	if (!locals.user) {
		redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
	}
	return locals.user;
}

/**
 * Where to go after logging in: only paths on this site, so a crafted link
 * cannot bounce a fresh session to another origin. Browsers read "//x",
 * "/\\x" and paths with tabs or newlines as other hosts, so those are refused.
 */
export function safeRedirectTarget(value: string | null | undefined, fallback = '/w'): string {
	if (!value || !value.startsWith('/') || [...value].some(isUnsafeCharacter)) return fallback;
	const base = 'http://opsloom.invalid';
	const url = new URL(value, base);
	if (url.origin !== base) return fallback;
	return url.pathname + url.search + url.hash;
}

function isUnsafeCharacter(char: string): boolean {
	return char === '\\' || char.charCodeAt(0) < 0x20;
}

export function readField(form: FormData, name: string): string | null {
	const value = form.get(name);
	return typeof value === 'string' ? value : null;
}
