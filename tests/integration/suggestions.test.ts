import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import * as Y from 'yjs';
import {
	api,
	apiJson,
	browserLogIn,
	createWorkspaceWith,
	signUpUser,
	type ApiUser
} from '../helpers/api';
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

	/** A request as a browser in `locale` sends it. */
	const callIn = (locale: string, user: ApiUser, method: string, path: string, body?: unknown) =>
		fetch(`${server.url}${path}`, {
			method,
			headers: {
				authorization: `Bearer ${user.token}`,
				'accept-language': locale,
				...(body === undefined ? {} : { 'content-type': 'application/json' })
			},
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	const errorOf = async (res: Response) =>
		((await res.json()) as { error: { message: string } }).error.message;
	/** A fresh member (each has their own allowance of proposals). */
	const member = async (name: string, role: 'viewer' | 'editor' = 'viewer', ws = workspaceId) => {
		const person = await signUpUser(server.url, name);
		await apiJson(
			server.url,
			owner.token,
			'POST',
			`/api/v1/workspaces/${ws}/members`,
			{ email: person.email, role },
			201
		);
		return person;
	};

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
		// What the others get back from acting on it, and from the action and pages made of it.
		const answers = [
			await call(colleague, 'POST', `/api/v1/suggestions/${id}/follow`),
			await call(colleague, 'DELETE', `/api/v1/suggestions/${id}/vote`),
			await call(colleague, 'POST', `/api/v1/suggestions/${id}/vote`),
			await call(owner, 'POST', `/api/v1/suggestions/${id}/status`, { status: 'planned' }),
			await call(owner, 'POST', `/api/v1/suggestions/${id}/task`, {
				title: 'Checklist at the station'
			}),
			await call(owner, 'GET', `/api/v1/workspaces/${workspaceId}/tasks`),
			await call(colleague, 'GET', `/api/v1/workspaces/${workspaceId}/tasks?format=csv`),
			await callIn(
				'zh-Hans',
				colleague,
				'GET',
				`/api/v1/workspaces/${workspaceId}/suggestions?format=csv`
			)
		];
		for (const res of answers) {
			expect(res.status, res.url).toBe(200);
			expect(leaks(await res.text()), res.url).toEqual([]);
		}
		for (const reader of [colleague, owner]) {
			const cookie = await browserLogIn(server.url, reader.email);
			for (const path of [
				`/w/${workspaceId}/suggestions`,
				`/w/${workspaceId}/suggestions?sort=votes&q=${encodeURIComponent('交接班')}`,
				`/w/${workspaceId}/suggestions/${id}`,
				`/w/${workspaceId}/suggestions/${id}/__data.json`
			]) {
				const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
				expect(res.status, path).toBe(200);
				expect(leaks(await res.text()), `${reader.name} page ${path}`).toEqual([]);
			}
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
	it('pages through every suggestion with limit and offset; search finds Chinese and English text; CSV in Chinese has them all', async () => {
		const lister = await signUpUser(server.url, 'Lister');
		const ws = await createWorkspaceWith(server.url, lister, 'Paging desk', []);
		const settings = await apiJson<{ categories: { id: string }[] }>(
			server.url,
			lister.token,
			'GET',
			`/api/v1/workspaces/${ws}/suggestion-settings`
		);
		const people = [lister];
		for (const name of ['Pager A', 'Pager B']) {
			const person = await signUpUser(server.url, name);
			await apiJson(
				server.url,
				lister.token,
				'POST',
				`/api/v1/workspaces/${ws}/members`,
				{ email: person.email, role: 'viewer' },
				201
			);
			people.push(person);
		}
		const titles = [
			'Night SHIFT handover notes',
			'繁體：改善排班表',
			'简体：交接班检查表',
			'Fewer meetings',
			'Label the shelves',
			'Quieter phones',
			'Spare chargers'
		];
		const ids: string[] = [];
		for (const [i, title] of titles.entries()) {
			const created = await apiJson<{ id: string }>(
				server.url,
				people[i % 3].token,
				'POST',
				`/api/v1/workspaces/${ws}/suggestions`,
				{
					title,
					situation: i === 3 ? '每周开三次会，太多了。' : 'Today it goes like this.',
					proposal: 'Change it.',
					benefit: 'Time.',
					category: settings.categories[0].id
				},
				201
			);
			ids.push(created.id);
		}
		const seen: string[] = [];
		const nexts: (number | null)[] = [];
		let offset: number | null = 0;
		while (offset !== null) {
			const page: { suggestions: { id: string }[]; next: number | null } = await apiJson(
				server.url,
				people[1].token,
				'GET',
				`/api/v1/workspaces/${ws}/suggestions?limit=3&offset=${offset}`
			);
			seen.push(...page.suggestions.map((x) => x.id));
			nexts.push(page.next);
			offset = page.next;
		}
		expect(nexts).toEqual([3, 6, null]);
		expect(seen).toHaveLength(7);
		expect(new Set(seen)).toEqual(new Set(ids));
		for (const bad of ['limit=0', 'limit=501', 'offset=-1', 'limit=two']) {
			const res = await call(lister, 'GET', `/api/v1/workspaces/${ws}/suggestions?${bad}`);
			expect(res.status, bad).toBe(400);
			expect(await errorOf(res)).toMatch(/^(limit|offset) must be a whole number/);
		}

		const search = async (q: string) =>
			(
				await apiJson<{ suggestions: { id: string }[] }>(
					server.url,
					people[2].token,
					'GET',
					`/api/v1/workspaces/${ws}/suggestions?q=${encodeURIComponent(q)}`
				)
			).suggestions.map((x) => x.id);
		expect(await search('排班')).toEqual([ids[1]]);
		expect(await search('检查表')).toEqual([ids[2]]);
		expect(await search('shift')).toEqual([ids[0]]);
		expect(await search('HANDOVER')).toEqual([ids[0]]);
		expect(await search('太多')).toEqual([ids[3]]);
		expect(await search('100%')).toEqual([]);

		const csv = await callIn(
			'zh-Hans',
			lister,
			'GET',
			`/api/v1/workspaces/${ws}/suggestions?format=csv&limit=2`
		);
		expect(csv.status).toBe(200);
		expect(csv.headers.get('content-disposition')).toContain(encodeURIComponent('改进建议'));
		const bytes = new Uint8Array(await csv.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		// TextDecoder drops the byte-order mark.
		const text = new TextDecoder().decode(bytes);
		const [header, ...rows] = text.trim().split('\r\n');
		expect(header.split(',').slice(0, 3)).toEqual(['编号', '标题', '状态']);
		expect(rows).toHaveLength(7);
		expect(text).toContain('新建');
		const hant = await (
			await callIn('zh-TW', lister, 'GET', `/api/v1/workspaces/${ws}/suggestions?format=csv`)
		).text();
		expect(hant).toContain('標題');
		expect(hant).toContain('新提出');
	}, 60_000);

	it('refuses bad input with the field named in the reader’s language, and changes nothing', async () => {
		const writer = await member('Field Tester', 'editor');
		const base = `/api/v1/workspaces/${workspaceId}/suggestions`;
		const good = { title: 'T', situation: 'S', proposal: 'P', benefit: 'B', category };
		const refused: [string, Record<string, unknown>, RegExp][] = [
			['en', { ...good, title: 'x'.repeat(161) }, /^title must be at most 160 characters\.$/],
			['en', { ...good, situation: '' }, /^situation is required\.$/],
			[
				'en',
				{ ...good, category: 'no-such' },
				/^category is not one of this workspace’s categories\.$/
			],
			['en', { ...good, anonymous: 'yes' }, /^anonymous must be true or false\.$/],
			['en', { ...good, links: [{ kind: 'page', documentId: 'x' }] }, /^links\[0\]\.documentId/],
			['zh-Hans', { ...good, title: ' ' }, /^请填写标题（title）。$/],
			[
				'zh-Hans',
				{ ...good, benefit: 'x'.repeat(4001) },
				/^预期收益（benefit）最多 4000 个字符。$/
			],
			['zh-TW', { ...good, category: 'no-such' }, /^類別（category）不是此工作區的類別。$/]
		];
		for (const [locale, body, message] of refused) {
			const res = await callIn(locale, writer, 'POST', base, body);
			expect(res.status).toBe(400);
			expect(await errorOf(res)).toMatch(message);
		}
		const mine = await apiJson<{ suggestions: unknown[] }>(
			server.url,
			writer.token,
			'GET',
			`${base}?mine=true`
		);
		expect(mine.suggestions).toHaveLength(0);

		const s = await propose(writer, { title: 'Comment target' });
		const other = await propose(writer, { title: 'Merge target' });
		const path = `/api/v1/suggestions/${s.id}`;
		const more: [ApiUser, string, string, unknown, number, RegExp][] = [
			[writer, 'POST', `${path}/comments`, { body: '   ' }, 400, /^body is required\.$/],
			[
				writer,
				'POST',
				`${path}/comments`,
				{ body: 'x'.repeat(2001) },
				400,
				/^body must be at most 2000/
			],
			[writer, 'PATCH', path, { category: 'no-such' }, 400, /^category is not one of/],
			[writer, 'PATCH', path, { title: '' }, 400, /^title is required\.$/],
			[
				owner,
				'POST',
				`${path}/status`,
				{ status: 'shipped' },
				400,
				/^status must be one of: new, under_review/
			],
			[
				owner,
				'POST',
				`${path}/status`,
				{ status: 'done', result: { actual: {} } },
				400,
				/^result\.actual needs a value or a text\.$/
			],
			[
				owner,
				'POST',
				`${path}/task`,
				{ assigneeId: 'nobody' },
				400,
				/^assigneeId must be a member/
			],
			[owner, 'POST', `${path}/task`, { due: 'tomorrow' }, 400, /^due must be a date/],
			[owner, 'POST', `${path}/merge`, { into: s.id }, 400, /^into must be another suggestion\.$/]
		];
		for (const [who, method, url, body, status, message] of more) {
			const res = await call(who, method, url, body);
			expect(res.status, `${method} ${url} ${JSON.stringify(body).slice(0, 60)}`).toBe(status);
			expect(await errorOf(res)).toMatch(message);
		}
		const unchanged = await apiJson<{
			title: string;
			status: string;
			task: unknown;
			commentCount: number;
		}>(server.url, writer.token, 'GET', path);
		expect(unchanged).toMatchObject({
			title: 'Comment target',
			status: 'new',
			task: null,
			commentCount: 0
		});

		// A merged suggestion takes no votes and no comments: they belong to the one it was merged into.
		await apiJson(server.url, owner.token, 'POST', `${path}/merge`, { into: other.id }, 200);
		for (const [method, url, body] of [
			['POST', `${path}/vote`, undefined],
			['POST', `${path}/comments`, { body: 'Still here?' }]
		] as const) {
			const res = await call(colleague, method, url, body);
			expect(res.status).toBe(409);
			expect(await errorOf(res)).toMatch(/merged into another one/);
		}
		const zh = await callIn('zh-Hans', colleague, 'POST', `${path}/vote`);
		expect(await errorOf(zh)).toBe('这条建议已合并到另一条建议，请到那里投票。');

		// Comments are limited per person: the 21st in 15 minutes is refused with a sentence.
		const talker = await member('Talker');
		const statuses: number[] = [];
		for (let i = 0; i < 21; i++) {
			const res = await call(talker, 'POST', `/api/v1/suggestions/${other.id}/comments`, {
				body: `Comment ${i}`
			});
			statuses.push(res.status);
			if (res.status === 429) {
				expect(await errorOf(res)).toMatch(
					/^You have written 20 comments in 15 minutes\. Try again in \d+ minutes?\.$/
				);
			}
		}
		expect(statuses.filter((x) => x === 201)).toHaveLength(20);
		expect(statuses[20]).toBe(429);
		const limited = await callIn(
			'zh-Hans',
			talker,
			'POST',
			`/api/v1/suggestions/${other.id}/comments`,
			{
				body: 'Again'
			}
		);
		expect(limited.status).toBe(429);
		expect(await errorOf(limited)).toMatch(
			/^你在 15 分钟内已经发表了 20 条评论，请 \d+ 分钟后再试。$/
		);
	}, 60_000);

	it('links a suggestion to a flow step or a retro topic picked from that document, and makes an action with owner and due date', async () => {
		const linker = await member('Linker', 'editor');
		const doc = async (kind: string, template?: string) =>
			(
				await apiJson<{ id: string }>(
					server.url,
					owner.token,
					'POST',
					`/api/v1/workspaces/${workspaceId}/documents`,
					{ kind, title: `${kind} for links`, ...(template ? { template } : {}) },
					201
				)
			).id;
		const flowId = await doc('flow', 'service-blueprint');
		const boardId = await doc('retro');
		const frameworkId = await doc('framework');
		const targets = (documentId: string) =>
			call(
				linker,
				'GET',
				`/api/v1/workspaces/${workspaceId}/suggestions/link-targets?documentId=${documentId}`
			);
		const steps = (await (await targets(flowId)).json()) as {
			kind: string;
			targets: { id: string; label: string }[];
		};
		expect(steps.kind).toBe('flow');
		expect(steps.targets.length).toBeGreaterThan(1);
		expect((await targets(frameworkId)).status).toBe(400);
		expect((await targets('no-such-document')).status).toBe(400);

		// A topic on the board, put there by taking another suggestion to the meeting.
		const seed = await propose(linker, { title: 'Seed topic' });
		await apiJson(
			server.url,
			owner.token,
			'POST',
			`/api/v1/suggestions/${seed.id}/retro-topic`,
			{ documentId: boardId },
			200
		);
		const topics = (await (await targets(boardId)).json()) as {
			targets: { id: string; label: string }[];
		};
		expect(topics.targets.map((t) => t.label)).toEqual([expect.stringContaining('Seed topic')]);

		const step = steps.targets[0];
		const created = await propose(linker, {
			title: 'Faster triage',
			links: [
				{ kind: 'flow_step', documentId: flowId, nodeId: step.id },
				{ kind: 'retro_topic', documentId: boardId, topicId: topics.targets[0].id },
				{ kind: 'document', documentId: frameworkId }
			]
		});
		expect((created as unknown as { links: unknown[] }).links).toHaveLength(3);
		for (const [link, message] of [
			[
				{ kind: 'flow_step', documentId: flowId, nodeId: 'nope' },
				/^links\[0\]\.nodeId is not a step of that flowchart\.$/
			],
			[
				{ kind: 'retro_topic', documentId: boardId, topicId: 'nope' },
				/^links\[0\]\.topicId is not a topic on that board\.$/
			],
			[
				{ kind: 'flow_step', documentId: boardId, nodeId: step.id },
				/^links\[0\]\.documentId is not a flowchart\.$/
			]
		] as const) {
			const res = await call(linker, 'POST', `/api/v1/workspaces/${workspaceId}/suggestions`, {
				title: 'Bad link',
				situation: 'S',
				proposal: 'P',
				benefit: 'B',
				category,
				links: [link]
			});
			expect(res.status).toBe(400);
			expect(await errorOf(res)).toMatch(message);
		}
		// Its page names the step and the topic.
		const cookie = await browserLogIn(server.url, colleague.email);
		const page = await (
			await fetch(`${server.url}/w/${workspaceId}/suggestions/${created.id}`, {
				headers: { cookie }
			})
		).text();
		expect(page).toContain(step.label);
		expect(page).toContain('Seed topic');

		const action = await apiJson<{ task: { id: string; title: string } }>(
			server.url,
			owner.token,
			'POST',
			`/api/v1/suggestions/${created.id}/task`,
			{ title: 'Triage desk by the door', assigneeId: colleague.id, due: '2031-03-04' },
			200
		);
		expect(action.task.title).toBe('Triage desk by the door');
		const tasks = await apiJson<{
			tasks: { id: string; assignee: { id: string } | null; dueDate: string | null }[];
		}>(server.url, owner.token, 'GET', `/api/v1/workspaces/${workspaceId}/tasks`);
		const task = tasks.tasks.find((t) => t.id === action.task.id)!;
		expect(task.assignee?.id).toBe(colleague.id);
		expect(task.dueDate).toBe('2031-03-04');
		const inbox = await apiJson<{ notifications: { kind: string }[] }>(
			server.url,
			colleague.token,
			'GET',
			'/api/v1/notifications'
		);
		expect(inbox.notifications.map((n) => n.kind)).toContain('task_assigned');
	}, 60_000);

	it.runIf(engine === 'postgres')(
		'moderators see open suggestions with no status change or reply for 14 days, oldest first',
		async () => {
			const waiter = await member('Waiter');
			const [old, older, answered, done] = [
				await propose(waiter, { title: 'Old' }),
				await propose(waiter, { title: 'Older' }),
				await propose(waiter, { title: 'Answered' }),
				await propose(waiter, { title: 'Finished' })
			];
			await apiJson(
				server.url,
				owner.token,
				'POST',
				`/api/v1/suggestions/${done.id}/status`,
				{ status: 'done' },
				200
			);
			const sql = postgres(storage.env.DATABASE_URL, { max: 1 });
			try {
				await sql`update suggestions set created_at = now() - interval '20 days', attended_at = null where id = ${old.id}`;
				await sql`update suggestions set created_at = now() - interval '30 days', attended_at = null where id = ${older.id}`;
				await sql`update suggestions set created_at = now() - interval '40 days', attended_at = null where id = ${answered.id}`;
				await sql`update suggestions set created_at = now() - interval '50 days', attended_at = now() - interval '50 days' where id = ${done.id}`;
			} finally {
				await sql.end();
			}
			// A moderator's reply counts as attending to it.
			await apiJson(
				server.url,
				owner.token,
				'POST',
				`/api/v1/suggestions/${answered.id}/comments`,
				{ body: 'We are on it.' },
				201
			);
			const waiting = await apiJson<{ suggestions: { id: string }[] }>(
				server.url,
				owner.token,
				'GET',
				`/api/v1/workspaces/${workspaceId}/suggestions?waiting=true`
			);
			const ours = waiting.suggestions
				.map((x) => x.id)
				.filter((x) => [old.id, older.id, answered.id, done.id].includes(x));
			expect(ours).toEqual([older.id, old.id]);
			const refused = await call(
				waiter,
				'GET',
				`/api/v1/workspaces/${workspaceId}/suggestions?waiting=true`
			);
			expect(refused.status).toBe(400);
			expect(await errorOf(refused)).toMatch(/moderators’ view/);
		},
		30_000
	);
});
