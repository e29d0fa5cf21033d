import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { PGlite } from '@electric-sql/pglite';
import {
	api,
	browserLogIn,
	apiJson,
	createDocumentIn,
	createWorkspaceWith,
	saveLocale,
	signUpUser,
	TEST_PASSWORD,
	type ApiUser
} from '../helpers/api';
import { readOutbox, waitForMail, type OutboxMail } from '../helpers/outbox';
import {
	createStorage,
	engines,
	startServer,
	type TestServer,
	type TestStorage
} from '../helpers/server';

const NEW_PASSWORD = 'a brand new password';

function postJson(url: string, body: unknown) {
	return fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
}

async function expectStatus(res: Response, status: number, message?: RegExp) {
	const text = await res.text();
	expect(res.status, text).toBe(status);
	if (message) expect(JSON.parse(text).error.message).toMatch(message);
}

const asCookie = (baseUrl: string, cookie: string, method = 'GET', body?: unknown) =>
	fetch(`${baseUrl}/api/v1/me`, {
		method,
		headers: { cookie, origin: baseUrl, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});

const tokenIn = (mail: OutboxMail, path: string) => {
	const link = mail.links.find((l) => l.includes(path));
	if (!link) throw new Error(`no ${path} link in: ${mail.text}`);
	return link.slice(link.indexOf(path) + path.length);
};

describe.each(engines)('accounts on %s', (engine) => {
	let storage: TestStorage;
	let server: TestServer;

	beforeAll(async () => {
		storage = await createStorage(engine);
		server = await startServer(storage);
	});

	afterAll(async () => {
		await server?.stop();
		await storage?.drop();
	});

	/** Runs SQL against the test server's database (PGlite allows one opener, so the server pauses). */
	async function withDatabase(statement: string, params: unknown[]): Promise<void> {
		if (storage.env.DATABASE_URL) {
			const sql = postgres(storage.env.DATABASE_URL, { max: 1, onnotice: () => {} });
			await sql.unsafe(statement, params as never[]);
			await sql.end();
			return;
		}
		await server.stop();
		const db = await PGlite.create(storage.dataDir);
		await db.query(statement, params);
		await db.close();
		await server.restart();
	}

	const requestReset = (email: string) =>
		postJson(`${server.url}/api/v1/auth/password-reset`, { email });
	const confirmReset = (token: string, password = NEW_PASSWORD) =>
		postJson(`${server.url}/api/v1/auth/password-reset/confirm`, { token, password });
	const resetMailFor = (email: string, after = 0) =>
		waitForMail(
			storage.dataDir,
			(m) => m.to === email && m.subject.includes('Reset') && Number(m.file.split('-')[0]) >= after
		);

	it('resets a forgotten password through the mailed link, once, signing out every session', async () => {
		const user = await signUpUser(server.url, 'Rita');
		const cookie = await browserLogIn(server.url, user.email, TEST_PASSWORD);
		expect((await asCookie(server.url, cookie)).status).toBe(200);

		const res = await requestReset(user.email.toUpperCase());
		expect(res.status).toBe(202);
		const mail = await resetMailFor(user.email);
		const token = tokenIn(mail, '/reset-password/');
		expect(mail.text).toContain('one hour');

		await expectStatus(await confirmReset(token, 'short'), 400, /Password must be at least/);
		const confirmed = await confirmReset(token);
		expect(confirmed.status).toBe(200);
		expect(((await confirmed.json()) as { user: { id: string } }).user.id).toBe(user.id);
		await expectStatus(await confirmReset(token), 410, /already/);

		// Every browser session is gone; the new password works, the old one does not; tokens stay.
		expect((await asCookie(server.url, cookie)).status).toBe(401);
		await browserLogIn(server.url, user.email, NEW_PASSWORD);
		await expectStatus(
			await postJson(`${server.url}/api/v1/auth/login`, {
				email: user.email,
				password: TEST_PASSWORD
			}),
			401
		);
		expect((await api(server.url, user.token, 'GET', '/api/v1/me')).status).toBe(200);
		await expectStatus(await confirmReset('aaaaaaaaaaaaaaaaaaaa.' + 'a'.repeat(32)), 404);
		await expectStatus(await confirmReset(''), 400, /Token/);
	});

	it('mails the reset link in the language the person saved, whatever the browser asking for it', async () => {
		const user = await signUpUser(server.url, '怡君');
		await saveLocale(server.url, user, 'zh-Hant');
		const res = await fetch(`${server.url}/api/v1/auth/password-reset`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'accept-language': 'en-US' },
			body: JSON.stringify({ email: user.email })
		});
		expect(res.status).toBe(202);
		// The answer is for whoever filled in the form, in their language.
		expect(((await res.json()) as { message: string }).message).toMatch(/^If an account uses/);

		const mail = await waitForMail(storage.dataDir, (m) => m.to === user.email);
		expect(mail.subject).toBe('重設你的 Opsloom 密碼');
		expect(mail.text).toContain('怡君，您好：');
		expect(mail.text).toContain('下方連結在一小時內有效');
		expect(mail.text).toContain(`設定新密碼：${server.url}/reset-password/`);
		expect(mail.text.replace(/https?:\S+/g, '')).not.toMatch(/[Pp]assword|Reset/);
		expect(mail.html).toContain('<html lang="zh-Hant">');
		expect(mail.html).toContain('重設密碼</h1>');
		expect(mail.html).toContain("'PingFang TC'");
		// The link works as in English.
		const confirmed = await confirmReset(tokenIn(mail, '/reset-password/'));
		expect(confirmed.status).toBe(200);
	});

	it('refuses a reset link after its hour is up', async () => {
		const user = await signUpUser(server.url, 'Eli');
		expect((await requestReset(user.email)).status).toBe(202);
		const token = tokenIn(await resetMailFor(user.email), '/reset-password/');
		await withDatabase(
			`update account_tokens set expires_at = now() - interval '1 minute' where id = $1`,
			[token.split('.')[0]]
		);
		await expectStatus(await confirmReset(token), 410, /expired/);
	});

	it('answers the same for unknown emails, mails nothing, and throttles requests', async () => {
		const unknown = `nobody-${Date.now()}@example.com`;
		const known = await signUpUser(server.url, 'Tom');
		const a = await requestReset(unknown);
		const b = await requestReset(known.email);
		expect(a.status).toBe(202);
		expect(b.status).toBe(202);
		expect(await a.json()).toEqual(await b.json());
		await resetMailFor(known.email);
		expect((await readOutbox(storage.dataDir)).some((m) => m.to === unknown)).toBe(false);

		await expectStatus(await requestReset('not an email'), 400, /Email/);
		expect((await requestReset(unknown)).status).toBe(202);
		expect((await requestReset(unknown)).status).toBe(202);
		await expectStatus(await requestReset(unknown), 429, /Too many password reset requests/);
	});

	it('changes the password: other sessions end, API tokens stay, a wrong current password is 403', async () => {
		const user = await signUpUser(server.url, 'Pam');
		const here = await browserLogIn(server.url, user.email, TEST_PASSWORD);
		const elsewhere = await browserLogIn(server.url, user.email, TEST_PASSWORD);
		const change = (cookie: string, body: unknown) =>
			fetch(`${server.url}/api/v1/me/password`, {
				method: 'POST',
				headers: { cookie, origin: server.url, 'content-type': 'application/json' },
				body: JSON.stringify(body)
			});
		await expectStatus(
			await change(here, { currentPassword: 'wrong password', newPassword: NEW_PASSWORD }),
			403,
			/Current password/
		);
		await expectStatus(
			await change(here, { currentPassword: TEST_PASSWORD, newPassword: 'short' }),
			400,
			/New password/
		);
		expect(
			(await change(here, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD })).status
		).toBe(204);
		expect((await asCookie(server.url, here)).status).toBe(200);
		expect((await asCookie(server.url, elsewhere)).status).toBe(401);
		expect((await api(server.url, user.token, 'GET', '/api/v1/me')).status).toBe(200);

		const { sessions } = await apiJson<{ sessions: { id: string; current: boolean }[] }>(
			server.url,
			user.token,
			'GET',
			'/api/v1/me/sessions'
		);
		expect(sessions).toHaveLength(1);
		expect(
			(await api(server.url, user.token, 'DELETE', `/api/v1/me/sessions/${sessions[0].id}`)).status
		).toBe(204);
		expect((await asCookie(server.url, here)).status).toBe(401);
	});

	it('changes the email only once the link mailed to the new address is followed', async () => {
		const user = await signUpUser(server.url, 'Ned');
		const newEmail = `ned-new-${Date.now()}@example.com`;
		await expectStatus(
			await api(server.url, user.token, 'POST', '/api/v1/me/email', {
				email: newEmail,
				password: 'wrong password'
			}),
			403
		);
		await expectStatus(
			await api(server.url, user.token, 'POST', '/api/v1/me/email', {
				email: 'nope',
				password: TEST_PASSWORD
			}),
			400,
			/Email/
		);
		const asked = await api(server.url, user.token, 'POST', '/api/v1/me/email', {
			email: newEmail,
			password: TEST_PASSWORD
		});
		expect(asked.status).toBe(202);
		const mail = await waitForMail(storage.dataDir, (m) => m.to === newEmail);
		const token = tokenIn(mail, '/confirm-email/');
		expect(await apiJson(server.url, user.token, 'GET', '/api/v1/me')).toMatchObject({
			email: user.email
		});

		const other = await signUpUser(server.url, 'Ona');
		await expectStatus(
			await api(server.url, other.token, 'POST', '/api/v1/me/email/confirm', { token }),
			403
		);
		const confirm = () =>
			api(server.url, user.token, 'POST', '/api/v1/me/email/confirm', { token });
		expect(await (await confirm()).json()).toMatchObject({ email: newEmail });
		await expectStatus(await confirm(), 410);
		expect(await apiJson(server.url, user.token, 'GET', '/api/v1/me')).toMatchObject({
			email: newEmail
		});
		await waitForMail(storage.dataDir, (m) => m.to === user.email && /was changed/.test(m.subject));
		await browserLogIn(server.url, newEmail, TEST_PASSWORD);
	});

	it('renames the account, naming the field on bad input', async () => {
		const user = await signUpUser(server.url, 'Ray');
		expect(
			await apiJson(server.url, user.token, 'PATCH', '/api/v1/me', { name: ' Raymond ' }, 200)
		).toMatchObject({ name: 'Raymond' });
		await expectStatus(
			await api(server.url, user.token, 'PATCH', '/api/v1/me', { name: '' }),
			400,
			/Name/
		);
	});

	describe('email invitations', () => {
		let owner: ApiUser;
		let workspaceId: string;
		const invitesOf = () => `/api/v1/workspaces/${workspaceId}/invites`;

		beforeAll(async () => {
			owner = await signUpUser(server.url, 'Olga');
			workspaceId = await createWorkspaceWith(server.url, owner, 'Night shift');
		});

		it('lets a new person sign up straight into the workspace from the mail', async () => {
			const email = `newbie-${Date.now()}@example.com`;
			const invite = await apiJson<{ id: string; email: string; invitedBy: string }>(
				server.url,
				owner.token,
				'POST',
				invitesOf(),
				{ email, role: 'viewer' },
				201
			);
			expect(invite).toMatchObject({ email, role: 'viewer', invitedBy: 'Olga' });
			const mail = await waitForMail(storage.dataDir, (m) => m.to === email);
			const link = mail.links.find((l) => l.includes('/invite/'))!;

			// Not logged in: the invitation sends the person to sign-up.
			const landing = await fetch(link, { redirect: 'manual' });
			expect(landing.status).toBe(303);
			const signupPath = landing.headers.get('location')!;
			expect(signupPath).toMatch(/^\/signup\?invite=/);
			const signupPage = await (await fetch(`${server.url}${signupPath}`)).text();
			expect(signupPage).toContain(`value="${email}"`);

			const signup = await fetch(`${server.url}${signupPath}`, {
				method: 'POST',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					accept: 'text/html',
					origin: server.url
				},
				body: new URLSearchParams({ name: 'Newbie', email, password: TEST_PASSWORD }),
				redirect: 'manual'
			});
			expect(signup.status).toBe(303);
			expect(signup.headers.get('location')).toBe(`/w/${workspaceId}`);

			const { members } = await apiJson<{ members: { email: string; role: string }[] }>(
				server.url,
				owner.token,
				'GET',
				`/api/v1/workspaces/${workspaceId}/members`
			);
			expect(members).toContainEqual(expect.objectContaining({ email, role: 'viewer' }));
			const { invites } = await apiJson<{ invites: { id: string }[] }>(
				server.url,
				owner.token,
				'GET',
				invitesOf()
			);
			expect(invites.map((i) => i.id)).not.toContain(invite.id);
		});

		it('resends with a new link (the old one dies) and revokes', async () => {
			const email = `later-${Date.now()}@example.com`;
			const invite = await apiJson<{ id: string }>(
				server.url,
				owner.token,
				'POST',
				invitesOf(),
				{ email, role: 'editor' },
				201
			);
			await expectStatus(
				await api(server.url, owner.token, 'POST', invitesOf(), { email, role: 'editor' }),
				409,
				/already invited/
			);
			await expectStatus(
				await api(server.url, owner.token, 'POST', invitesOf(), { email: 'x', role: 'editor' }),
				400,
				/Email/
			);
			const first = await waitForMail(storage.dataDir, (m) => m.to === email);
			const firstToken = tokenIn(first, '/invite/');
			await apiJson(server.url, owner.token, 'POST', `${invitesOf()}/${invite.id}/resend`, {}, 200);
			const second = await waitForMail(
				storage.dataDir,
				(m) => m.to === email && m.file !== first.file
			);
			const secondToken = tokenIn(second, '/invite/');
			expect(secondToken).not.toBe(firstToken);

			const person = await signUpUser(server.url, 'Later');
			// Sign-up gave a different address than the invitation: only that address may accept.
			await expectStatus(
				await api(server.url, person.token, 'POST', `/api/v1/invites/${secondToken}/accept`),
				403,
				new RegExp(email)
			);
			await expectStatus(
				await api(server.url, person.token, 'GET', `/api/v1/invites/${firstToken}`),
				404
			);
			expect(
				(await api(server.url, owner.token, 'DELETE', `${invitesOf()}/${invite.id}`)).status
			).toBe(204);
			await expectStatus(
				await api(server.url, person.token, 'GET', `/api/v1/invites/${secondToken}`),
				404
			);
			const { invites } = await apiJson<{ invites: { id: string }[] }>(
				server.url,
				owner.token,
				'GET',
				invitesOf()
			);
			expect(invites.map((i) => i.id)).not.toContain(invite.id);
		});
	});

	it('deletes an account: the last owner hands over first, documents stay without a creator', async () => {
		const owner = await signUpUser(server.url, 'Dora');
		const colleague = await signUpUser(server.url, 'Cole');
		const shared = await createWorkspaceWith(server.url, owner, 'Shared desk', [
			[colleague, 'editor']
		]);
		const documentId = await createDocumentIn(server.url, owner, shared, 'Runbook');
		const solo = await createWorkspaceWith(server.url, owner, 'Solo notes');
		const remove = (body: unknown) => api(server.url, owner.token, 'DELETE', '/api/v1/me', body);

		await expectStatus(await remove({ password: 'wrong password' }), 403);
		await expectStatus(await remove({ password: TEST_PASSWORD }), 409, /Shared desk/);
		await apiJson(
			server.url,
			owner.token,
			'PATCH',
			`/api/v1/workspaces/${shared}/members/${colleague.id}`,
			{ role: 'owner' },
			200
		);
		await expectStatus(await remove({ password: TEST_PASSWORD }), 409, /Solo notes/);
		const deleted = await remove({ password: TEST_PASSWORD, deleteWorkspaces: true });
		expect(deleted.status).toBe(200);
		expect(await deleted.json()).toEqual({
			deletedWorkspaces: [{ id: solo, name: 'Solo notes' }]
		});

		expect((await api(server.url, owner.token, 'GET', '/api/v1/me')).status).toBe(401);
		const document = await apiJson(
			server.url,
			colleague.token,
			'GET',
			`/api/v1/documents/${documentId}`,
			undefined,
			200
		);
		expect(document).toMatchObject({ title: 'Runbook', createdBy: null });
		const { members } = await apiJson<{ members: { userId: string }[] }>(
			server.url,
			colleague.token,
			'GET',
			`/api/v1/workspaces/${shared}/members`
		);
		expect(members.map((m) => m.userId)).toEqual([colleague.id]);
		await expectStatus(
			await postJson(`${server.url}/api/v1/auth/login`, {
				email: owner.email,
				password: TEST_PASSWORD
			}),
			401
		);
	});
});
