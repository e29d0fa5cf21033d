/**
 * A small client for the JSON API, as a script or integration would use it:
 * sign up through `POST /api/v1/auth/signup`, which answers with a personal
 * API token, and use `Authorization: Bearer` from there on.
 */
export interface ApiUser {
	id: string;
	name: string;
	email: string;
	token: string;
	/** Always '' now that sign-up goes through the JSON API; log in through /login for a browser session. */
	cookie: string;
}

export const TEST_PASSWORD = 'correct horse battery';

let counter = 0;

export async function signUpUser(baseUrl: string, name = 'User'): Promise<ApiUser> {
	counter += 1;
	const email = `${name.toLowerCase().replace(/\W+/g, '')}${counter}-${Date.now()}@example.com`;
	const res = await fetch(`${baseUrl}/api/v1/auth/signup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name, email, password: TEST_PASSWORD })
	});
	if (res.status !== 201) throw new Error(`sign-up failed with ${res.status}: ${await res.text()}`);
	const { user, token } = (await res.json()) as {
		user: { id: string; name: string; email: string };
		token: string;
	};
	return { id: user.id, name: user.name, email: user.email, token, cookie: '' };
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

/**
 * Saves the language a person reads Opsloom in, as the switcher in settings
 * does (a form post to /locale, from our own origin).
 */
export async function saveLocale(
	baseUrl: string,
	user: ApiUser,
	locale: 'en' | 'zh-Hans' | 'zh-Hant'
): Promise<void> {
	const res = await fetch(`${baseUrl}/locale`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			authorization: `Bearer ${user.token}`,
			origin: baseUrl,
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ locale, redirectTo: '/' })
	});
	if (res.status !== 303) throw new Error(`saving the locale answered ${res.status}`);
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
		throw new Error(
			`${method} ${pathname}: expected ${expectStatus}, got ${res.status}: ${await res.text()}`
		);
	}
	return (await res.json()) as T;
}

/** Creates a workspace owned by `owner` and adds each of `members` with their role. */
export async function createWorkspaceWith(
	baseUrl: string,
	owner: ApiUser,
	name: string,
	members: [ApiUser, 'owner' | 'editor' | 'viewer'][] = []
): Promise<string> {
	const workspace = await apiJson<{ id: string }>(
		baseUrl,
		owner.token,
		'POST',
		'/api/v1/workspaces',
		{ name },
		201
	);
	for (const [user, role] of members) {
		await apiJson(
			baseUrl,
			owner.token,
			'POST',
			`/api/v1/workspaces/${workspace.id}/members`,
			{ email: user.email, role },
			201
		);
	}
	return workspace.id;
}

export async function createDocumentIn(
	baseUrl: string,
	user: ApiUser,
	workspaceId: string,
	title: string,
	kind: 'framework' | 'flow' | 'retro' = 'framework'
): Promise<string> {
	const document = await apiJson<{ id: string }>(
		baseUrl,
		user.token,
		'POST',
		`/api/v1/workspaces/${workspaceId}/documents`,
		{ kind, title },
		201
	);
	return document.id;
}

export interface Team {
	owner: ApiUser;
	editor: ApiUser;
	viewer: ApiUser;
	/** Has an account but is in no workspace of the others. */
	outsider: ApiUser;
	workspaceId: string;
}

/** The cast most integration suites need: one workspace with an owner, an editor and a viewer, and an outsider. */
export async function signUpTeam(baseUrl: string, workspaceName: string): Promise<Team> {
	const owner = await signUpUser(baseUrl, 'Olivia');
	const editor = await signUpUser(baseUrl, 'Eddie');
	const viewer = await signUpUser(baseUrl, 'Vera');
	const outsider = await signUpUser(baseUrl, 'Oscar');
	const workspaceId = await createWorkspaceWith(baseUrl, owner, workspaceName, [
		[editor, 'editor'],
		[viewer, 'viewer']
	]);
	return { owner, editor, viewer, outsider, workspaceId };
}

/** Logs in through the log-in form as a browser does and returns the session cookie (`opsloom_session=…`). */
export async function browserLogIn(
	baseUrl: string,
	email: string,
	password = TEST_PASSWORD
): Promise<string> {
	const res = await fetch(`${baseUrl}/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl },
		body: new URLSearchParams({ email, password }),
		redirect: 'manual'
	});
	const cookie = res.headers.get('set-cookie')?.match(/opsloom_session=([^;]+)/)?.[1];
	if (!cookie) throw new Error(`log-in failed with ${res.status}: ${await res.text()}`);
	return `opsloom_session=${cookie}`;
}
