/**
 * Calls the retro endpoints (docs/api.md, "Retro boards") through the shared
 * client and turns every answer into a value or a sentence a person can
 * read. Nothing is thrown: the board shows the sentence next to the control
 * that caused it.
 */
import { ApiError, callApi, problemOf, type Fetch } from '$lib/api-client';

export type ApiResult<T> = { ok: true; value: T } | { ok: false; status: number; message: string };

export async function requestRetro<T>(
	fetcher: Fetch,
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
	url: string,
	body?: unknown
): Promise<ApiResult<T>> {
	try {
		return { ok: true, value: await callApi<T>(method, url, body, fetcher) };
	} catch (caught) {
		const status = caught instanceof ApiError ? caught.status : 0;
		return { ok: false, status, message: problemOf(caught) };
	}
}

/** Milliseconds to add to this device's clock to get the server's, from one request's round trip. */
export function clockOffset(sentAt: number, receivedAt: number, serverNow: number): number {
	return serverNow - (sentAt + receivedAt) / 2;
}
