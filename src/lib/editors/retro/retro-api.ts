/**
 * Calls the retro endpoints (docs/api.md, "Retro boards") and turns every
 * answer into a value or a sentence a person can read. Nothing is thrown:
 * the board shows the sentence next to the control that caused it.
 */
import { m } from '$lib/paraglide/messages';

export type ApiResult<T> = { ok: true; value: T } | { ok: false; status: number; message: string };

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** The sentence of an error answer (`{ error: { message } }`), or a fallback naming the status. */
async function readProblem(response: Response): Promise<string> {
	try {
		const body = (await response.json()) as { error?: { message?: unknown } };
		if (typeof body?.error?.message === 'string' && body.error.message) return body.error.message;
	} catch {
		// Not JSON (a proxy's error page, say): the status is all there is to say.
	}
	return m.retro_server_failed({ status: response.status });
}

export async function requestJson<T>(
	fetcher: Fetch,
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
	url: string,
	body?: unknown
): Promise<ApiResult<T>> {
	let response: Response;
	try {
		response = await fetcher(url, {
			method,
			headers: body === undefined ? undefined : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch {
		return { ok: false, status: 0, message: m.retro_unreachable() };
	}
	if (!response.ok)
		return { ok: false, status: response.status, message: await readProblem(response) };
	if (response.status === 204) return { ok: true, value: undefined as T };
	try {
		return { ok: true, value: (await response.json()) as T };
	} catch {
		return {
			ok: false,
			status: response.status,
			message: m.retro_unreadable()
		};
	}
}

/** Milliseconds to add to this device's clock to get the server's, from one request's round trip. */
export function clockOffset(sentAt: number, receivedAt: number, serverNow: number): number {
	return serverNow - (sentAt + receivedAt) / 2;
}
