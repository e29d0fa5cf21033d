import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { api, apiJson, createWorkspaceWith, signUpUser, type ApiUser } from '../helpers/api';
import { connectSynced, waitFor } from '../helpers/clients';
import {
	createStorage,
	engines,
	startServer,
	type TestServer,
	type TestStorage
} from '../helpers/server';

interface ApiSuggestion {
	id: string;
	title: string;
	status: string;
	votes: number;
	voted: boolean;
	anonymous: boolean;
	mine: boolean;
	following: boolean;
	author: { id: string; name: string } | null;
}

async function poll<T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 10_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await read();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

describe.each(engines)('suggestions (%s)', (engine) => {
	let storage: TestStorage;
	let server: TestServer;
	let author: ApiUser;
	let colleague: ApiUser;
	let owner: ApiUser;
	let workspaceId: string;
	let category: string;

	const call = (user: ApiUser, method: string, path: string, body?: unknown) =>
		api(server.url, user.token, method, path, body);
	const propose = (user: ApiUser, fields: Record<string, unknown> = {}) =>
		apiJson<ApiSuggestion>(
			server.url,
			user.token,
			'POST',
			`/api/v1/workspaces/${workspaceId}/suggestions`,
			{
				title: 'Shorter hand-over at shift change',
				situation: 'The night shift waits 20 minutes for the hand-over.',
				proposal: 'Use a written checklist at the station.',
				benefit: 'Twenty minutes a day for each of us.',
				category,
				...fields
			},
			201
		);

	beforeAll(async () => {
		storage = await createStorage(engine);
		server = await startServer(storage);
		// A name that appears nowhere else, so finding it in a response means it leaked.
		author = await signUpUser(server.url, 'Quentin Zephyrwood');
		colleague = await signUpUser(server.url, 'Colleen');
		owner = await signUpUser(server.url, 'Olivia');
		workspaceId = await createWorkspaceWith(server.url, owner, 'Front desk', [
			[author, 'viewer'],
			[colleague, 'editor']
		]);
		const settings = await apiJson<{ categories: { id: string; name: string }[] }>(
			server.url,
			owner.token,
			'GET',
			`/api/v1/workspaces/${workspaceId}/suggestion-settings`
		);
		expect(settings.categories.length).toBeGreaterThan(3);
		category = settings.categories[0].id;
	}, 120_000);

	afterAll(async () => {
		await server?.stop();
		await storage?.drop();
	});

	it('nothing another member can fetch about an anonymous suggestion names its author', async () => {
		const leaks = (text: string) =>
			[author.id, author.name, author.email, author.name.split(' ')[1]].filter((s) =>
				text.includes(s)
			);

		// The colleague and the owner watch the live stream from before it exists.
		const streams = await Promise.all(
			[colleague, owner].map(async (user) => {
				const controller = new AbortController();
				const res = await fetch(
					`${server.url}/api/v1/workspaces/${workspaceId}/suggestions/events`,
					{
						headers: { authorization: `Bearer ${user.token}` },
						signal: controller.signal
					}
				);
				expect(res.status).toBe(200);
				const reader = res.body!.getReader();
				const decoder = new TextDecoder();
				const seen = { text: '' };
				void (async () => {
					for (;;) {
						const { value, done } = await reader
							.read()
							.catch(() => ({ value: undefined, done: true }));
						if (done) return;
						seen.text += decoder.decode(value, { stream: true });
					}
				})();
				return { controller, seen };
			})
		);

		const created = await propose(author, {
			title: '匿名建议：交接班检查表 handover',
			anonymous: true
		});
		expect(created.anonymous).toBe(true);
		expect(created.author).toEqual({ id: author.id, name: author.name });
		const id = created.id;

		// The author's own comment, mentioning the colleague; a colleague's vote and comment; a status change.
		expect(
			(
				await call(author, 'POST', `/api/v1/suggestions/${id}/comments`, {
					body: 'More detail from me, @Colleen'
				})
			).status
		).toBe(201);
		expect((await call(colleague, 'POST', `/api/v1/suggestions/${id}/vote`)).status).toBe(200);
		expect(
			(await call(colleague, 'POST', `/api/v1/suggestions/${id}/comments`, { body: 'Me too.' }))
				.status
		).toBe(201);
		expect(
			(
				await call(owner, 'POST', `/api/v1/suggestions/${id}/status`, {
					status: 'under_review',
					note: 'Looking at it.'
				})
			).status
		).toBe(200);
		expect(
			(await call(author, 'POST', `/api/v1/suggestions/${id}/comments`, { body: 'Thanks!' })).status
		).toBe(201);

		for (const { seen } of streams) {
			await poll(
				async () => (seen.text.split(id).length > 5 ? true : undefined),
				'the live events'
			);
		}
		// The author is notified about their suggestion, without having to follow it by hand.
		const authorInbox = await apiJson<{ notifications: { kind: string; url: string }[] }>(
			server.url,
			author.token,
			'GET',
			'/api/v1/notifications'
		);
		expect(authorInbox.notifications.map((n) => n.kind)).toEqual(
			expect.arrayContaining(['suggestion_status', 'suggestion_reply'])
		);

		for (const reader of [colleague, owner]) {
			const paths = [
				`/api/v1/workspaces/${workspaceId}/suggestions`,
				`/api/v1/workspaces/${workspaceId}/suggestions?sort=votes`,
				`/api/v1/workspaces/${workspaceId}/suggestions?q=${encodeURIComponent('交接班')}`,
				`/api/v1/workspaces/${workspaceId}/suggestions?q=handover&status=under_review`,
				`/api/v1/workspaces/${workspaceId}/suggestions?format=csv`,
				`/api/v1/workspaces/${workspaceId}/suggestions?q=${encodeURIComponent(author.name)}`,
				`/api/v1/suggestions/${id}`,
				`/api/v1/suggestions/${id}/comments`,
				'/api/v1/notifications'
			];
			for (const path of paths) {
				const res = await call(reader, 'GET', path);
				expect(res.status, path).toBe(200);
				const text = await res.text();
				expect(leaks(text), `${reader.name} GET ${path}`).toEqual([]);
			}
			const one = await apiJson<ApiSuggestion>(
				server.url,
				reader.token,
				'GET',
				`/api/v1/suggestions/${id}`
			);
			expect(one.author).toBeNull();
			expect(one.mine).toBe(false);
			const mine = await apiJson<{ suggestions: ApiSuggestion[] }>(
				server.url,
				reader.token,
				'GET',
				`/api/v1/workspaces/${workspaceId}/suggestions?mine=true`
			);
			expect(mine.suggestions.map((s) => s.id)).not.toContain(id);
			const comments = await apiJson<{
				comments: { author: unknown; byAuthor: boolean; mine: boolean }[];
			}>(server.url, reader.token, 'GET', `/api/v1/suggestions/${id}/comments`);
			expect(comments.comments.filter((c) => c.byAuthor)).toHaveLength(2);
			expect(
				comments.comments.filter((c) => c.byAuthor).every((c) => c.author === null && !c.mine)
			).toBe(true);
		}
		// Search finds it in Chinese and in English.
		const found = await apiJson<{ suggestions: ApiSuggestion[] }>(
			server.url,
			colleague.token,
			'GET',
			`/api/v1/workspaces/${workspaceId}/suggestions?q=${encodeURIComponent('检查表')}`
		);
		expect(found.suggestions.map((s) => s.id)).toEqual([id]);
		// The moderator was told of the new suggestion, and the colleague of the mention: with no actor.
		const ownerInbox = await apiJson<{ notifications: { kind: string; actorId: string | null }[] }>(
			server.url,
			owner.token,
			'GET',
			'/api/v1/notifications'
		);
		expect(ownerInbox.notifications.find((n) => n.kind === 'suggestion_new')?.actorId).toBeNull();
		const colleagueInbox = await apiJson<{
			notifications: { kind: string; actorId: string | null; text: string }[];
		}>(server.url, colleague.token, 'GET', '/api/v1/notifications');
		const mention = colleagueInbox.notifications.find((n) => n.kind === 'mention');
		expect(mention?.actorId).toBeNull();
		expect(mention?.text).toContain('The author');

		for (const { seen, controller } of streams) {
			expect(leaks(seen.text)).toEqual([]);
			controller.abort();
		}

		// The author sees it under Mine, named to themselves, and may edit their own comments.
		const mine = await apiJson<{ suggestions: ApiSuggestion[] }>(
			server.url,
			author.token,
			'GET',
			`/api/v1/workspaces/${workspaceId}/suggestions?mine=true`
		);
		expect(mine.suggestions.map((s) => s.id)).toContain(id);
		const ownComments = await apiJson<{
			comments: { id: string; mine: boolean; byAuthor: boolean }[];
		}>(server.url, author.token, 'GET', `/api/v1/suggestions/${id}/comments`);
		const own = ownComments.comments.find((c) => c.byAuthor)!;
		expect(own.mine).toBe(true);
		expect(
			(await call(author, 'PATCH', `/api/v1/suggestion-comments/${own.id}`, { body: 'Edited.' }))
				.status
		).toBe(200);
		expect(
			(
				await call(colleague, 'PATCH', `/api/v1/suggestion-comments/${own.id}`, {
					body: 'Not mine.'
				})
			).status
		).toBe(403);
		// The owner cannot sign it for them.
		expect(
			(await call(owner, 'PATCH', `/api/v1/suggestions/${id}`, { anonymous: false })).status
		).toBe(400);
	}, 60_000);

	it('twenty members voting at once count twenty, and a repeated vote counts once', async () => {
		const voters: ApiUser[] = [];
		for (let i = 0; i < 20; i++) voters.push(await signUpUser(server.url, `Voter ${i}`));
		for (const voter of voters) {
			await apiJson(
				server.url,
				owner.token,
				'POST',
				`/api/v1/workspaces/${workspaceId}/members`,
				{ email: voter.email, role: 'viewer' },
				201
			);
		}
		const { id } = await propose(colleague, { title: 'Popular idea' });
		const answers = await Promise.all(
			voters.map((v) => call(v, 'POST', `/api/v1/suggestions/${id}/vote`))
		);
		expect(answers.map((r) => r.status)).toEqual(voters.map(() => 200));
		const again = await Promise.all(
			[0, 1, 2].map(() => call(voters[0], 'POST', `/api/v1/suggestions/${id}/vote`))
		);
		expect(again.map((r) => r.status)).toEqual([200, 200, 200]);
		const after = await apiJson<ApiSuggestion>(
			server.url,
			owner.token,
			'GET',
			`/api/v1/suggestions/${id}`
		);
		expect(after.votes).toBe(20);
		const withdrawn = await apiJson<ApiSuggestion>(
			server.url,
			voters[1].token,
			'DELETE',
			`/api/v1/suggestions/${id}/vote`
		);
		expect(withdrawn.votes).toBe(19);
		expect(withdrawn.voted).toBe(false);
	}, 120_000);

	it('merging B into A counts each person once, and unmerging restores counts and followers exactly', async () => {
		const people: ApiUser[] = [];
		for (let i = 0; i < 3; i++) {
			const person = await signUpUser(server.url, `Merger ${i}`);
			await apiJson(
				server.url,
				owner.token,
				'POST',
				`/api/v1/workspaces/${workspaceId}/members`,
				{ email: person.email, role: 'viewer' },
				201
			);
			people.push(person);
		}
		const a = await propose(colleague, { title: 'Idea A' });
		const b = await propose(author, { title: 'Idea B', anonymous: true });
		// people[0] votes on both, people[1] on A only, people[2] on B only.
		for (const [who, ids] of [
			[people[0], [a.id, b.id]],
			[people[1], [a.id]],
			[people[2], [b.id]]
		] as const) {
			for (const id of ids)
				expect((await call(who, 'POST', `/api/v1/suggestions/${id}/vote`)).status).toBe(200);
		}
		expect((await call(people[1], 'DELETE', `/api/v1/suggestions/${b.id}/follow`)).status).toBe(
			200
		);
		const snapshot = async () =>
			Promise.all(
				[a.id, b.id].flatMap((id) =>
					[author, colleague, ...people].map(async (who) => {
						const s = await apiJson<ApiSuggestion>(
							server.url,
							who.token,
							'GET',
							`/api/v1/suggestions/${id}`
						);
						return {
							id,
							who: who.id,
							votes: s.votes,
							voted: s.voted,
							following: s.following,
							status: s.status
						};
					})
				)
			);
		expect(
			(await call(owner, 'POST', `/api/v1/suggestions/${b.id}/status`, { status: 'under_review' }))
				.status
		).toBe(200);
		const before = await snapshot();

		const merged = await apiJson<ApiSuggestion>(
			server.url,
			owner.token,
			'POST',
			`/api/v1/suggestions/${b.id}/merge`,
			{ into: a.id },
			200
		);
		expect(merged.status).toBe('duplicate');
		const target = await apiJson<ApiSuggestion>(
			server.url,
			people[2].token,
			'GET',
			`/api/v1/suggestions/${a.id}`
		);
		expect(target.votes).toBe(3);
		expect(target.voted).toBe(true);
		expect((await call(people[1], 'POST', `/api/v1/suggestions/${b.id}/vote`)).status).toBe(409);
		const list = await apiJson<{ suggestions: ApiSuggestion[] }>(
			server.url,
			owner.token,
			'GET',
			`/api/v1/workspaces/${workspaceId}/suggestions`
		);
		expect(list.suggestions.map((s) => s.id)).not.toContain(b.id);
		// B's anonymous author hears of the merge, with no name of theirs anywhere.
		const inbox = await apiJson<{ notifications: { kind: string }[] }>(
			server.url,
			author.token,
			'GET',
			'/api/v1/notifications'
		);
		expect(inbox.notifications.map((n) => n.kind)).toContain('suggestion_merged');
		const detail = await (await call(colleague, 'GET', `/api/v1/suggestions/${a.id}`)).text();
		expect(detail).not.toContain(author.id);

		expect((await call(owner, 'POST', `/api/v1/suggestions/${b.id}/unmerge`)).status).toBe(200);
		expect(await snapshot()).toEqual(before);
	}, 60_000);

	it('making a suggestion an action twice at once creates one task', async () => {
		const s = await propose(colleague, { title: 'Label the spare keys' });
		const answers = await Promise.all(
			[0, 1, 2, 3].map(() => call(owner, 'POST', `/api/v1/suggestions/${s.id}/task`))
		);
		expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
		const bodies = (await Promise.all(answers.map((r) => r.json()))) as { task: { id: string } }[];
		expect(new Set(bodies.map((b) => b.task.id)).size).toBe(1);
		const list = await apiJson<{
			tasks: { id: string; title: string; suggestionId: string | null }[];
		}>(server.url, owner.token, 'GET', `/api/v1/workspaces/${workspaceId}/tasks`);
		const made = list.tasks.filter((t) => t.title === 'Label the spare keys');
		expect(made).toHaveLength(1);
		// The task links back to the suggestion it was made from.
		expect(made[0].suggestionId).toBe(s.id);
		expect((await call(colleague, 'POST', `/api/v1/suggestions/${s.id}/task`)).status).toBe(403);
	}, 30_000);

	it('an anonymous suggestion becomes a retro topic and a flow note written by the server, linking back', async () => {
		const s = await propose(author, { title: 'Quieter phone queue', anonymous: true });
		const doc = async (kind: 'retro' | 'flow', template?: string) =>
			(
				await apiJson<{ id: string }>(
					server.url,
					owner.token,
					'POST',
					`/api/v1/workspaces/${workspaceId}/documents`,
					{ kind, title: kind, ...(template ? { template } : {}) },
					201
				)
			).id;
		const boardId = await doc('retro');
		const flowId = await doc('flow', 'service-blueprint');
		const board = await connectSynced(server.wsUrl, boardId, colleague.token);
		const flow = await connectSynced(server.wsUrl, flowId, colleague.token);
		try {
			const step = [...flow.doc.getMap<Y.Map<unknown>>('nodes').entries()].find(
				([, n]) => n.get('type') === 'process'
			)!;
			expect(
				(
					await call(colleague, 'POST', `/api/v1/suggestions/${s.id}/retro-topic`, {
						documentId: boardId
					})
				).status
			).toBe(403);
			expect(
				(
					await call(owner, 'POST', `/api/v1/suggestions/${s.id}/retro-topic`, {
						documentId: boardId
					})
				).status
			).toBe(200);
			expect(
				(
					await call(owner, 'POST', `/api/v1/suggestions/${s.id}/flow-note`, {
						documentId: flowId,
						nodeId: 'nope'
					})
				).status
			).toBe(400);
			const linked = await apiJson<{ links: { kind: string }[] }>(
				server.url,
				owner.token,
				'POST',
				`/api/v1/suggestions/${s.id}/flow-note`,
				{ documentId: flowId, nodeId: step[0] },
				200
			);
			expect(linked.links.map((l) => l.kind)).toEqual(['retro_topic', 'flow_step']);

			await waitFor(() => board.doc.getMap('cards').size === 1, 'the topic on the board');
			const card = [...board.doc.getMap<Y.Map<unknown>>('cards').values()][0].toJSON();
			expect(card.text).toContain(`/suggestions/${s.id}`);
			expect(card.authorId).toBeUndefined();
			await waitFor(
				() =>
					[...flow.doc.getMap<Y.Map<unknown>>('nodes').values()].some(
						(n) => n.get('type') === 'improvement' && n.get('attachedTo') === step[0]
					),
				'the improvement note on the step'
			);
			for (const d of [board.doc, flow.doc])
				expect(JSON.stringify(d.toJSON())).not.toContain(author.id);
		} finally {
			board.destroy();
			flow.destroy();
		}
	}, 30_000);

	it('owners set the categories and whether anonymity is allowed', async () => {
		const path = `/api/v1/workspaces/${workspaceId}/suggestion-settings`;
		expect((await call(colleague, 'PATCH', path, { allowAnonymous: false })).status).toBe(403);
		const changed = await apiJson<{
			allowAnonymous: boolean;
			categories: { id: string; name: string }[];
		}>(
			server.url,
			owner.token,
			'PATCH',
			path,
			{
				allowAnonymous: false,
				categories: [
					{ id: category, name: '客户体验 Customer experience' },
					{ name: 'Night shift' }
				]
			},
			200
		);
		expect(changed.categories.map((c) => c.name)).toEqual([
			'客户体验 Customer experience',
			'Night shift'
		]);
		expect(changed.categories[0].id).toBe(category);
		const refused = await call(owner, 'POST', `/api/v1/workspaces/${workspaceId}/suggestions`, {
			title: 'T',
			situation: 'S',
			proposal: 'P',
			benefit: 'B',
			category,
			anonymous: true
		});
		expect(refused.status).toBe(400);
		expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
			/^anonymous/
		);
		// Anonymous suggestions made before stay anonymous.
		const list = await apiJson<{ suggestions: ApiSuggestion[] }>(
			server.url,
			owner.token,
			'GET',
			`/api/v1/workspaces/${workspaceId}/suggestions`
		);
		expect(list.suggestions.filter((s) => s.anonymous).every((s) => s.author === null)).toBe(true);
		await apiJson(server.url, owner.token, 'PATCH', path, { allowAnonymous: true }, 200);
	}, 30_000);

	it('refuses bad input with the field named, and floods with 429', async () => {
		const base = `/api/v1/workspaces/${workspaceId}/suggestions`;
		const good = { title: 'T', situation: 'S', proposal: 'P', benefit: 'B', category };
		const cases: [Record<string, unknown>, RegExp][] = [
			[{ ...good, title: '  ' }, /title/],
			[{ ...good, proposal: 'x'.repeat(5000) }, /proposal must be at most/],
			[{ ...good, category: 'nonexistent' }, /category/],
			[{ ...good, benefit: undefined }, /benefit/]
		];
		for (const [body, message] of cases) {
			const res = await call(colleague, 'POST', base, body);
			expect(res.status).toBe(400);
			expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
		}
		const hidden = await propose(owner, { title: 'To hide' });
		expect(
			(
				await call(owner, 'PATCH', `/api/v1/suggestions/${hidden.id}`, {
					hidden: true,
					hiddenReason: 'Off topic'
				})
			).status
		).toBe(200);
		expect((await call(colleague, 'POST', `/api/v1/suggestions/${hidden.id}/vote`)).status).toBe(
			404
		);
		expect((await call(owner, 'POST', `/api/v1/suggestions/${hidden.id}/vote`)).status).toBe(409);
		expect(
			(
				await call(colleague, 'POST', `/api/v1/suggestions/${hidden.id}/status`, {
					status: 'planned'
				})
			).status
		).toBe(403);
		expect(
			(await call(owner, 'POST', `/api/v1/suggestions/${hidden.id}/status`, { status: 'declined' }))
				.status
		).toBe(400);

		const flooder = await signUpUser(server.url, 'Flooder');
		await apiJson(
			server.url,
			owner.token,
			'POST',
			`/api/v1/workspaces/${workspaceId}/members`,
			{ email: flooder.email, role: 'viewer' },
			201
		);
		const statuses: number[] = [];
		for (let i = 0; i < 6; i++) statuses.push((await call(flooder, 'POST', base, good)).status);
		expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
	}, 60_000);
});
