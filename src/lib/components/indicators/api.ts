/** Calls the JSON API from a page; a refusal becomes an Error carrying the server's sentence. */
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
	const parsed = text ? (JSON.parse(text) as T & { error?: { message: string } }) : ({} as T);
	if (!response.ok) {
		throw new Error(
			(parsed as { error?: { message: string } }).error?.message ?? response.statusText
		);
	}
	return parsed;
}
