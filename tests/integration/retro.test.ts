import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { api, apiJson, signUpTeam, signUpUser, type ApiUser } from '../helpers/api';
import { connectSynced, waitFor, type Client } from '../helpers/clients';
import {
	createStorage,
	engines,
	startServer,
	type TestServer,
	type TestStorage
} from '../helpers/server';

/**
 * Retro boards with stock Yjs clients as members: what a curious member can
 * read from the shared document, its update stream and awareness, and what
 * the server refuses whatever the page does.
 */

interface Column {
	id: string;
	title: string;
}

/** Everything a member's client receives: every update applied to its document, and every awareness state. */
function eavesdrop(client: Client): {
	updates: () => string;
	awareness: () => string;
	awarenessIds: Set<number>;
} {
	const updates: Uint8Array[] = [Y.encodeStateAsUpdate(client.doc)];
	client.doc.on('update', (update: Uint8Array) => updates.push(update));
	const awarenessIds = new Set<number>();
	const awarenessJson: string[] = [];
	const record = () => {
		for (const [id, state] of client.provider.awareness.getStates()) {
			awarenessIds.add(id);
			awarenessJson.push(JSON.stringify(state));
		}
	};
	record();
	client.provider.awareness.on('change', record);
	return {
		updates: () => updates.map((u) => Buffer.from(u).toString('latin1')).join('\n'),
		awareness: () => awarenessJson.join('\n'),
		awarenessIds
	};
}

function columnsOf(client: Client): Column[] {
	return client.doc.getArray<Y.Map<unknown>>('columns').map((c) => c.toJSON() as Column);
}

function cardsOf(client: Client): Record<string, unknown>[] {
	return [...client.doc.getMap<Y.Map<unknown>>('cards').values()].map((c) => c.toJSON());
}

/** The Yjs client ids that wrote the items of the `cards` map. */
function cardWriters(doc: Y.Doc): Set<number> {
	const writers = new Set<number>();
	doc.getMap<Y.Map<unknown>>('cards').forEach((card) => {
		writers.add(card._item!.id.client);
		card._map.forEach((item) => writers.add(item.id.client));
	});
	return writers;
}

describe.each(engines)('retro boards on %s', (engine) => {
	let storage: TestStorage;
	let server: TestServer;
	let owner: ApiUser;
	let editor: ApiUser;
	let viewer: ApiUser;
	let workspaceId: string;
	const clients: Client[] = [];

	beforeAll(async () => {
		storage = await createStorage(engine);
		server = await startServer(storage);
		({ owner, editor, viewer, workspaceId } = await signUpTeam(server.url, 'Service desk'));
	});

	afterAll(async () => {
		for (const client of clients) client.destroy();
		await server?.stop();
		await storage?.drop();
	});

	async function connect(user: ApiUser, documentId: string): Promise<Client> {
		const client = await connectSynced(server.wsUrl, documentId, user.token);
		clients.push(client);
		return client;
	}

	async function createRetro(settings: Record<string, unknown> = {}): Promise<string> {
		const document = await apiJson<{ id: string }>(
			server.url,
			owner.token,
			'POST',
			`/api/v1/workspaces/${workspaceId}/documents`,
			{ kind: 'retro', title: 'Week 48 review', ...settings },
			201
		);
		return document.id;
	}

	const retro = (user: ApiUser, documentId: string, method: string, path: string, body?: unknown) =>
		api(server.url, user.token, method, `/api/v1/documents/${documentId}/retro${path}`, body);

	// Response shapes vary per endpoint; each test asserts the fields it reads.
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	async function expectStatus(response: Promise<Response>, status: number): Promise<any> {
		const res = await response;
		const text = await res.text();
		expect(res.status, text).toBe(status);
		return text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
	}

	async function moveTo(documentId: string, phase: string): Promise<void> {
		await expectStatus(retro(owner, documentId, 'POST', '/phase', { phase }), 200);
	}

	it('creates the board from a template, run by its creator through the phases', async () => {
		const id = await createRetro({ template: '4ls', voteBudget: 5, votesPerCard: 2 });
		const member = await connect(editor, id);
		expect(columnsOf(member).map((c) => c.title)).toEqual([
			'Liked',
			'Learned',
			'Lacked',
			'Longed for'
		]);
		expect(member.doc.getMap('meta').toJSON()).toMatchObject({
			schemaVersion: 1,
			kind: 'retro',
			phase: 'review',
			facilitatorId: owner.id,
			voteBudget: 5,
			votesPerCard: 2
		});
		// Only the facilitator moves the meeting, and only along the rules.
		const refused = await expectStatus(
			retro(editor, id, 'POST', '/phase', { phase: 'reflect' }),
			403
		);
		expect(refused.error.message).toMatch(/facilitator/);
		await moveTo(id, 'reflect');
		await waitFor(
			() => member.doc.getMap('meta').get('phase') === 'reflect',
			'phase to reach members'
		);
		await moveTo(id, 'group');
		const back = await expectStatus(retro(owner, id, 'POST', '/phase', { phase: 'reflect' }), 409);
		expect(back.error.message).toMatch(/revealed/);
		// Facilitation can be handed over; the new facilitator runs the timer.
		await expectStatus(retro(owner, id, 'POST', '/facilitator', { userId: editor.id }), 200);
		await expectStatus(retro(owner, id, 'PUT', '/timer', { seconds: 300 }), 403);
		const { timerEndsAt } = await expectStatus(
			retro(editor, id, 'PUT', '/timer', { seconds: 300 }),
			200
		);
		await waitFor(() => member.doc.getMap('meta').get('timerEndsAt') === timerEndsAt, 'timer');
		await expectStatus(retro(editor, id, 'PUT', '/timer', { seconds: 1 }), 400);
		await expectStatus(retro(owner, id, 'POST', '/facilitator', { userId: viewer.id }), 400);
		// Bad input changes nothing.
		await expectStatus(retro(editor, id, 'POST', '/phase', { phase: 'dancing' }), 400);
		expect(member.doc.getMap('meta').get('phase')).toBe('group');
	});

	it('keeps reflected cards out of other members’ documents until the reveal', async () => {
		const id = await createRetro();
		await moveTo(id, 'reflect');
		const watcher = await connect(owner, id);
		const heard = eavesdrop(watcher);
		const [start, stop] = columnsOf(watcher);
		const secret = `Nobody reads the runbook ${Date.now()}`;
		const draft = await expectStatus(
			retro(editor, id, 'POST', '/drafts', { columnId: start.id, text: secret }),
			201
		);
		await expectStatus(
			retro(editor, id, 'POST', '/drafts', { columnId: start.id, text: 'Second thoughts' }),
			201
		);
		await expectStatus(
			retro(owner, id, 'POST', '/drafts', { columnId: stop.id, text: 'Mine' }),
			201
		);
		// Others see how many cards each column is getting, nothing more.
		await waitFor(
			() => watcher.doc.getMap('draftCounts').get(start.id) === 2,
			'draft counts to reach members'
		);
		expect(watcher.doc.getMap('draftCounts').get(stop.id)).toBe(1);
		expect(heard.updates() + heard.awareness()).not.toContain(secret);
		expect(heard.updates()).not.toContain('Second thoughts');
		expect(cardsOf(watcher)).toEqual([]);
		// Nobody else can list, read or change them.
		const mine = await expectStatus(retro(owner, id, 'GET', '/drafts'), 200);
		expect(mine.drafts.map((d: { text: string }) => d.text)).toEqual(['Mine']);
		await expectStatus(retro(owner, id, 'PATCH', `/drafts/${draft.id}`, { text: 'x' }), 404);
		await expectStatus(retro(owner, id, 'DELETE', `/drafts/${draft.id}`), 404);
		await expectStatus(
			retro(viewer, id, 'POST', '/drafts', { columnId: start.id, text: 'v' }),
			403
		);
		await expectStatus(retro(editor, id, 'POST', '/drafts', { columnId: 'nope', text: 'v' }), 404);

		// The author can still edit theirs, and the reveal shows what they ended with.
		await expectStatus(
			retro(editor, id, 'PATCH', `/drafts/${draft.id}`, { text: `${secret}, ever` }),
			200
		);
		await moveTo(id, 'group');
		await waitFor(() => cardsOf(watcher).length === 3, 'cards to be revealed');
		expect(cardsOf(watcher)).toContainEqual(
			expect.objectContaining({ text: `${secret}, ever`, authorId: editor.id, columnId: start.id })
		);
		expect(watcher.doc.getMap('draftCounts').size).toBe(0);
		const after = await expectStatus(retro(editor, id, 'GET', '/drafts'), 200);
		expect(after.drafts).toEqual([]);
		// Writing private cards is over.
		await expectStatus(
			retro(editor, id, 'POST', '/drafts', { columnId: start.id, text: 'late' }),
			409
		);
	});

	it('on an anonymous board, nothing a member can see links a card to its author', async () => {
		const id = await createRetro({ anonymous: true });
		await moveTo(id, 'reflect');
		const authorClient = await connect(editor, id);
		authorClient.provider.awareness.setLocalStateField('user', {
			id: editor.id,
			name: editor.name
		});
		const watcher = await connect(viewer, id);
		const heard = eavesdrop(watcher);
		const [start] = columnsOf(watcher);
		const texts = ['Alerts page the wrong team', 'Hand-offs lose context', 'Rota is unclear'];
		for (const text of texts) {
			await expectStatus(retro(editor, id, 'POST', '/drafts', { columnId: start.id, text }), 201);
		}
		await expectStatus(
			retro(owner, id, 'POST', '/drafts', { columnId: start.id, text: 'Owner card' }),
			201
		);
		await moveTo(id, 'group');
		await waitFor(() => cardsOf(watcher).length === 4, 'anonymous cards to be revealed');
		await waitFor(
			() => heard.awarenessIds.has(authorClient.doc.clientID),
			'awareness of the author'
		);

		for (const card of cardsOf(watcher)) expect(card).not.toHaveProperty('authorId');
		// The document and every update that built it never mention the author…
		const shared = heard.updates() + JSON.stringify(watcher.doc.toJSON());
		expect(shared).not.toContain(editor.id);
		expect(shared).not.toContain(editor.email);
		// …and awareness says who is here, never what they wrote.
		expect(heard.awareness()).toContain(editor.id);
		for (const card of cardsOf(watcher)) {
			expect(heard.awareness()).not.toContain(card.id as string);
			expect(heard.awareness()).not.toContain(card.text as string);
		}
		// The facilitator id is in meta by design; it must not sit on any card.
		expect(JSON.stringify(watcher.doc.getMap('cards').toJSON())).not.toContain(owner.id);
		// No card item was written by a member's client: the server wrote them all.
		const memberClients = new Set([authorClient.doc.clientID, ...heard.awarenessIds]);
		for (const writer of cardWriters(watcher.doc)) expect(memberClients.has(writer)).toBe(false);
		// Nor does the export name anyone.
		const summary = await expectStatus(retro(owner, id, 'GET', '/summary'), 200);
		for (const text of texts) expect(summary).toContain(text);
		expect(summary).not.toContain(editor.name);
		// Anonymity cannot be switched off now that cards exist.
		const switched = await expectStatus(
			retro(owner, id, 'PATCH', '/settings', { anonymous: false }),
			409
		);
		expect(switched.error.message).toMatch(/anonymity/);
	});

	it('groups cards dropped at the same time into one group, and hides what the facilitator hides', async () => {
		const id = await createRetro();
		await moveTo(id, 'reflect');
		const member = await connect(editor, id);
		const [start] = columnsOf(member);
		for (const text of ['a', 'b', 'c', 'rude']) {
			await expectStatus(retro(editor, id, 'POST', '/drafts', { columnId: start.id, text }), 201);
		}
		await moveTo(id, 'group');
		await waitFor(() => cardsOf(member).length === 4, 'cards');
		const byText = (t: string) => cardsOf(member).find((c) => c.text === t)!.id as string;
		// Two people drop two cards onto the same card at the same moment.
		const [first, second] = await Promise.all([
			expectStatus(
				retro(owner, id, 'POST', '/group', { cardId: byText('a'), onto: byText('c') }),
				200
			),
			expectStatus(
				retro(editor, id, 'POST', '/group', { cardId: byText('b'), onto: byText('c') }),
				200
			)
		]);
		expect(first.groupId).toBe(second.groupId);
		await waitFor(
			() => cardsOf(member).filter((c) => c.groupId === first.groupId).length === 3,
			'one group of three'
		);
		await expectStatus(
			retro(editor, id, 'PATCH', `/groups/${first.groupId}`, { title: 'Hand-offs' }),
			200
		);
		await expectStatus(
			retro(editor, id, 'PATCH', `/cards/${byText('rude')}`, { hidden: true }),
			403
		);
		await expectStatus(
			retro(owner, id, 'PATCH', `/cards/${byText('rude')}`, { hidden: true }),
			200
		);
		await expectStatus(retro(owner, id, 'POST', '/group', { cardId: 'nope', onto: null }), 404);
		await expectStatus(
			retro(owner, id, 'POST', '/group', { cardId: byText('a'), onto: byText('a') }),
			409
		);
		const summary = await expectStatus(retro(owner, id, 'GET', '/summary'), 200);
		expect(summary).toContain('### Hand-offs');
		expect(summary).not.toContain('rude');
	});

	/** A board in the group phase holding one card `editor` wrote, and the owner's client on it. */
	async function boardWithOneCard(settings: Record<string, unknown>, text: string) {
		const id = await createRetro(settings);
		await moveTo(id, 'reflect');
		const watcher = await connect(owner, id);
		const [column] = columnsOf(watcher);
		await expectStatus(retro(editor, id, 'POST', '/drafts', { columnId: column.id, text }), 201);
		await moveTo(id, 'group');
		await waitFor(() => cardsOf(watcher).length === 1, 'the revealed card');
		return { id, watcher, cardId: cardsOf(watcher)[0].id as string };
	}

	it('lets the author of a card on a named board correct it while grouping, and nobody else', async () => {
		const named = await boardWithOneCard({}, 'Pager too loud');
		const edit = (user: ApiUser, body: unknown) =>
			retro(user, named.id, 'PATCH', `/cards/${named.cardId}`, body);

		// Someone else, even the facilitator, cannot; nor can an empty or oversized text pass.
		await expectStatus(edit(owner, { text: 'Pager is fine' }), 403);
		await expectStatus(edit(editor, { text: '   ' }), 400);
		await expectStatus(edit(editor, { text: 'x'.repeat(1001) }), 400);
		// The facilitator's hide and someone else's text in one request: refused whole.
		await expectStatus(edit(owner, { hidden: true, text: 'Pager is fine' }), 403);
		expect(cardsOf(named.watcher)[0]).toMatchObject({ text: 'Pager too loud', hidden: false });

		const corrected = await expectStatus(edit(editor, { text: 'Pager alerts too noisy' }), 200);
		expect(corrected).toEqual({ id: named.cardId, text: 'Pager alerts too noisy' });
		await waitFor(
			() => cardsOf(named.watcher)[0].text === 'Pager alerts too noisy',
			'the correction'
		);

		// Once voting starts, the text people vote on stays put.
		await moveTo(named.id, 'vote');
		await expectStatus(edit(editor, { text: 'Something else' }), 409);

		// On an anonymous board nobody knows whose a card is, so nobody may change it.
		const anonymous = await boardWithOneCard({ anonymous: true }, 'Unclear runbook');
		await expectStatus(
			retro(editor, anonymous.id, 'PATCH', `/cards/${anonymous.cardId}`, {
				text: 'Clear runbook'
			}),
			403
		);
		expect(cardsOf(anonymous.watcher)[0].text).toBe('Unclear runbook');
	});

	it('enforces the vote budget and the per-topic maximum on the server', async () => {
		const id = await createRetro({ voteBudget: 2, votesPerCard: 1, hideTallies: true });
		await moveTo(id, 'reflect');
		const member = await connect(owner, id);
		const [start] = columnsOf(member);
		for (const text of ['one', 'two', 'three']) {
			await expectStatus(retro(editor, id, 'POST', '/drafts', { columnId: start.id, text }), 201);
		}
		await moveTo(id, 'group');
		await waitFor(() => cardsOf(member).length === 3, 'cards');
		const [one, two, three] = ['one', 'two', 'three'].map(
			(t) => cardsOf(member).find((c) => c.text === t)!.id as string
		);
		await expectStatus(retro(editor, id, 'POST', '/votes', { topicId: one, delta: 1 }), 409);
		await moveTo(id, 'vote');

		const voted = await expectStatus(
			retro(editor, id, 'POST', '/votes', { topicId: one, delta: 1 }),
			200
		);
		expect(voted).toEqual({ ballot: { [one]: 1 }, votesLeft: 1 });
		const perTopic = await expectStatus(
			retro(editor, id, 'POST', '/votes', { topicId: one, delta: 1 }),
			409
		);
		expect(perTopic.error.message).toMatch(/At most 1/);
		await expectStatus(retro(editor, id, 'POST', '/votes', { topicId: two, delta: 1 }), 200);
		const overBudget = await expectStatus(
			retro(editor, id, 'POST', '/votes', { topicId: three, delta: 1 }),
			409
		);
		expect(overBudget.error.message).toMatch(/all 2/);
		await expectStatus(retro(editor, id, 'POST', '/votes', { topicId: 'nope', delta: 1 }), 404);
		await expectStatus(retro(editor, id, 'POST', '/votes', { topicId: one, delta: 2 }), 400);
		await expectStatus(retro(viewer, id, 'POST', '/votes', { topicId: one, delta: 1 }), 403);

		// Ten requests at once from one person still spend two votes, no more.
		const racer = await signUpUser(server.url, 'Rita');
		await apiJson(server.url, owner.token, 'POST', `/api/v1/workspaces/${workspaceId}/members`, {
			email: racer.email,
			role: 'editor'
		});
		const attempts = await Promise.all(
			[one, two, three, one, two, three, one, two, three, one].map((topicId) =>
				retro(racer, id, 'POST', '/votes', { topicId, delta: 1 }).then((r) => r.status)
			)
		);
		expect(attempts.filter((s) => s === 200)).toHaveLength(2);
		expect(attempts.filter((s) => s === 409)).toHaveLength(8);
		const state = await expectStatus(retro(racer, id, 'GET', ''), 200);
		expect(state.votesLeft).toBe(0);

		// Tallies stay hidden while voting, and appear when it ends.
		expect(member.doc.getMap('tallies').size).toBe(0);
		await moveTo(id, 'discuss');
		await waitFor(() => member.doc.getMap('tallies').size > 0, 'tallies after voting');
		const tallies = member.doc.getMap<number>('tallies').toJSON();
		const total = Object.values(tallies).reduce((a, b) => a + b, 0);
		expect(total).toBe(4);
		// Discussion follows vote order and every topic has its notes text.
		expect(Object.keys(member.doc.getMap('notes').toJSON()).sort()).toEqual(
			[one, two, three].sort()
		);
		const focus = member.doc.getMap('meta').get('focusTopicId') as string;
		expect(tallies[focus]).toBe(Math.max(...Object.values(tallies)));
	});

	it('turns action items into tasks both ways and reviews them in the next retro', async () => {
		const id = await createRetro();
		const member = await connect(editor, id);
		const action = new Y.Map<unknown>();
		member.doc.transact(() => {
			member.doc.getMap('actions').set('act-rota', action);
			action.set('id', 'act-rota');
			action.set('title', 'Publish the on-call rota');
			action.set('ownerId', editor.id);
			action.set('dueDate', '2026-12-04');
			action.set('topicId', null);
			action.set('done', false);
		});
		type TaskList = {
			tasks: {
				id: string;
				title: string;
				status: string;
				source: { key: string; kind: string } | null;
				assignee: { id: string } | null;
				dueDate: string | null;
			}[];
		};
		const task = await (async () => {
			const deadline = Date.now() + 10_000;
			for (;;) {
				const list = await apiJson<TaskList>(
					server.url,
					owner.token,
					'GET',
					`/api/v1/workspaces/${workspaceId}/tasks?source=${id}`
				);
				const found = list.tasks.find((t) => t.source?.key === 'act-rota');
				if (found) return found;
				if (Date.now() > deadline) throw new Error('the action did not become a task');
				await new Promise((r) => setTimeout(r, 100));
			}
		})();
		expect(task).toMatchObject({
			title: 'Publish the on-call rota',
			status: 'open',
			assignee: { id: editor.id },
			dueDate: '2026-12-04',
			source: { kind: 'retro', key: 'act-rota' }
		});

		// The next retro reviews it; marking it dropped moves the task.
		const next = await createRetro();
		const nextMember = await connect(owner, next);
		const review = nextMember.doc.getMap<Y.Map<unknown>>('review');
		expect(review.get(task.id)?.toJSON()).toMatchObject({
			title: 'Publish the on-call rota',
			ownerId: editor.id,
			sourceDocumentId: id,
			outcome: null
		});
		await expectStatus(retro(editor, next, 'POST', `/review/${task.id}`, { outcome: 'nope' }), 400);
		await expectStatus(retro(editor, next, 'POST', `/review/${task.id}`, { outcome: 'done' }), 200);
		await waitFor(() => review.get(task.id)?.get('outcome') === 'done', 'review outcome');
		// Done in the task list is done in the first retro's document.
		await waitFor(() => action.get('done') === true, 'done to reach the action');
		const summary = await expectStatus(retro(owner, next, 'GET', '/summary?download=1'), 200);
		expect(summary).toContain('- Publish the on-call rota: done');
		const download = await retro(owner, next, 'GET', '/summary?download=1');
		expect(download.headers.get('content-disposition')).toMatch(
			/attachment; filename="Week 48 review.md"/
		);
	});

	it('refuses everything on a document that is not a retro, and changes on an archived board', async () => {
		const framework = await apiJson<{ id: string }>(
			server.url,
			owner.token,
			'POST',
			`/api/v1/workspaces/${workspaceId}/documents`,
			{ kind: 'framework', title: 'Not a board' },
			201
		);
		await expectStatus(retro(owner, framework.id, 'POST', '/phase', { phase: 'reflect' }), 404);
		const id = await createRetro();
		await expectStatus(
			api(server.url, owner.token, 'PATCH', `/api/v1/documents/${id}`, { archived: true }),
			200
		);
		await expectStatus(retro(owner, id, 'POST', '/phase', { phase: 'reflect' }), 409);
		await expectStatus(retro(owner, id, 'GET', '/summary'), 200);
		await expectStatus(
			api(server.url, owner.token, 'POST', `/api/v1/workspaces/${workspaceId}/documents`, {
				kind: 'retro',
				title: 'Bad',
				voteBudget: 0
			}),
			400
		);
	});
});
