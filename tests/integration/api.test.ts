import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	api,
	apiJson,
	browserLogIn,
	signUpTeam,
	saveLocale,
	signUpUser,
	TEST_PASSWORD,
	type ApiUser
} from '../helpers/api';
import {
	createStorage,
	engines,
	startServer,
	type TestServer,
	type TestStorage
} from '../helpers/server';

/** A well-formed id that names nothing. */
const UNKNOWN_ID = 'aaaaaaaaaaaaaaaaaaaa';

interface ErrorBody {
	error: { code: string; message: string };
}

interface DocumentBody {
	id: string;
	kind: string;
	title: string;
	workspaceId: string;
	createdAt: string;
	updatedAt: string;
	archivedAt: string | null;
	createdBy: string | null;
	present?: { id: string; name: string }[];
}

async function expectError(res: Response, status: number, message?: RegExp): Promise<ErrorBody> {
	const text = await res.text();
	expect(res.status, text).toBe(status);
	const body = JSON.parse(text) as ErrorBody;
	expect(typeof body.error.code).toBe('string');
	expect(typeof body.error.message).toBe('string');
	if (message) expect(body.error.message).toMatch(message);
	return body;
}

function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
	return fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(body)
	});
}

describe.each(engines)('JSON API on %s', (engine) => {
	let storage: TestStorage;
	let server: TestServer;
	let owner: ApiUser;
	let editor: ApiUser;
	let viewer: ApiUser;
	let outsider: ApiUser;
	let workspaceId: string;

	beforeAll(async () => {
		storage = await createStorage(engine);
		server = await startServer(storage);
		({ owner, editor, viewer, outsider, workspaceId } = await signUpTeam(
			server.url,
			'Service desk'
		));
	});

	afterAll(async () => {
		await server?.stop();
		await storage?.drop();
	});

	describe('accounts and tokens', () => {
		it('signs up, logs in and tells who you are', async () => {
			const email = `nina-${Date.now()}@example.com`;
			const signup = await postJson(`${server.url}/api/v1/auth/signup`, {
				name: 'Nina',
				email,
				password: TEST_PASSWORD
			});
			expect(signup.status).toBe(201);
			const created = (await signup.json()) as {
				user: { id: string; email: string };
				token: string;
			};
			expect(created.user).toMatchObject({ name: 'Nina', email });
			expect(created.token).toMatch(/^olt_/);

			const me = await apiJson(server.url, created.token, 'GET', '/api/v1/me', undefined, 200);
			expect(me).toEqual({ id: created.user.id, name: 'Nina', email });

			// Email is case-insensitive for log-in and for the duplicate check.
			await expectError(
				await postJson(`${server.url}/api/v1/auth/signup`, {
					name: 'Nina again',
					email: email.toUpperCase(),
					password: TEST_PASSWORD
				}),
				409,
				/already exists/
			);

			const login = await postJson(`${server.url}/api/v1/auth/login`, {
				email: email.toUpperCase(),
				password: TEST_PASSWORD
			});
			expect(login.status).toBe(200);
			const loggedIn = (await login.json()) as { user: { id: string }; token: string };
			expect(loggedIn.user.id).toBe(created.user.id);
			expect(loggedIn.token).not.toBe(created.token);
			expect((await api(server.url, loggedIn.token, 'GET', '/api/v1/me')).status).toBe(200);

			await expectError(
				await postJson(`${server.url}/api/v1/auth/login`, { email, password: 'wrong password' }),
				401,
				/do not match/
			);
		});

		it('refuses bad sign-up input with a message naming the field', async () => {
			const signup = (body: unknown) => postJson(`${server.url}/api/v1/auth/signup`, body);
			await expectError(
				await signup({ email: 'a@example.com', password: TEST_PASSWORD }),
				400,
				/Name/
			);
			await expectError(
				await signup({ name: 'A', email: 'not-an-email', password: TEST_PASSWORD }),
				400,
				/Email/
			);
			await expectError(
				await signup({ name: 'A', email: 'short@example.com', password: 'short' }),
				400,
				/Password/
			);
			await expectError(await signup(['not', 'an', 'object']), 400, /JSON object/);
		});

		it('answers in the request’s language, with the same code and status', async () => {
			const signup = (language: string) =>
				postJson(
					`${server.url}/api/v1/auth/signup`,
					{ email: 'a@example.com', password: TEST_PASSWORD },
					{ 'accept-language': language }
				);
			const english = await expectError(await signup('en-US'), 400, /^Name is required\.$/);
			const simplified = await expectError(await signup('zh-CN,zh;q=0.9'), 400, /^请填写姓名。$/);
			const traditional = await expectError(await signup('zh-TW'), 400, /^請填寫名稱。$/);
			for (const body of [english, simplified, traditional]) {
				expect(body.error.code).toBe('bad_request');
			}

			// Field names, numbers and codes are filled into the sentence.
			const short = await postJson(
				`${server.url}/api/v1/auth/signup`,
				{ name: 'A', email: 'short@example.com', password: 'short' },
				{ 'accept-language': 'zh-CN' }
			);
			expect((await expectError(short, 400, /^密码至少需要 \d+ 个字符。$/)).error.code).toBe(
				'bad_request'
			);

			// A bad token is refused before anyone is known: the browser's language decides.
			const badToken = await fetch(`${server.url}/api/v1/me`, {
				headers: { authorization: 'Bearer nope', 'accept-language': 'zh-CN' }
			});
			const refused = await expectError(badToken, 401, /^API 令牌无效。$/);
			expect(refused.error.code).toBe('unauthorized');

			// A signed-in person's saved language wins over the browser's.
			const mei = await signUpUser(server.url, 'Mei');
			await saveLocale(server.url, mei, 'zh-Hant');
			const missing = await fetch(`${server.url}/api/v1/tasks/${UNKNOWN_ID}`, {
				headers: { authorization: `Bearer ${mei.token}`, 'accept-language': 'en' }
			});
			const notFound = await expectError(missing, 404, /^找不到這項任務。$/);
			expect(notFound.error.code).toBe('not_found');
		});

		it('throttles repeated failed log-ins, even when the password is then right', async () => {
			const victim = await signUpUser(server.url, 'Tess');
			const attempt = (password: string) =>
				postJson(`${server.url}/api/v1/auth/login`, { email: victim.email, password });
			for (let i = 0; i < 5; i++) await expectError(await attempt(`guess ${i} wrong`), 401);
			await expectError(await attempt('one more guess'), 429, /Too many failed log-in attempts/);
			await expectError(await attempt(TEST_PASSWORD), 429, /Try again in \d+ minute/);
			// The victim's existing tokens keep working.
			expect((await api(server.url, victim.token, 'GET', '/api/v1/me')).status).toBe(200);
		});

		it('answers 401 without credentials or with a bad token', async () => {
			const anonymous = await fetch(`${server.url}/api/v1/me`);
			const body = await expectError(anonymous, 401);
			expect(body.error.code).toBe('unauthorized');
			await expectError(await api(server.url, 'olt_bogus.bogus', 'GET', '/api/v1/workspaces'), 401);
		});

		it('creates, lists and revokes API tokens; a revoked token stops working', async () => {
			const user = await signUpUser(server.url, 'Tom');
			const created = await apiJson<{ id: string; name: string; token: string; createdAt: string }>(
				server.url,
				user.token,
				'POST',
				'/api/v1/tokens',
				{ name: 'deploy script' },
				201
			);
			expect(created.name).toBe('deploy script');
			expect(new Date(created.createdAt).toISOString()).toBe(created.createdAt);
			expect((await api(server.url, created.token, 'GET', '/api/v1/me')).status).toBe(200);

			const { tokens } = await apiJson<{ tokens: Record<string, unknown>[] }>(
				server.url,
				user.token,
				'GET',
				'/api/v1/tokens',
				undefined,
				200
			);
			expect(tokens.map((t) => t.name).sort()).toEqual(['deploy script', 'signup']);
			for (const token of tokens) {
				expect(Object.keys(token).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name']);
			}
			// Used once above, so the list says when.
			expect(tokens.find((t) => t.id === created.id)?.lastUsedAt).toEqual(expect.any(String));

			await expectError(
				await api(server.url, user.token, 'POST', '/api/v1/tokens', { name: '  ' }),
				400,
				/Name is required/
			);

			const revoked = await api(server.url, user.token, 'DELETE', `/api/v1/tokens/${created.id}`);
			expect(revoked.status).toBe(204);
			expect(await revoked.text()).toBe('');
			await expectError(await api(server.url, created.token, 'GET', '/api/v1/me'), 401);
			await expectError(
				await api(server.url, user.token, 'DELETE', `/api/v1/tokens/${created.id}`),
				404
			);
			// Someone else's token id is simply not found.
			const { tokens: ownerTokens } = await apiJson<{ tokens: { id: string }[] }>(
				server.url,
				owner.token,
				'GET',
				'/api/v1/tokens'
			);
			await expectError(
				await api(server.url, user.token, 'DELETE', `/api/v1/tokens/${ownerTokens[0].id}`),
				404
			);
		});
	});

	describe('workspaces and members', () => {
		it('creates, lists, shows and renames workspaces', async () => {
			const created = await apiJson<{ id: string; name: string; role: string; createdAt: string }>(
				server.url,
				editor.token,
				'POST',
				'/api/v1/workspaces',
				{ name: '  Field ops  ' },
				201
			);
			expect(created).toMatchObject({ name: 'Field ops', role: 'owner' });

			const { workspaces } = await apiJson<{ workspaces: { id: string; role: string }[] }>(
				server.url,
				editor.token,
				'GET',
				'/api/v1/workspaces'
			);
			expect(workspaces.map((w) => [w.id, w.role]).sort()).toEqual(
				[
					[created.id, 'owner'],
					[workspaceId, 'editor']
				].sort()
			);

			const shown = await apiJson(
				server.url,
				viewer.token,
				'GET',
				`/api/v1/workspaces/${workspaceId}`
			);
			expect(shown).toMatchObject({ id: workspaceId, name: 'Service desk', role: 'viewer' });

			const renamed = await apiJson(
				server.url,
				editor.token,
				'PATCH',
				`/api/v1/workspaces/${created.id}`,
				{ name: 'Field operations' },
				200
			);
			expect(renamed).toMatchObject({ id: created.id, name: 'Field operations', role: 'owner' });

			await expectError(
				await api(server.url, editor.token, 'PATCH', `/api/v1/workspaces/${workspaceId}`, {
					name: 'Mine now'
				}),
				403,
				/owner/
			);
			await expectError(
				await api(server.url, owner.token, 'POST', '/api/v1/workspaces', { name: '' }),
				400,
				/Workspace name is required/
			);
		});

		it('keeps non-members out and answers 404 for unknown workspaces', async () => {
			await expectError(
				await api(server.url, outsider.token, 'GET', `/api/v1/workspaces/${workspaceId}`),
				403,
				/not a member/
			);
			await expectError(
				await api(server.url, outsider.token, 'GET', `/api/v1/workspaces/${workspaceId}/members`),
				403
			);
			await expectError(
				await api(server.url, outsider.token, 'GET', `/api/v1/workspaces/${workspaceId}/documents`),
				403
			);
			await expectError(
				await api(server.url, owner.token, 'GET', `/api/v1/workspaces/${UNKNOWN_ID}`),
				404,
				/No such workspace/
			);
			await expectError(
				await api(server.url, owner.token, 'GET', '/api/v1/workspaces/not-an-id'),
				404
			);
			await expectError(await api(server.url, owner.token, 'GET', '/api/v1/no-such-thing'), 404);
		});

		it('adds members by email, changes roles and removes them', async () => {
			const ws = await apiJson<{ id: string }>(
				server.url,
				owner.token,
				'POST',
				'/api/v1/workspaces',
				{ name: 'Members' },
				201
			);
			const members = `/api/v1/workspaces/${ws.id}/members`;

			const added = await apiJson(
				server.url,
				owner.token,
				'POST',
				members,
				{ email: outsider.email.toUpperCase(), role: 'viewer' },
				201
			);
			expect(added).toMatchObject({
				userId: outsider.id,
				name: 'Oscar',
				email: outsider.email,
				role: 'viewer'
			});
			expect((added as { joinedAt: string }).joinedAt).toEqual(expect.any(String));

			await expectError(
				await api(server.url, owner.token, 'POST', members, {
					email: outsider.email,
					role: 'viewer'
				}),
				409,
				/already a member/
			);
			await expectError(
				await api(server.url, owner.token, 'POST', members, {
					email: 'nobody@example.com',
					role: 'viewer'
				}),
				404,
				/invitation/
			);
			await expectError(
				await api(server.url, owner.token, 'POST', members, { email: editor.email, role: 'admin' }),
				400,
				/Role must be one of/
			);
			// Only owners manage members.
			await expectError(
				await api(server.url, outsider.token, 'POST', members, {
					email: editor.email,
					role: 'viewer'
				}),
				403
			);

			const promoted = await apiJson(
				server.url,
				owner.token,
				'PATCH',
				`${members}/${outsider.id}`,
				{ role: 'editor' },
				200
			);
			expect(promoted).toMatchObject({ userId: outsider.id, role: 'editor' });

			const list = await apiJson<{ members: { userId: string; role: string }[] }>(
				server.url,
				outsider.token,
				'GET',
				members
			);
			expect(list.members.map((m) => [m.userId, m.role]).sort()).toEqual(
				[
					[owner.id, 'owner'],
					[outsider.id, 'editor']
				].sort()
			);

			await expectError(
				await api(server.url, owner.token, 'PATCH', `${members}/${viewer.id}`, { role: 'editor' }),
				404,
				/not a member/
			);

			const removed = await api(server.url, owner.token, 'DELETE', `${members}/${outsider.id}`);
			expect(removed.status).toBe(204);
			await expectError(
				await api(server.url, outsider.token, 'GET', `/api/v1/workspaces/${ws.id}`),
				403
			);
		});

		it('lets members leave, but not the last owner', async () => {
			const ws = await apiJson<{ id: string }>(
				server.url,
				owner.token,
				'POST',
				'/api/v1/workspaces',
				{ name: 'Leaving' },
				201
			);
			const members = `/api/v1/workspaces/${ws.id}/members`;
			await apiJson(
				server.url,
				owner.token,
				'POST',
				members,
				{ email: editor.email, role: 'editor' },
				201
			);

			await expectError(
				await api(server.url, owner.token, 'DELETE', `${members}/${owner.id}`),
				409,
				/last owner/
			);
			await expectError(
				await api(server.url, owner.token, 'PATCH', `${members}/${owner.id}`, { role: 'editor' }),
				409,
				/at least one owner/
			);
			// An editor cannot remove someone else …
			await expectError(
				await api(server.url, editor.token, 'DELETE', `${members}/${owner.id}`),
				403
			);
			// … but can leave.
			expect(
				(await api(server.url, editor.token, 'DELETE', `${members}/${editor.id}`)).status
			).toBe(204);

			// With a second owner, the first may go.
			await apiJson(
				server.url,
				owner.token,
				'POST',
				members,
				{ email: viewer.email, role: 'owner' },
				201
			);
			expect((await api(server.url, owner.token, 'DELETE', `${members}/${owner.id}`)).status).toBe(
				204
			);
			await expectError(
				await api(server.url, owner.token, 'GET', `/api/v1/workspaces/${ws.id}`),
				403
			);
		});

		it('invites through a link that can be revoked', async () => {
			const ws = await apiJson<{ id: string }>(
				server.url,
				owner.token,
				'POST',
				'/api/v1/workspaces',
				{ name: 'Invites' },
				201
			);
			const invites = `/api/v1/workspaces/${ws.id}/invites`;
			const invite = await apiJson<{
				id: string;
				role: string;
				token: string;
				url: string;
				expiresAt: string;
			}>(server.url, owner.token, 'POST', invites, { role: 'viewer' }, 201);
			expect(invite.role).toBe('viewer');
			expect(invite.url).toBe(`${server.url}/invite/${invite.token}`);
			expect(new Date(invite.expiresAt).getTime()).toBeGreaterThan(Date.now());

			const listed = await apiJson<{ invites: Record<string, unknown>[] }>(
				server.url,
				owner.token,
				'GET',
				invites
			);
			expect(listed.invites.map((i) => i.id)).toEqual([invite.id]);
			expect(listed.invites[0].token).toBeUndefined();
			await expectError(await api(server.url, editor.token, 'GET', invites), 403);

			const joiner = await signUpUser(server.url, 'Jo');
			const offer = await apiJson(
				server.url,
				joiner.token,
				'GET',
				`/api/v1/invites/${invite.token}`,
				undefined,
				200
			);
			expect(offer).toEqual({
				workspaceId: ws.id,
				workspaceName: 'Invites',
				role: 'viewer',
				email: null
			});
			const accepted = await apiJson(
				server.url,
				joiner.token,
				'POST',
				`/api/v1/invites/${invite.token}/accept`,
				undefined,
				200
			);
			expect(accepted).toEqual({ workspaceId: ws.id });
			const joined = await apiJson(server.url, joiner.token, 'GET', `/api/v1/workspaces/${ws.id}`);
			expect(joined).toMatchObject({ role: 'viewer' });

			expect((await api(server.url, owner.token, 'DELETE', `${invites}/${invite.id}`)).status).toBe(
				204
			);
			const late = await signUpUser(server.url, 'Lee');
			await expectError(
				await api(server.url, late.token, 'POST', `/api/v1/invites/${invite.token}/accept`),
				404,
				/not valid any more/
			);
			await expectError(
				await api(server.url, owner.token, 'DELETE', `${invites}/${UNKNOWN_ID}`),
				404
			);
		});
	});

	describe('documents', () => {
		const documentsOf = (id: string) => `/api/v1/workspaces/${id}/documents`;

		it('creates, lists, renames, archives and restores documents', async () => {
			const created = await apiJson<DocumentBody>(
				server.url,
				editor.token,
				'POST',
				documentsOf(workspaceId),
				{ kind: 'framework', title: 'Incident response' },
				201
			);
			expect(created).toMatchObject({
				kind: 'framework',
				title: 'Incident response',
				workspaceId,
				archivedAt: null,
				createdBy: editor.id
			});
			expect(new Date(created.createdAt).toISOString()).toBe(created.createdAt);

			const listed = await apiJson<{ documents: DocumentBody[] }>(
				server.url,
				viewer.token,
				'GET',
				documentsOf(workspaceId)
			);
			const entry = listed.documents.find((d) => d.id === created.id);
			expect(entry).toMatchObject({ title: 'Incident response', present: [] });

			const shown = await apiJson<DocumentBody>(
				server.url,
				viewer.token,
				'GET',
				`/api/v1/documents/${created.id}`
			);
			expect(shown.title).toBe('Incident response');

			const renamed = await apiJson<DocumentBody>(
				server.url,
				editor.token,
				'PATCH',
				`/api/v1/documents/${created.id}`,
				{ title: 'Major incident response' },
				200
			);
			expect(renamed.title).toBe('Major incident response');

			const archived = await api(
				server.url,
				editor.token,
				'DELETE',
				`/api/v1/documents/${created.id}`
			);
			expect(archived.status).toBe(204);
			const active = await apiJson<{ documents: DocumentBody[] }>(
				server.url,
				owner.token,
				'GET',
				documentsOf(workspaceId)
			);
			expect(active.documents.map((d) => d.id)).not.toContain(created.id);
			const archive = await apiJson<{ documents: DocumentBody[] }>(
				server.url,
				owner.token,
				'GET',
				`${documentsOf(workspaceId)}?archived=true`
			);
			expect(archive.documents.map((d) => d.id)).toContain(created.id);
			// Archived, not gone: it can still be read.
			const afterArchive = await apiJson<DocumentBody>(
				server.url,
				owner.token,
				'GET',
				`/api/v1/documents/${created.id}`
			);
			expect(afterArchive.archivedAt).toEqual(expect.any(String));

			const restored = await apiJson<DocumentBody>(
				server.url,
				owner.token,
				'PATCH',
				`/api/v1/documents/${created.id}`,
				{ archived: false },
				200
			);
			expect(restored.archivedAt).toBeNull();
			expect(restored.title).toBe('Major incident response');
			const again = await apiJson<{ documents: DocumentBody[] }>(
				server.url,
				owner.token,
				'GET',
				documentsOf(workspaceId)
			);
			expect(again.documents.map((d) => d.id)).toContain(created.id);
		});

		it('lets viewers read but not write, and keeps non-members out', async () => {
			const doc = await apiJson<DocumentBody>(
				server.url,
				owner.token,
				'POST',
				documentsOf(workspaceId),
				{ kind: 'retro', title: 'Sprint 12' },
				201
			);
			await expectError(
				await api(server.url, viewer.token, 'POST', documentsOf(workspaceId), {
					kind: 'flow',
					title: 'Mine'
				}),
				403,
				/editor/
			);
			await expectError(
				await api(server.url, viewer.token, 'PATCH', `/api/v1/documents/${doc.id}`, {
					title: 'Renamed'
				}),
				403
			);
			await expectError(
				await api(server.url, viewer.token, 'DELETE', `/api/v1/documents/${doc.id}`),
				403
			);
			await expectError(
				await api(server.url, outsider.token, 'GET', `/api/v1/documents/${doc.id}`),
				403
			);
			await expectError(
				await api(server.url, outsider.token, 'PATCH', `/api/v1/documents/${doc.id}`, {
					archived: true
				}),
				403
			);
			await expectError(
				await api(server.url, owner.token, 'GET', `/api/v1/documents/${UNKNOWN_ID}`),
				404,
				/No such document/
			);
			await expectError(
				await api(server.url, owner.token, 'POST', documentsOf(UNKNOWN_ID), {
					kind: 'flow',
					title: 'X'
				}),
				404
			);
			const unchanged = await apiJson<DocumentBody>(
				server.url,
				owner.token,
				'GET',
				`/api/v1/documents/${doc.id}`
			);
			expect(unchanged).toMatchObject({ title: 'Sprint 12', archivedAt: null });
		});

		it('refuses bad document input with a message naming the field', async () => {
			await expectError(
				await api(server.url, owner.token, 'POST', documentsOf(workspaceId), {
					kind: 'memo',
					title: 'X'
				}),
				400,
				/Kind must be one of: framework, flow, retro/
			);
			await expectError(
				await api(server.url, owner.token, 'POST', documentsOf(workspaceId), { kind: 'flow' }),
				400,
				/Title is required/
			);
			const doc = await apiJson<DocumentBody>(
				server.url,
				owner.token,
				'POST',
				documentsOf(workspaceId),
				{ kind: 'flow', title: 'Escalation' },
				201
			);
			await expectError(
				await api(server.url, owner.token, 'PATCH', `/api/v1/documents/${doc.id}`, {
					archived: 'yes'
				}),
				400,
				/archived/
			);
			await expectError(
				await api(server.url, owner.token, 'PATCH', `/api/v1/documents/${doc.id}`, {
					title: 'x'.repeat(201)
				}),
				400,
				/Title must be at most 200/
			);
			await expectError(
				await api(server.url, owner.token, 'PATCH', `/api/v1/documents/${doc.id}`, {}),
				400,
				/title or archived/
			);
			await expectError(
				await api(server.url, owner.token, 'GET', `${documentsOf(workspaceId)}?archived=maybe`),
				400,
				/archived/
			);
			const unchanged = await apiJson<DocumentBody>(
				server.url,
				owner.token,
				'GET',
				`/api/v1/documents/${doc.id}`
			);
			expect(unchanged).toMatchObject({ title: 'Escalation', archivedAt: null });
		});
	});

	describe('requests', () => {
		const send = (body: string, headers: Record<string, string> = {}) =>
			fetch(`${server.url}/api/v1/workspaces`, {
				method: 'POST',
				headers: {
					authorization: `Bearer ${owner.token}`,
					'content-type': 'application/json',
					...headers
				},
				body
			});

		it('answers 400 for malformed JSON and 413 for bodies over 1 MB', async () => {
			const malformed = await expectError(await send('{"name": "Ops",'), 400, /not valid JSON/);
			expect(malformed.error.code).toBe('bad_request');
			await expectError(await send('"just a string"'), 400, /JSON object/);

			const huge = JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) });
			const tooLarge = await expectError(await send(huge), 413, /too large/);
			expect(tooLarge.error.code).toBe('too_large');

			// Nothing was created by any of these.
			const { workspaces } = await apiJson<{ workspaces: { name: string }[] }>(
				server.url,
				owner.token,
				'GET',
				'/api/v1/workspaces'
			);
			expect(workspaces.every((w) => w.name.length < 100)).toBe(true);
		});

		it('refuses control characters in any text with a 400 naming the field, never a 500', async () => {
			const nul = 'a\u0000b';
			await expectError(
				await postJson(`${server.url}/api/v1/auth/signup`, {
					name: nul,
					email: 'nul@example.com',
					password: TEST_PASSWORD
				}),
				400,
				/^name contains a control character/
			);
			await expectError(
				await postJson(`${server.url}/api/v1/auth/login`, { email: nul, password: 'whatever1' }),
				400,
				/^email contains a control character/
			);
			const signupForm = await fetch(`${server.url}/signup`, {
				method: 'POST',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					origin: server.url,
					accept: 'text/html'
				},
				body: new URLSearchParams({
					name: nul,
					email: 'nul2@example.com',
					password: TEST_PASSWORD
				}),
				redirect: 'manual'
			});
			expect(signupForm.status).toBe(400);
			expect(await signupForm.text()).toContain('Name contains a control character');

			const { workspaces } = await apiJson<{ workspaces: { id: string }[] }>(
				server.url,
				owner.token,
				'GET',
				'/api/v1/workspaces'
			);
			const workspaceId = workspaces[0].id;
			const attempts: [string, string, unknown, RegExp][] = [
				['POST', '/api/v1/workspaces', { name: nul }, /^name /],
				['POST', '/api/v1/tokens', { name: nul }, /^name /],
				[
					'POST',
					`/api/v1/workspaces/${workspaceId}/documents`,
					{ kind: 'framework', title: nul },
					/^title /
				],
				[
					'POST',
					`/api/v1/workspaces/${workspaceId}/tasks`,
					{ title: 'ok', assigneeId: nul },
					/^assigneeId /
				],
				[
					'POST',
					`/api/v1/workspaces/${workspaceId}/tasks`,
					{ title: ['x', { deep: nul }] },
					/^title\[1\]\.deep /
				]
			];
			for (const [method, path, body, field] of attempts) {
				await expectError(await api(server.url, owner.token, method, path, body), 400, field);
			}
			// Query strings reach statements too.
			const query = await api(
				server.url,
				owner.token,
				'GET',
				`/api/v1/workspaces/${workspaceId}/tasks?assignee=${encodeURIComponent(nul)}`
			);
			expect(query.status).toBeLessThan(500);
		});

		it('takes as long to refuse an unknown email as a wrong password', async () => {
			const attempt = async (email: string) => {
				const started = performance.now();
				const res = await postJson(`${server.url}/api/v1/auth/login`, {
					email,
					password: 'not the password'
				});
				expect(res.status).toBe(401);
				return performance.now() - started;
			};
			const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
			const known: number[] = [];
			const unknown: number[] = [];
			// Alternating, so a slow moment of the machine hits both alike. Few tries: each counts towards the throttle.
			for (let i = 0; i < 3; i++) {
				known.push(await attempt(editor.email));
				unknown.push(await attempt(`nobody-${i}@example.com`));
			}
			// Before the dummy hash, an unknown email answered in a small fraction of the time.
			expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
		});

		it('accepts a browser session from its own pages and refuses it from foreign ones', async () => {
			const cookie = await browserLogIn(server.url, owner.email);
			expect(cookie).toMatch(/^opsloom_session=/);
			const withCookie = (origin: string) =>
				postJson(
					`${server.url}/api/v1/workspaces`,
					{ name: 'From the browser' },
					{ cookie, origin }
				);

			await expectError(await withCookie('https://evil.example'), 403, /Cross-site/);
			expect((await withCookie(server.url)).status).toBe(201);
			const me = await fetch(`${server.url}/api/v1/me`, { headers: { cookie } });
			expect(await me.json()).toEqual({ id: owner.id, name: owner.name, email: owner.email });
		});

		it('refuses sign-up from a foreign page', async () => {
			await expectError(
				await postJson(
					`${server.url}/api/v1/auth/signup`,
					{ name: 'Mallory', email: 'mallory@example.com', password: TEST_PASSWORD },
					{ origin: 'https://evil.example' }
				),
				403,
				/Cross-site/
			);
		});
	});
});
