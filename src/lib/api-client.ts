import { m } from '$lib/paraglide/messages';

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** A refused or failed call: `message` is a sentence for the reader, in their language. */
export class ApiError extends Error {
	constructor(
		/** The HTTP status; 0 when no answer came (offline, server down). */
		readonly status: number,
		message: string,
		/** The API's stable error code (docs/api.md), when the server sent one. */
		readonly code: string | null = null
	) {
		super(message);
		this.name = 'ApiError';
	}
}

/**
 * Calls Opsloom's JSON API from a page. Resolves with the parsed answer (null
 * for an empty one, e.g. 204); anything else throws an ApiError whose message
 * a page can show as it is: the server's own sentence (already in the
 * reader's language, docs/api.md), or one of ours when no usable answer came.
 */
export async function callApi<T = unknown>(
	method: string,
	path: string,
	body?: unknown,
	fetcher: Fetch = (input, init) => fetch(input, init)
): Promise<T> {
	let response: Response;
	try {
		response = await fetcher(path, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch {
		throw new ApiError(0, m.ui_api_unreachable());
	}
	const text = await response.text().catch(() => '');
	let parsed: unknown = null;
	let readable = true;
	try {
		parsed = text ? JSON.parse(text) : null;
	} catch {
		// A proxy's HTML error page, say: the status is all there is to tell.
		readable = false;
	}
	if (!response.ok) {
		const error = (parsed as { error?: { message?: unknown; code?: unknown } } | null)?.error;
		const message = typeof error?.message === 'string' && error.message ? error.message : null;
		throw new ApiError(
			response.status,
			message ?? m.ui_api_failed({ status: response.status }),
			typeof error?.code === 'string' ? error.code : null
		);
	}
	if (!readable) throw new ApiError(response.status, m.ui_api_unreadable());
	return parsed as T;
}

/** The sentence to show for anything a call threw. */
export function problemOf(caught: unknown): string {
	return caught instanceof Error ? caught.message : String(caught);
}
