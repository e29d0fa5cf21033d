import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	api,
	apiJson,
	createDocumentIn,
	createWorkspaceWith,
	signUpUser,
	type ApiUser
} from '../helpers/api';
import { connectSynced, type Client } from '../helpers/clients';
import {
	createStorage,
	engines,
	startServer,
	type TestServer,
	type TestStorage
} from '../helpers/server';

interface Hit {
	type: 'document' | 'task' | 'suggestion';
	id: string;
	title: string;
	documentKind: string | null;
	passageKey: string | null;
	excerpt: { text: string; match: boolean }[];
	match: string | null;
}

function appendParagraph(client: Client, text: string): Y.XmlText {
	const content = client.doc.getXmlFragment('content');
	const paragraph = new Y.XmlElement('paragraph');
	const xmlText = new Y.XmlText(text);
	paragraph.insert(0, [xmlText]);
	content.insert(content.length, [paragraph]);
	return xmlText;
}

async function poll<T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 8_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await read();
		if (value !== undefined) return { value, ms: timeoutMs - (deadline - Date.now()) };
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

describe.each(engines)('workspace search on %s', (engine) => {
	let storage: TestStorage;
	let server: TestServer;
	let owner: ApiUser;
	let member: ApiUser;
	let outsider: ApiUser;
	let workspaceId: string;
	let otherWorkspaceId: string;

	const search = (q: string, user = member, ws = workspaceId) =>
		apiJson<{ results: Hit[] }>(
			server.url,
			user.token,
			'GET',
			`/api/v1/workspaces/${ws}/search?q=${encodeURIComponent(q)}`
		).then((r) => r.results);

	/** Waits until a search finds `id`, and says how long the index took. */
	const found = (q: string, id: string, user = member) =>
		poll(async () => (await search(q, user)).find((h) => h.id === id), `"${q}" to find ${id}`);

	beforeAll(async () => {
		storage = await createStorage(engine);
		server = await startServer(storage);
		owner = await signUpUser(server.url, 'Olivia');
		// A name that appears nowhere else, so finding it in a response means it leaked.
		member = await signUpUser(server.url, 'Quentin Zephyrwood');
		outsider = await signUpUser(server.url, 'Oscar');
		workspaceId = await createWorkspaceWith(server.url, owner, 'Front desk', [[member, 'editor']]);
		otherWorkspaceId = await createWorkspaceWith(server.url, outsider, 'Elsewhere');
	}, 120_000);

	afterAll(async () => {
		await server?.stop();
		await storage?.drop();
	});

	it('finds a Chinese word inside a longer run of characters, with the words marked', async () => {
		const documentId = await createDocumentIn(server.url, owner, workspaceId, '服务框架');
		const client = await connectSynced(server.wsUrl, documentId, owner.token);
		appendParagraph(client, '第三季度我们建立了客户回访流程，每周复盘一次。');
		const { value: hit } = await found('回访', documentId);
		expect(hit.type).toBe('document');
		expect(hit.passageKey).toBe('b0');
		expect(hit.excerpt.filter((s) => s.match).map((s) => s.text)).toEqual(['回访']);
		expect(hit.match).toBe('回访');
		// Pairs must follow each other: 回流 appears in no text.
		expect((await search('回流')).some((h) => h.id === documentId)).toBe(false);
		// One character finds it too.
		expect((await search('访')).some((h) => h.id === documentId)).toBe(true);
		client.destroy();
	});

	it('matches English by word stems, and an edit is searchable within a few seconds', async () => {
		const documentId = await createDocumentIn(server.url, owner, workspaceId, 'Shift handbook');
		const client = await connectSynced(server.wsUrl, documentId, owner.token);
		const text = appendParagraph(client, 'The night team is scheduling callbacks.');
		const { value: hit } = await found('schedules', documentId);
		expect(hit.excerpt.find((s) => s.match)?.text).toBe('scheduling');
		expect((await search('callback')).some((h) => h.id === documentId)).toBe(true);

		text.insert(text.length, ' Escalations go to the duty manager.');
		const { ms } = await found('escalation', documentId);
		expect(ms).toBeLessThan(5_000);
		client.destroy();
	});

	it('finds titles, flow step labels and tasks', async () => {
		const titled = await createDocumentIn(server.url, owner, workspaceId, 'Onboarding checklist');
		expect((await found('onboard', titled)).value.passageKey).toBeNull();

		const flowId = await createDocumentIn(server.url, owner, workspaceId, 'Refunds', 'flow');
		const flow = await connectSynced(server.wsUrl, flowId, owner.token);
		flow.doc.transact(() => {
			const node = new Y.Map<unknown>();
			for (const [k, v] of Object.entries({
				id: 'n1',
				type: 'process',
				label: '核对退款金额',
				x: 0,
				y: 0,
				width: 160,
				height: 60,
				laneId: null
			}))
				node.set(k, v);
			flow.doc.getMap('nodes').set('n1', node);
		});
		expect((await found('退款', flowId)).value.passageKey).toBe('node-n1');
		flow.destroy();

		const task = await apiJson<{ id: string }>(
			server.url,
			owner.token,
			'POST',
			`/api/v1/workspaces/${workspaceId}/tasks`,
			{ title: 'Renew the parking permits' },
			201
		);
		expect((await found('permit', task.id)).value.type).toBe('task');
	});

	it('ranks a title match first, and finds a renamed document or task by its new title only', async () => {
		const inTitle = await createDocumentIn(server.url, owner, workspaceId, 'Quokka rota');
		const inText = await createDocumentIn(server.url, owner, workspaceId, 'Weekend notes');
		const client = await connectSynced(server.wsUrl, inText, owner.token);
		appendParagraph(client, 'Who feeds the quokka on Sundays?');
		await found('quokka', inText);
		expect((await search('quokka')).map((h) => h.id)).toEqual([inTitle, inText]);
		client.destroy();

		await apiJson(server.url, owner.token, 'PATCH', `/api/v1/documents/${inTitle}`, {
			title: 'Wombat rota'
		});
		expect((await search('wombat')).map((h) => h.id)).toEqual([inTitle]);
		expect((await search('quokka')).map((h) => h.id)).toEqual([inText]);

		const task = await apiJson<{ id: string }>(
			server.url,
			owner.token,
			'POST',
			`/api/v1/workspaces/${workspaceId}/tasks`,
			{ title: '核对巡检记录' },
			201
		);
		await found('巡检', task.id);
		await apiJson(server.url, owner.token, 'PATCH', `/api/v1/tasks/${task.id}`, {
			title: '更新值班表'
		});
		expect((await search('值班')).map((h) => h.id)).toEqual([task.id]);
		expect((await search('巡检')).some((h) => h.id === task.id)).toBe(false);
	});

	it("never shows a non-member's documents, and answers 403 outside one's workspaces", async () => {
		const theirs = await createDocumentIn(
			server.url,
			outsider,
			otherWorkspaceId,
			'Secret 回访 plan'
		);
		const ours = await createDocumentIn(server.url, owner, workspaceId, 'Public 回访 plan');
		await found('plan', ours);
		expect((await search('plan')).some((h) => h.id === theirs)).toBe(false);
		expect((await search('回访', outsider, otherWorkspaceId)).map((h) => h.id)).toEqual([theirs]);
		const res = await api(
			server.url,
			outsider.token,
			'GET',
			`/api/v1/workspaces/${workspaceId}/search?q=plan`
		);
		expect(res.status).toBe(403);
		expect(
			(await api(server.url, member.token, 'GET', `/api/v1/workspaces/${workspaceId}/search?q=`))
				.status
		).toBe(400);
	});

	it('finds an anonymous suggestion by its text and never says who wrote it', async () => {
		const settings = await apiJson<{ categories: { id: string }[] }>(
			server.url,
			owner.token,
			'GET',
			`/api/v1/workspaces/${workspaceId}/suggestion-settings`
		);
		const suggestion = await apiJson<{ id: string }>(
			server.url,
			member.token,
			'POST',
			`/api/v1/workspaces/${workspaceId}/suggestions`,
			{
				title: '交接班改用清单',
				situation: 'Hand-overs at shift change take twenty minutes.',
				proposal: 'Use a written checklist at the station.',
				benefit: 'Time back for everyone.',
				category: settings.categories[0].id,
				anonymous: true
			},
			201
		);
		const res = await api(
			server.url,
			owner.token,
			'GET',
			`/api/v1/workspaces/${workspaceId}/search?q=${encodeURIComponent('清单 checklists')}`
		);
		const body = await res.text();
		const hits = (JSON.parse(body) as { results: Hit[] }).results;
		expect(hits.map((h) => h.id)).toContain(suggestion.id);
		expect(body).not.toContain('Zephyrwood');
		expect(body).not.toContain(member.id);
		// Searching for the author's name finds nothing of theirs.
		expect((await search('Zephyrwood', owner)).some((h) => h.id === suggestion.id)).toBe(false);
	});

	it('catches up after a crash between an edit and its indexing', async () => {
		const documentId = await createDocumentIn(server.url, owner, workspaceId, 'Crash notes');
		const client = await connectSynced(server.wsUrl, documentId, owner.token);
		appendParagraph(client, 'Quarterly xylophone maintenance');
		// The update is committed before it is relayed: once another client has it, it is stored.
		const witness = await connectSynced(server.wsUrl, documentId, owner.token);
		expect(witness.doc.getXmlFragment('content').toString()).toContain('xylophone');
		client.destroy();
		witness.destroy();
		await server.kill();
		await server.restart();
		await found('xylophone', documentId);
	});
});
