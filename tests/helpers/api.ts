/**
 * A small client for the JSON API, as a script or integration would use it:
 * sign up through the form endpoint once to get a session cookie, then create
 * an API token and use `Authorization: Bearer` from there on.
 */
export interface ApiUser {
	id: string;
	name: string;
	email: string;
	token: string;
	cookie: string;
}

let counter = 0;

export async function signUpUser(baseUrl: string, name = 'User'): Promise<ApiUser> {
	counter += 1;
	const email = `${name.toLowerCase().replace(/\W+/g, '')}${counter}-${Date.now()}@example.com`;
	const body = new URLSearchParams({ name, email, password: 'correct horse battery' });
	const res = await fetch(`${baseUrl}/signup`, {
		method: 'POST',
		body,
		headers: { origin: baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
		redirect: 'manual'
	});
	const setCookie = res.headers.get('set-cookie');
	if (!setCookie) throw new Error(`sign-up failed with ${res.status}: ${await res.text()}`);
	const cookie = setCookie.split(';')[0];
	const tokenRes = await fetch(`${baseUrl}/api/v1/tokens`, {
		method: 'POST',
		headers: { cookie, origin: baseUrl, 'content-type': 'application/json' },
		body: JSON.stringify({ name: 'tests' })
	});
	if (tokenRes.status !== 201) throw new Error(`token failed: ${await tokenRes.text()}`);
	const { token } = (await tokenRes.json()) as { token: string };
	const me = (await (await api(baseUrl, token, 'GET', '/api/v1/me')).json()) as {
		id: string;
		name: string;
		email: string;
	};
	return { ...me, token, cookie };
}

export function api(
	baseUrl: string,
	token: string,
	method: string,
	pathname: string,
	body?: unknown
): Promise<Response> {
	return fetch(`${baseUrl}${pathname}`, {
		method,
		headers: {
			authorization: `Bearer ${token}`,
			...(body === undefined ? {} : { 'content-type': 'application/json' })
		},
		body: body === undefined ? undefined : JSON.stringify(body)
	});
}

export async function apiJson<T = Record<string, unknown>>(
	baseUrl: string,
	token: string,
	method: string,
	pathname: string,
	body?: unknown,
	expectStatus?: number
): Promise<T> {
	const res = await api(baseUrl, token, method, pathname, body);
	if (expectStatus !== undefined && res.status !== expectStatus) {
		throw new Error(`${method} ${pathname}: expected ${expectStatus}, got ${res.status}: ${await res.text()}`);
	}
	return (await res.json()) as T;
}
