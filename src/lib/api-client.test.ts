import { describe, expect, it } from 'vitest';
import { ApiError, callApi, type Fetch } from './api-client';

const answer =
	(status: number, body?: string, contentType = 'application/json'): Fetch =>
	async () =>
		new Response(body ?? null, { status, headers: { 'content-type': contentType } });

const refusal = (call: Promise<unknown>) =>
	call.then(
		() => {
			throw new Error('expected the call to be refused');
		},
		(caught: unknown) => caught as ApiError
	);

describe('callApi', () => {
	it("passes the server's sentence and code on, so a refused vote says why", async () => {
		const body = JSON.stringify({
			error: {
				code: 'conflict',
				message: 'You have used all 3 of your votes; take one back first.'
			}
		});
		const error = await refusal(callApi('POST', '/x', { delta: 1 }, answer(409, body)));
		expect(error).toBeInstanceOf(ApiError);
		expect(error).toMatchObject({
			status: 409,
			code: 'conflict',
			message: 'You have used all 3 of your votes; take one back first.'
		});
	});

	it('says something readable when the answer is not the API error shape, or nothing came back', async () => {
		const proxyPage = await refusal(
			callApi('GET', '/x', undefined, answer(502, '<html>Bad gateway</html>', 'text/html'))
		);
		expect(proxyPage).toMatchObject({ status: 502, code: null });
		expect(proxyPage.message).toMatch(/502/);
		expect(proxyPage.message).not.toMatch(/Bad gateway/);

		const offline = await refusal(
			callApi('GET', '/x', undefined, async () => {
				throw new TypeError('Failed to fetch');
			})
		);
		expect(offline).toMatchObject({
			status: 0,
			message: expect.stringMatching(/reach the server/)
		});

		const garbled = await refusal(callApi('GET', '/x', undefined, answer(200, '{"half')));
		expect(garbled).toMatchObject({ status: 200, message: expect.stringMatching(/cannot read/) });
	});

	it('sends JSON and reads JSON, and takes 204 as success without a body', async () => {
		let sent: RequestInit | undefined;
		const fetcher: Fetch = async (_url, init) => {
			sent = init;
			return new Response(JSON.stringify({ ballot: { t: 1 }, votesLeft: 2 }), { status: 200 });
		};
		expect(await callApi('POST', '/x', { delta: 1 }, fetcher)).toEqual({
			ballot: { t: 1 },
			votesLeft: 2
		});
		expect(sent?.body).toBe('{"delta":1}');
		expect(new Headers(sent?.headers).get('content-type')).toBe('application/json');
		expect(await callApi('DELETE', '/x', undefined, answer(204))).toBeNull();
	});
});
