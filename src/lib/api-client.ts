/**
 * Calls Opsloom's JSON API from a page. Resolves with the parsed answer (null
 * for an empty one, e.g. 204); a refusal throws an Error carrying the server's
 * sentence, which is already in the reader's language (docs/api.md).
 */
export async function callApi<T = unknown>(
	method: string,
	path: string,
	body?: unknown
): Promise<T> {
	const response = await fetch(path, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const text = await response.text();
	let parsed: unknown = null;
	try {
		parsed = text ? JSON.parse(text) : null;
	} catch {
		// A proxy's HTML error page, say: the status is all there is to tell.
	}
	if (!response.ok) {
		const message = (parsed as { error?: { message?: string } } | null)?.error?.message;
		throw new Error(message ?? `${response.status} ${response.statusText}`.trim());
	}
	return parsed as T;
}
