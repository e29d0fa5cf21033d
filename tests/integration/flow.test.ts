import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { api, apiJson, signUpTeam, type ApiUser } from '../helpers/api';
import { connectSynced, waitFor, type Client } from '../helpers/clients';
import {
	createStorage,
	engines,
	startServer,
	type TestServer,
	type TestStorage
} from '../helpers/server';

/** Flows with stock Yjs clients: templates at creation, and improvement notes as tasks both ways. */

interface ApiTask {
	id: string;
	title: string;
	status: string;
	assignee: { id: string } | null;
	dueDate: string | null;
	source: { kind: string; key: string; url: string } | null;
}

describe.each(engines)('flows on %s', (engine) => {
	let storage: TestStorage;
	let server: TestServer;
	let owner: ApiUser;
	let editor: ApiUser;
	let workspaceId: string;
	const clients: Client[] = [];

	beforeAll(async () => {
		storage = await createStorage(engine);
		server = await startServer(storage);
		({ owner, editor, workspaceId } = await signUpTeam(server.url, 'Service desk'));
	});

	afterAll(async () => {
		for (const client of clients) client.destroy();
		await server?.stop();
		await storage?.drop();
	});

	async function createFlow(template?: string): Promise<string> {
		const created = await apiJson<{ id: string }>(
			server.url,
			owner.token,
			'POST',
			`/api/v1/workspaces/${workspaceId}/documents`,
			{ kind: 'flow', title: 'Password reset', ...(template ? { template } : {}) },
			201
		);
		return created.id;
	}

	async function connect(user: ApiUser, documentId: string): Promise<Client> {
		const client = await connectSynced(server.wsUrl, documentId, user.token);
		clients.push(client);
		return client;
	}

	it('starts a flow from the service blueprint template, or blank', async () => {
		const blueprint = await connect(editor, await createFlow('service-blueprint'));
		const lanes = [...blueprint.doc.getMap<Y.Map<unknown>>('lanes').values()]
			.map((lane) => lane.toJSON())
			.sort((a, b) => a.order - b.order);
		expect(lanes.map((l) => [l.title, l.line])).toEqual([
			['Customer actions', 'interaction'],
			['Frontstage', 'visibility'],
			['Backstage', 'internal-interaction'],
			['Support processes', null]
		]);
		expect(blueprint.doc.getMap('meta').toJSON()).toMatchObject({ schemaVersion: 1, kind: 'flow' });
		const types = [...blueprint.doc.getMap<Y.Map<unknown>>('nodes').values()].map((n) =>
			n.get('type')
		);
		expect(types).toEqual(expect.arrayContaining(['start', 'process', 'end']));

		const blank = await connect(editor, await createFlow());
		expect(blank.doc.getMap('lanes').size).toBe(0);
		expect(blank.doc.getMap('nodes').size).toBe(0);

		const refused = await api(
			server.url,
			owner.token,
			'POST',
			`/api/v1/workspaces/${workspaceId}/documents`,
			{
				kind: 'flow',
				title: 'Bad',
				template: 'spaghetti'
			}
		);
		expect(refused.status).toBe(400);
	});

	it('turns an improvement note on a step into a task, and the task list writes back', async () => {
		const id = await createFlow('cross-team');
		const client = await connect(editor, id);
		const nodes = client.doc.getMap<Y.Map<unknown>>('nodes');
		const step = [...nodes.values()].find((n) => n.get('type') === 'process')!;
		const note = new Y.Map<unknown>();
		client.doc.transact(() => {
			nodes.set('improve-1', note);
			for (const [key, value] of Object.entries({
				id: 'improve-1',
				type: 'improvement',
				label: 'Let first line reset passwords without a ticket',
				x: 400,
				y: 300,
				width: 180,
				height: 80,
				laneId: null,
				ownerRole: '',
				sla: '',
				description: '',
				attachedTo: step.get('id'),
				ownerId: editor.id,
				dueDate: '2027-01-15',
				done: false
			})) {
				note.set(key, value);
			}
		});
		let task: ApiTask | undefined;
		const deadline = Date.now() + 10_000;
		while (!task) {
			const { tasks } = await apiJson<{ tasks: ApiTask[] }>(
				server.url,
				owner.token,
				'GET',
				`/api/v1/workspaces/${workspaceId}/tasks?source=${id}`
			);
			task = tasks.find((t) => t.source?.key === 'improve-1');
			if (!task && Date.now() > deadline) throw new Error('the note did not become a task');
			if (!task) await new Promise((r) => setTimeout(r, 100));
		}
		expect(task).toMatchObject({
			title: 'Let first line reset passwords without a ticket',
			status: 'open',
			assignee: { id: editor.id },
			dueDate: '2027-01-15',
			source: { kind: 'flow', key: 'improve-1' }
		});
		expect(task.source!.url).toContain('#action-improve-1');

		await apiJson(
			server.url,
			owner.token,
			'PATCH',
			`/api/v1/tasks/${task.id}`,
			{ status: 'done' },
			200
		);
		await waitFor(() => note.get('done') === true, 'done to reach the note');
	});
});
