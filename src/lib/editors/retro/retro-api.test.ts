import { describe, expect, it } from 'vitest';
import { requestJson, type Fetch } from './retro-api';

const answer =
	(status: number, body?: string, contentType = 'application/json'): Fetch =>
	async () =>
		new Response(body ?? null, { status, headers: { 'content-type': contentType } });

describe('requestJson', () => {
	it("passes the server's sentence on, so a refused vote says why", async () => {
		const fetcher = answer(
			409,
			JSON.stringify({
				error: {
					code: 'conflict',
					message: 'You have used all 3 of your votes; take one back first.'
				}
			})
		);
		expect(await requestJson(fetcher, 'POST', '/x', { topicId: 't', delta: 1 })).toEqual({
			ok: false,
			status: 409,
			message: 'You have used all 3 of your votes; take one back first.'
		});
	});

	it('says something readable when the answer is not the API error shape, or nothing came back', async () => {
		const proxyPage = await requestJson(
			answer(502, '<html>Bad gateway</html>', 'text/html'),
			'GET',
			'/x'
		);
		expect(proxyPage).toMatchObject({ ok: false, status: 502 });
		expect(!proxyPage.ok && proxyPage.message).toMatch(/502/);

		const offline = await requestJson(
			async () => {
				throw new TypeError('Failed to fetch');
			},
			'GET',
			'/x'
		);
		expect(offline).toMatchObject({
			ok: false,
			status: 0,
			message: expect.stringMatching(/reach the server/)
		});
	});

	it('sends JSON and reads JSON, and takes 204 as success without a body', async () => {
		let sent: RequestInit | undefined;
		const fetcher: Fetch = async (_url, init) => {
			sent = init;
			return new Response(JSON.stringify({ ballot: { t: 1 }, votesLeft: 2 }), { status: 200 });
		};
		expect(await requestJson(fetcher, 'POST', '/x', { delta: 1 })).toEqual({
			ok: true,
			value: { ballot: { t: 1 }, votesLeft: 2 }
		});
		expect(sent?.body).toBe('{"delta":1}');
		expect(new Headers(sent?.headers).get('content-type')).toBe('application/json');
		expect(await requestJson(answer(204), 'DELETE', '/x')).toEqual({ ok: true, value: undefined });
	});
});
