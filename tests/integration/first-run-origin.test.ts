import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../helpers/api';
import { createStorage, startServer, type TestServer, type TestStorage } from '../helpers/server';
import { CONNECTION_PROTOCOL_HEADER } from '../../server/connection-protocol';

interface RawResponse {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}

/**
 * A request to the server on 127.0.0.1:`port` as a browser sends it, with
 * `host` as its Host header (fetch would not let us set that one).
 */
function send(
	port: number,
	host: string,
	method: string,
	pathname: string,
	headers: Record<string, string>,
	body = ''
): Promise<RawResponse> {
	return new Promise((resolve, reject) => {
		const request = http.request(
			{
				host: '127.0.0.1',
				port,
				method,
				path: pathname,
				headers: {
					host,
					'content-length': Buffer.byteLength(body),
					...headers
				}
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (text += chunk));
				res.on('end', () =>
					resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text })
				);
			}
		);
		request.on('error', reject);
		request.end(body);
	});
}

let counter = 0;

/** Posts the sign-up form as a browser on `origin` would, to `host` (a Host header). */
function postSignUpForm(
	port: number,
	host: string,
	origin: string,
	extraHeaders: Record<string, string> = {}
): Promise<RawResponse> {
	counter += 1;
	const form = new URLSearchParams({
		name: 'Newcomer',
		email: `newcomer${counter}-${Date.now()}@example.com`,
		password: TEST_PASSWORD
	});
	return send(
		port,
		host,
		'POST',
		'/signup',
		{
			// A browser's own accept header: without text/html SvelteKit answers in JSON.
			accept: 'text/html,application/xhtml+xml',
			'content-type': 'application/x-www-form-urlencoded',
			origin,
			...extraHeaders
		},
		form.toString()
	);
}

function sessionCookie(res: RawResponse): string | undefined {
	return res.headers['set-cookie']?.find((cookie) => cookie.startsWith('opsloom_session='));
}

describe('a first run with ORIGIN unset, served over plain http', () => {
	let storage: TestStorage;
	let server: TestServer;

	beforeAll(async () => {
		storage = await createStorage();
		server = await startServer(storage, { ORIGIN: undefined, PROTOCOL_HEADER: undefined });
	});

	afterAll(async () => {
		await server?.stop();
		await storage?.drop();
	});

	for (const host of ['127.0.0.1', 'localhost']) {
		it(`signs a newcomer up from http://${host} with a session cookie that is not Secure`, async () => {
			const origin = `http://${host}:${server.port}`;
			const res = await postSignUpForm(server.port, `${host}:${server.port}`, origin);
			expect(res.status, res.body).toBe(303);
			const cookie = sessionCookie(res);
			expect(cookie).toBeDefined();
			expect(cookie).not.toMatch(/;\s*secure/i);

			// The JSON API's own same-origin check accepts the browser's session too.
			const created = await send(
				server.port,
				`${host}:${server.port}`,
				'POST',
				'/api/v1/workspaces',
				{ 'content-type': 'application/json', origin, cookie: cookie!.split(';')[0] },
				JSON.stringify({ name: 'First steps' })
			);
			expect(created.status, created.body).toBe(201);
		});
	}

	it('refuses the form from a foreign origin', async () => {
		const res = await postSignUpForm(
			server.port,
			`127.0.0.1:${server.port}`,
			'http://evil.example'
		);
		expect(res.status).toBe(403);
		expect(res.body).toMatch(/Cross-site POST form submissions are forbidden/);
		expect(sessionCookie(res)).toBeUndefined();
	});

	it('takes the protocol from the connection, not from what the client claims', async () => {
		const res = await postSignUpForm(
			server.port,
			`127.0.0.1:${server.port}`,
			`https://127.0.0.1:${server.port}`,
			{
				[CONNECTION_PROTOCOL_HEADER]: 'https'
			}
		);
		expect(res.status).toBe(403);
		expect(sessionCookie(res)).toBeUndefined();
	});
});

describe('an operator who configured the origin', () => {
	let storage: TestStorage;
	let server: TestServer | undefined;

	beforeAll(async () => {
		storage = await createStorage();
	});

	afterAll(async () => {
		await server?.stop();
		await storage?.drop();
	});

	it('with ORIGIN set, accepts forms from that origin only', async () => {
		server = await startServer(storage);
		const own = await postSignUpForm(server.port, `127.0.0.1:${server.port}`, server.url);
		expect(own.status, own.body).toBe(303);
		const other = await postSignUpForm(
			server.port,
			`localhost:${server.port}`,
			`http://localhost:${server.port}`
		);
		expect(other.status).toBe(403);
		await server.stop();
		server = undefined;
	});

	it("behind a TLS proxy, trusts the proxy's PROTOCOL_HEADER and sets a Secure cookie", async () => {
		server = await startServer(storage, {
			ORIGIN: undefined,
			PROTOCOL_HEADER: 'x-forwarded-proto'
		});
		const res = await postSignUpForm(server.port, 'ops.example.com', 'https://ops.example.com', {
			'x-forwarded-proto': 'https'
		});
		expect(res.status, res.body).toBe(303);
		expect(sessionCookie(res)).toMatch(/;\s*secure/i);
	});
});
