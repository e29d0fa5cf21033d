import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	api,
	apiJson,
	createDocumentIn,
	createWorkspaceWith,
	signUpTeam,
	type ApiUser
} from '../helpers/api';
import { connectSynced, waitFor, type Client } from '../helpers/clients';
import {
	createStorage,
	engines,
	startServer,
	type TestServer,
	type TestStorage
} from '../helpers/server';

interface ApiTask {
	id: string;
	workspaceId: string;
	title: string;
	status: string;
	priority: string;
	assignee: { id: string; name: string } | null;
	dueDate: string | null;
	overdue: boolean;
	source: {
		documentId: string;
		kind: string;
		title: string;
		key: string;
		url: string;
		removed: boolean;
	} | null;
	createdAt: string;
	updatedAt: string;
	completedAt: string | null;
}

interface TaskList {
	tasks: ApiTask[];
	counts: { total: number; byStatus: Record<string, number>; overdue: number };
}

/** Appends a checklist item the way docs/document-model.md shows a script doing it. */
function appendItem(
	client: Client,
	text: string,
	attributes: Record<string, string | boolean> = {}
): Y.XmlElement {
	const content = client.doc.getXmlFragment('content');
	const item = new Y.XmlElement('taskItem');
	client.doc.transact(() => {
		const list = new Y.XmlElement('taskList');
		item.setAttribute('checked', false as unknown as string);
		for (const [name, value] of Object.entries(attributes)) {
			item.setAttribute(name, value as unknown as string);
		}
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText(text)]);
		item.insert(0, [paragraph]);
		list.insert(0, [item]);
		content.insert(content.length, [list]);
	});
	return item;
}

function taskItems(client: Client): Y.XmlElement[] {
	const walker = client.doc
		.getXmlFragment('content')
		.createTreeWalker((node) => node instanceof Y.XmlElement && node.nodeName === 'taskItem');
	return [...walker] as Y.XmlElement[];
}

function itemText(item: Y.XmlElement): Y.XmlText {
	return (item.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

async function poll<T>(
	read: () => Promise<T | undefined>,
	what: string,
	timeoutMs = 10_000
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await read();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** Reads a Server-Sent Events body until `match` finds what it wants in the text so far. */
async function readUntil(
	reader: ReadableStreamDefaultReader<Uint8Array>,
	seen: { text: string },
	match: (text: string) => boolean,
	what: string,
	timeoutMs = 10_000
): Promise<void> {
	const decoder = new TextDecoder();
	const deadline = Date.now() + timeoutMs;
	while (!match(seen.text)) {
		const left = deadline - Date.now();
		if (left <= 0) throw new Error(`timed out waiting for ${what}; got:\n${seen.text}`);
		const chunk = await Promise.race([
			reader.read(),
			new Promise<null>((r) => setTimeout(() => r(null), left))
		]);
		if (chunk === null) continue;
		if (chunk.done) throw new Error(`stream ended before ${what}; got:\n${seen.text}`);
		seen.text += decoder.decode(chunk.value, { stream: true });
	}
}

describe.each(engines)('task list on %s', (engine) => {
	let storage: TestStorage;
	let server: TestServer;
	let owner: ApiUser;
	let editor: ApiUser;
	let viewer: ApiUser;
	let outsider: ApiUser;
	let workspaceId: string;

	function newWorkspace(name: string): Promise<string> {
		return createWorkspaceWith(server.url, owner, name, [
			[editor, 'editor'],
			[viewer, 'viewer']
		]);
	}

	function newDocument(title = 'Service framework'): Promise<string> {
		return createDocumentIn(server.url, owner, workspaceId, title);
	}

	function listTasks(query = '', user = owner, inWorkspace = workspaceId): Promise<TaskList> {
		return apiJson<TaskList>(
			server.url,
			user.token,
			'GET',
			`/api/v1/workspaces/${inWorkspace}/tasks${query}`,
			undefined,
			200
		);
	}

	async function tasksOf(documentId: string, query = ''): Promise<ApiTask[]> {
		const sep = query ? '&' : '?';
		return (await listTasks(`${query}${sep}source=${documentId}`)).tasks;
	}

	function patchTask(id: string, body: unknown, user = editor): Promise<Response> {
		return api(server.url, user.token, 'PATCH', `/api/v1/tasks/${id}`, body);
	}

	beforeAll(async () => {
		storage = await createStorage(engine);
		server = await startServer(storage);
		({ owner, editor, viewer, outsider, workspaceId } = await signUpTeam(server.url, 'Ops'));
	});

	afterAll(async () => {
		await server?.stop();
		await storage?.drop();
	});

	it('an item a stock client writes becomes a task, gets an id, and follows edits of its text', async () => {
		const documentId = await newDocument('Opening hours');
		const client = await connectSynced(server.wsUrl, documentId, editor.token);
		const item = appendItem(client, 'Call the three biggest customers');

		const [task] = await poll(async () => {
			const found = await tasksOf(documentId);
			return found.length > 0 ? found : undefined;
		}, 'the item to appear as a task');
		expect(task).toMatchObject({
			title: 'Call the three biggest customers',
			status: 'open',
			priority: 'normal',
			assignee: null,
			overdue: false,
			source: { documentId, kind: 'framework', title: 'Opening hours', removed: false }
		});
		await waitFor(() => typeof item.getAttribute('id') === 'string', 'the server-assigned id');
		expect(item.getAttribute('id')).toBe(task.source!.key);
		expect(task.source!.url).toBe(
			`/w/${workspaceId}/d/${documentId}#action-${encodeURIComponent(task.source!.key)}`
		);

		itemText(item).insert(itemText(item).length, ' about the new hours');
		const edited = await poll(async () => {
			const found = await tasksOf(documentId);
			return found.some((t) => t.title.endsWith('new hours')) ? found : undefined;
		}, 'the edited title');
		expect(edited).toHaveLength(1);
		expect(edited[0]).toMatchObject({
			id: task.id,
			title: 'Call the three biggest customers about the new hours'
		});
		const single = await apiJson<ApiTask>(
			server.url,
			viewer.token,
			'GET',
			`/api/v1/tasks/${task.id}`,
			undefined,
			200
		);
		expect(single).toEqual(edited[0]);
		client.destroy();
	});

	it('a poisoned item is skipped while its siblings still become tasks, also after a restart', async () => {
		const documentId = await newDocument('Poisoned');
		const client = await connectSynced(server.wsUrl, documentId, editor.token);
		appendItem(client, 'Text with a \u0000 in it', { id: 'nul-text' });
		const badKey = appendItem(client, 'Key with a control character', { id: 'bad\u0000key' });
		appendItem(client, 'An ordinary sibling', { id: 'sibling' });
		// Lists nested far deeper than any person writes.
		client.doc.transact(() => {
			let parent: Y.XmlElement = taskItems(client).at(-1)!;
			for (let depth = 0; depth < 500; depth++) {
				const list = new Y.XmlElement('taskList');
				const item = new Y.XmlElement('taskItem');
				const paragraph = new Y.XmlElement('paragraph');
				paragraph.insert(0, [new Y.XmlText(depth === 499 ? 'The deepest item' : `level ${depth}`)]);
				item.insert(0, [paragraph]);
				list.insert(0, [item]);
				parent.insert(parent.length, [list]);
				parent = item;
			}
		});
		const titles = async () => (await tasksOf(documentId)).map((t) => t.title).sort();
		const expected = [
			'An ordinary sibling',
			'Key with a control character',
			'Text with a in it',
			'The deepest item'
		];
		await poll(
			async () => ((await titles()).length === 503 ? true : undefined),
			'every item to become a task'
		);
		expect((await titles()).filter((t) => !t.startsWith('level '))).toEqual(expected);
		// The unusable key was replaced by one the task list can link to.
		await waitFor(() => badKey.getAttribute('id') !== 'bad\u0000key', 'the key to be repaired');
		client.destroy();

		await server.stop();
		await server.restart();
		expect((await titles()).filter((t) => !t.startsWith('level '))).toEqual(expected);
		// Editing the document again still extracts it: nothing is stuck.
		const again = await connectSynced(server.wsUrl, documentId, editor.token);
		appendItem(again, 'Written after the restart', { id: 'after' });
		await poll(
			async () => ((await titles()).includes('Written after the restart') ? true : undefined),
			'the new item'
		);
		again.destroy();
	});

	it('a retro action keyed with a control character is skipped; the other actions become tasks', async () => {
		const documentId = await createDocumentIn(server.url, owner, workspaceId, 'Retro', 'retro');
		const client = await connectSynced(server.wsUrl, documentId, editor.token);
		client.doc.transact(() => {
			const actions = client.doc.getMap<Y.Map<unknown>>('actions');
			for (const [key, title] of [
				['bad\u0000key', 'Poisoned action'],
				['good-key', 'Call the supplier']
			]) {
				const action = new Y.Map<unknown>();
				actions.set(key, action);
				action.set('id', key);
				action.set('title', title);
				action.set('done', false);
			}
		});
		const tasks = await poll(async () => {
			const found = await tasksOf(documentId);
			return found.length > 0 ? found : undefined;
		}, 'the good action to become a task');
		expect(tasks.map((t) => t.title)).toEqual(['Call the supplier']);
		client.destroy();
	});

	it('deleting the item marks its task removed; putting it back revives the same task', async () => {
		const documentId = await newDocument('Rota');
		const client = await connectSynced(server.wsUrl, documentId, editor.token);
		appendItem(client, 'Post the rota on Fridays', { id: 'rota-1' });
		const task = await poll(
			async () => (await tasksOf(documentId))[0],
			'the item to appear as a task'
		);

		const content = client.doc.getXmlFragment('content');
		content.delete(0, content.length);
		await poll(async () => {
			const all = await tasksOf(documentId, '?includeRemoved=true');
			return all[0]?.source?.removed ? all : undefined;
		}, 'the task to be marked removed');
		expect(await tasksOf(documentId)).toEqual([]);
		const removed = await tasksOf(documentId, '?includeRemoved=true');
		expect(removed).toHaveLength(1);
		expect(removed[0]).toMatchObject({ id: task.id, source: { key: 'rota-1', removed: true } });

		appendItem(client, 'Post the rota on Thursdays', { id: 'rota-1' });
		const revived = await poll(async () => {
			const found = await tasksOf(documentId);
			return found.length > 0 ? found : undefined;
		}, 'the task to come back');
		expect(revived).toHaveLength(1);
		expect(revived[0]).toMatchObject({
			id: task.id,
			title: 'Post the rota on Thursdays',
			source: { removed: false }
		});

		// The document owns a mirrored task's text.
		const res = await patchTask(task.id, { title: 'Something else' });
		expect(res.status).toBe(400);
		client.destroy();
	});

	it('changes made through the API are written into the document and survive a restart', async () => {
		const documentId = await newDocument('Escalations');
		const writer = await connectSynced(server.wsUrl, documentId, editor.token);
		const watcher = await connectSynced(server.wsUrl, documentId, owner.token);
		appendItem(writer, 'Agree on an escalation path', { id: 'esc-1' });
		const task = await poll(
			async () => (await tasksOf(documentId))[0],
			'the item to appear as a task'
		);
		await waitFor(() => taskItems(watcher).length === 1, 'the watcher to receive the item');
		const watched = taskItems(watcher)[0];
		expect(watched.getAttribute('checked')).toBe(false);

		const res = await patchTask(task.id, { status: 'done' });
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ status: 'done' });
		// Yjs types attributes as strings, but `checked` is a boolean (docs/document-model.md).
		await waitFor(
			() => (watched.getAttribute('checked') as unknown) === true,
			'the box to be ticked'
		);

		const changed = await patchTask(task.id, {
			assigneeId: owner.id,
			dueDate: '2031-03-14',
			priority: 'high'
		});
		expect(changed.status).toBe(200);
		expect(await changed.json()).toMatchObject({
			status: 'done',
			priority: 'high',
			assignee: { id: owner.id, name: 'Olivia' },
			dueDate: '2031-03-14'
		});
		await waitFor(
			() =>
				watched.getAttribute('assignee') === owner.id &&
				watched.getAttribute('due') === '2031-03-14',
			'assignee and due date in the document'
		);
		// Give a pending extraction the chance to (wrongly) flip anything back.
		await new Promise((r) => setTimeout(r, 1_500));
		expect(
			await apiJson(server.url, owner.token, 'GET', `/api/v1/tasks/${task.id}`, undefined, 200)
		).toMatchObject({ status: 'done', assignee: { id: owner.id }, dueDate: '2031-03-14' });

		writer.destroy();
		watcher.destroy();
		await server.stop();
		await server.restart();

		const fresh = await connectSynced(server.wsUrl, documentId, viewer.token);
		const [item] = taskItems(fresh);
		expect(item.getAttribute('checked')).toBe(true);
		expect(item.getAttribute('assignee')).toBe(owner.id);
		expect(item.getAttribute('due')).toBe('2031-03-14');
		// Loading the document extracts it again; that must not change the task.
		await new Promise((r) => setTimeout(r, 1_500));
		const after = await apiJson<ApiTask>(
			server.url,
			owner.token,
			'GET',
			`/api/v1/tasks/${task.id}`,
			undefined,
			200
		);
		expect(after).toMatchObject({
			status: 'done',
			priority: 'high',
			assignee: { id: owner.id },
			dueDate: '2031-03-14'
		});
		expect(after.completedAt).not.toBeNull();
		fresh.destroy();
	});

	it('an item persisted just before kill -9 still becomes a task after the restart', async () => {
		const documentId = await newDocument('Handover');
		const writer = await connectSynced(server.wsUrl, documentId, editor.token);
		const reader = await connectSynced(server.wsUrl, documentId, owner.token);
		appendItem(writer, 'Write the handover checklist');
		// Once the reader has it, it is committed; the kill comes before the extraction delay ends.
		await waitFor(() => taskItems(reader).length === 1, 'the reader to receive the item', 5_000);
		await server.kill();
		// The server had not assigned an id yet: it had not extracted the item.
		expect(taskItems(reader)[0].getAttribute('id')).toBeUndefined();
		writer.destroy();
		reader.destroy();
		await server.restart();

		// Nobody opens the document: the server must catch up on its own.
		const [task] = await poll(async () => {
			const found = await tasksOf(documentId);
			return found.length > 0 ? found : undefined;
		}, 'the task after the restart');
		expect(task).toMatchObject({ title: 'Write the handover checklist', status: 'open' });
		const fresh = await connectSynced(server.wsUrl, documentId, owner.token);
		expect(taskItems(fresh)[0].getAttribute('id')).toBe(task.source!.key);
		fresh.destroy();
	});

	it('manual tasks can be created, filtered, counted and exported as CSV', async () => {
		const wsId = await newWorkspace('Manual');
		const create = (user: ApiUser, body: unknown) =>
			apiJson<ApiTask>(
				server.url,
				user.token,
				'POST',
				`/api/v1/workspaces/${wsId}/tasks`,
				body,
				201
			);
		const overdue = await create(editor, {
			title: 'Order "spare" parts, urgently',
			priority: 'urgent',
			assigneeId: editor.id,
			dueDate: '2020-01-15'
		});
		expect(overdue).toMatchObject({
			status: 'open',
			priority: 'urgent',
			assignee: { id: editor.id, name: 'Eddie' },
			dueDate: '2020-01-15',
			overdue: true,
			source: null,
			completedAt: null
		});
		const rota = await create(owner, { title: 'Review the rota', status: 'in_progress' });
		const done = await create(owner, {
			title: 'Archive old tickets',
			status: 'done',
			dueDate: '2020-01-01'
		});
		expect(done).toMatchObject({ overdue: false });
		expect(done.completedAt).not.toBeNull();

		const all = await listTasks('', owner, wsId);
		expect(all.tasks.map((t) => t.id).sort()).toEqual([overdue.id, rota.id, done.id].sort());
		expect(all.counts).toEqual({
			total: 3,
			byStatus: { open: 1, in_progress: 1, blocked: 0, done: 1, dropped: 0 },
			overdue: 1
		});

		const mine = await listTasks('?mine=true', editor, wsId);
		expect(mine.tasks.map((t) => t.id)).toEqual([overdue.id]);
		expect((await listTasks('?assignee=me', editor, wsId)).tasks.map((t) => t.id)).toEqual([
			overdue.id
		]);
		expect((await listTasks(`?assignee=${editor.id}`, viewer, wsId)).tasks).toHaveLength(1);
		expect((await listTasks('?assignee=none', owner, wsId)).tasks).toHaveLength(2);

		const byStatus = await listTasks('?status=in_progress,done&sort=title', owner, wsId);
		expect(byStatus.tasks.map((t) => t.title)).toEqual(['Archive old tickets', 'Review the rota']);
		// Counts ignore the status filter, so every status shows its number.
		expect(byStatus.counts.total).toBe(3);
		expect((await listTasks('?sort=title&order=desc', owner, wsId)).tasks[0].id).toBe(rota.id);

		const late = await listTasks('?overdue=true', owner, wsId);
		expect(late.tasks.map((t) => t.id)).toEqual([overdue.id]);

		const renamed = await patchTask(rota.id, { title: 'Review the summer rota' });
		expect(renamed.status).toBe(200);
		expect(await renamed.json()).toMatchObject({ title: 'Review the summer rota' });

		const csv = await api(
			server.url,
			viewer.token,
			'GET',
			`/api/v1/workspaces/${wsId}/tasks?format=csv&sort=title`
		);
		expect(csv.status).toBe(200);
		expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
		expect(csv.headers.get('content-disposition')).toMatch(
			/^attachment; filename="[^"]+ tasks \d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''\S+\.csv$/
		);
		const bytes = new Uint8Array(await csv.arrayBuffer());
		// A byte order mark, so Excel on Chinese Windows reads UTF-8 (decoding drops it again).
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const lines = new TextDecoder().decode(bytes).trimEnd().split('\r\n');
		expect(lines).toHaveLength(4);
		expect(lines[0]).toMatch(/^id,title,status,priority,assignee,due date,/);
		expect(lines[1]).toMatch(
			new RegExp(`^${done.id},Archive old tickets,done,normal,,2020-01-01,no,manual,`)
		);
		expect(lines[2]).toContain(
			`${overdue.id},"Order ""spare"" parts, urgently",open,urgent,Eddie,2020-01-15,yes,manual`
		);
		expect(lines[3]).toContain('Review the summer rota,in_progress');

		// In Chinese the headers and the words for codes are Chinese; names and dates stay.
		const chinese = await fetch(
			`${server.url}/api/v1/workspaces/${wsId}/tasks?format=csv&sort=title`,
			{ headers: { authorization: `Bearer ${owner.token}`, 'accept-language': 'zh-CN' } }
		);
		const rows = (await chinese.text()).trimEnd().split('\r\n');
		expect(rows[0]).toMatch(/^编号,标题,状态,优先级,负责人,截止日期,是否逾期,来源类型,/);
		expect(rows[1]).toContain(
			`${done.id},Archive old tickets,已完成,普通,,2020-01-01,否,手动添加,`
		);

		const filteredCsv = await api(
			server.url,
			owner.token,
			'GET',
			`/api/v1/workspaces/${wsId}/tasks?format=csv&overdue=true`
		);
		expect((await filteredCsv.text()).trimEnd().split('\r\n')).toHaveLength(2);
	});

	it('the events stream names the tasks that change', async () => {
		const wsId = await newWorkspace('Live');
		const task = await apiJson<ApiTask>(
			server.url,
			owner.token,
			'POST',
			`/api/v1/workspaces/${wsId}/tasks`,
			{ title: 'Watch me' },
			201
		);
		const controller = new AbortController();
		const res = await fetch(`${server.url}/api/v1/workspaces/${wsId}/tasks/events`, {
			headers: { authorization: `Bearer ${viewer.token}` },
			signal: controller.signal
		});
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
		const reader = res.body!.getReader();
		const seen = { text: '' };
		await readUntil(reader, seen, (t) => t.includes(': connected'), 'the stream to open');

		expect((await patchTask(task.id, { status: 'blocked' })).status).toBe(200);
		await readUntil(
			reader,
			seen,
			(t) => t.includes(`event: tasks\ndata: {"taskIds":["${task.id}"]}\n\n`),
			'the event for the patched task'
		);

		const created = await apiJson<ApiTask>(
			server.url,
			editor.token,
			'POST',
			`/api/v1/workspaces/${wsId}/tasks`,
			{ title: 'A new one' },
			201
		);
		await readUntil(
			reader,
			seen,
			(t) => t.includes(`"taskIds":["${created.id}"]`),
			'the event for the created task'
		);
		// Another workspace's changes do not reach this stream.
		const elsewhere = await apiJson<ApiTask>(
			server.url,
			owner.token,
			'POST',
			`/api/v1/workspaces/${workspaceId}/tasks`,
			{ title: 'Not for this stream' },
			201
		);
		expect((await patchTask(task.id, { priority: 'low' })).status).toBe(200);
		await readUntil(
			reader,
			seen,
			(t) => t.split(`"taskIds":["${task.id}"]`).length === 3,
			'the second event for the patched task'
		);
		expect(seen.text).not.toContain(elsewhere.id);
		controller.abort();
		await reader.cancel().catch(() => {});

		const outsiderRes = await api(
			server.url,
			outsider.token,
			'GET',
			`/api/v1/workspaces/${wsId}/tasks/events`
		);
		expect(outsiderRes.status).toBe(403);
	});

	it('refuses viewers, non-members and bad input, naming the field', async () => {
		const wsId = await newWorkspace('Rules');
		const task = await apiJson<ApiTask>(
			server.url,
			editor.token,
			'POST',
			`/api/v1/workspaces/${wsId}/tasks`,
			{ title: 'Keep me as I am', dueDate: '2030-05-05' },
			201
		);
		const post = (user: ApiUser, body: unknown) =>
			api(server.url, user.token, 'POST', `/api/v1/workspaces/${wsId}/tasks`, body);
		const expectError = async (res: Response, status: number, mention?: string) => {
			expect(res.status).toBe(status);
			const body = (await res.json()) as { error: { code: string; message: string } };
			if (mention) expect(body.error.message).toContain(mention);
		};

		await expectError(await post(viewer, { title: 'Nope' }), 403);
		await expectError(await patchTask(task.id, { status: 'done' }, viewer), 403);
		await expectError(await post(outsider, { title: 'Nope' }), 403);
		await expectError(await patchTask(task.id, { status: 'done' }, outsider), 403);
		await expectError(
			await api(server.url, outsider.token, 'GET', `/api/v1/tasks/${task.id}`),
			403
		);
		await expectError(
			await api(server.url, outsider.token, 'GET', `/api/v1/workspaces/${wsId}/tasks`),
			403
		);
		await expectError(
			await api(server.url, owner.token, 'GET', '/api/v1/tasks/aaaaaaaaaaaaaaaaaaaa'),
			404
		);
		await expectError(await api(server.url, owner.token, 'GET', '/api/v1/tasks/nope'), 404);
		await expectError(await patchTask('aaaaaaaaaaaaaaaaaaaa', { status: 'done' }), 404);
		expect((await api(server.url, viewer.token, 'GET', `/api/v1/tasks/${task.id}`)).status).toBe(
			200
		);

		await expectError(await patchTask(task.id, { status: 'finished' }), 400, 'status');
		await expectError(await patchTask(task.id, { dueDate: '2026-13-45' }), 400, 'dueDate');
		await expectError(await patchTask(task.id, { assigneeId: outsider.id }), 400, 'assigneeId');
		await expectError(await patchTask(task.id, { priority: 'asap' }), 400, 'priority');
		await expectError(await patchTask(task.id, {}), 400);
		await expectError(await post(editor, { title: '' }), 400, 'Title');
		await expectError(await post(editor, { title: 'x', status: 'finished' }), 400, 'status');
		await expectError(await post(editor, { title: 'x', dueDate: '2026-02-30' }), 400, 'dueDate');
		await expectError(
			await post(editor, { title: 'x', assigneeId: outsider.id }),
			400,
			'assigneeId'
		);

		const get = (query: string) =>
			api(server.url, owner.token, 'GET', `/api/v1/workspaces/${wsId}/tasks${query}`);
		await expectError(await get('?status=finished'), 400, 'status');
		await expectError(await get('?overdue=yes'), 400, 'overdue');
		await expectError(await get('?mine=1'), 400, 'mine');
		await expectError(await get('?includeRemoved=maybe'), 400, 'includeRemoved');
		await expectError(await get('?assignee=someone'), 400, 'assignee');
		await expectError(await get('?source=doc'), 400, 'source');
		await expectError(await get('?sort=colour'), 400, 'sort');
		await expectError(await get('?order=up'), 400, 'order');
		await expectError(await get('?format=xml'), 400, 'format');
		await expectError(await get('?stauts=open'), 400, 'stauts');

		// Nothing a refused request sent changed the task or added one.
		const list = await listTasks('', owner, wsId);
		expect(list.tasks).toHaveLength(1);
		expect(list.tasks[0]).toMatchObject({
			title: 'Keep me as I am',
			status: 'open',
			priority: 'normal',
			dueDate: '2030-05-05',
			assignee: null
		});
	});
});
