import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readFlowContent } from '../../src/lib/model/flow/content';
import { api, apiJson, signUpTeam, type ApiUser, type Team } from '../helpers/api';
import { connectSynced, waitFor, type Client } from '../helpers/clients';
import {
	createStorage,
	engines,
	startServer,
	type TestServer,
	type TestStorage
} from '../helpers/server';

/** Flows and retro boards saved as workspace templates, and new documents made from them. */
describe.each(engines)('flow and retro workspace templates on %s', (engine) => {
	let storage: TestStorage;
	let server: TestServer;
	let team: Team;
	const clients: Client[] = [];

	beforeAll(async () => {
		storage = await createStorage(engine);
		server = await startServer(storage);
		team = await signUpTeam(server.url, 'Service desk');
	});

	afterAll(async () => {
		for (const client of clients) client.destroy();
		await server?.stop();
		await storage?.drop();
	});

	const documentsPath = () => `/api/v1/workspaces/${team.workspaceId}/documents`;
	const templatesPath = () => `/api/v1/workspaces/${team.workspaceId}/templates`;

	async function connect(user: ApiUser, documentId: string): Promise<Client> {
		const client = await connectSynced(server.wsUrl, documentId, user.token);
		clients.push(client);
		return client;
	}

	async function create(user: ApiUser, body: Record<string, unknown>): Promise<string> {
		return (
			await apiJson<{ id: string }>(server.url, user.token, 'POST', documentsPath(), body, 201)
		).id;
	}

	async function saveTemplate(documentId: string, name: string): Promise<{ id: string }> {
		return apiJson<{ id: string; kind: string }>(
			server.url,
			team.editor.token,
			'POST',
			templatesPath(),
			{ documentId, name },
			201
		);
	}

	/** A retro endpoint's answer, which must have `status`. */
	const retro = (
		user: ApiUser,
		documentId: string,
		method: string,
		path: string,
		body: unknown,
		status: number
	) =>
		apiJson(
			server.url,
			user.token,
			method,
			`/api/v1/documents/${documentId}/retro${path}`,
			body,
			status
		);

	/** Every client id that wrote into the document. */
	const writers = (doc: Y.Doc) => new Set(Y.decodeStateVector(Y.encodeStateVector(doc)).keys());

	it('copies a flow’s lanes, blueprint lines, shapes, arrows and their fields under fresh ids', async () => {
		const sourceId = await create(team.owner, {
			kind: 'flow',
			title: 'Password reset',
			template: 'service-blueprint'
		});
		const source = await connect(team.owner, sourceId);
		const before = readFlowContent(source.doc);
		const step = before.nodes.find((n) => n.type === 'process')!;
		// An improvement note with an owner and a due date, an arrow label, numbering and direction.
		source.doc.transact(() => {
			const meta = source.doc.getMap('meta');
			meta.set('numbering', true);
			meta.set('direction', 'TB');
			const note = new Y.Map<unknown>();
			source.doc.getMap('nodes').set('note-sla', note);
			for (const [key, value] of Object.entries({
				id: 'note-sla',
				type: 'improvement',
				label: 'Answer within 4h',
				x: 900,
				y: 20,
				width: 200,
				height: 100,
				laneId: step.laneId,
				ownerRole: '',
				sla: '',
				description: 'Customers wait too long',
				attachedTo: step.id,
				ownerId: team.editor.id,
				dueDate: '2026-12-18',
				done: false
			}))
				note.set(key, value);
			const edge = source.doc.getMap<Y.Map<unknown>>('edges').values().next().value!;
			edge.set('label', 'Verified');
			edge.set('style', 'step');
		});
		const original = readFlowContent(source.doc);
		expect(original.lanes.some((lane) => lane.line !== null)).toBe(true);
		expect(original.edges.length).toBeGreaterThan(0);
		// The server has it once another member's client receives it.
		const reader = await connect(team.viewer, sourceId);
		await waitFor(() => reader.doc.getMap('nodes').has('note-sla'), 'the note to reach the server');

		const template = await saveTemplate(sourceId, 'Blueprint (ours)');
		const copyId = await create(team.editor, {
			kind: 'flow',
			title: 'Account unlock',
			savedTemplate: template.id
		});
		const copy = await connect(team.editor, copyId);
		const copied = readFlowContent(copy.doc);

		// Everything kept, compared without ids: lanes in order, shapes by label, arrows by their ends.
		expect(copied.meta).toMatchObject({
			schemaVersion: 1,
			kind: 'flow',
			numbering: true,
			direction: 'TB'
		});
		const withoutId = <T extends { id: string }>({ id: _id, ...rest }: T) => rest;
		expect(copied.lanes.map(withoutId)).toEqual(original.lanes.map(withoutId));
		const laneTitle = (content: typeof original, laneId: string | null) =>
			content.lanes.find((lane) => lane.id === laneId)?.title ?? null;
		const label = (content: typeof original, nodeId: string | null) =>
			content.nodes.find((node) => node.id === nodeId)?.label ?? null;
		const shapes = (content: typeof original) =>
			content.nodes
				.map((node) => ({
					...withoutId(node),
					laneId: laneTitle(content, node.laneId),
					attachedTo: label(content, node.attachedTo)
				}))
				.sort((a, b) => a.label.localeCompare(b.label));
		expect(shapes(copied)).toEqual(shapes(original));
		expect(shapes(copied).find((n) => n.label === 'Answer within 4h')).toMatchObject({
			type: 'improvement',
			attachedTo: step.label,
			ownerId: team.editor.id,
			dueDate: '2026-12-18',
			description: 'Customers wait too long'
		});
		const arrows = (content: typeof original) =>
			content.edges
				.map((edge) => ({
					...withoutId(edge),
					source: label(content, edge.source),
					target: label(content, edge.target)
				}))
				.sort((a, b) => `${a.source}${a.target}`.localeCompare(`${b.source}${b.target}`));
		expect(arrows(copied)).toEqual(arrows(original));
		expect(arrows(copied).some((a) => a.label === 'Verified' && a.style === 'step')).toBe(true);

		// Fresh ids, and a fresh Yjs document: nothing in it was written by the source's writers.
		const ids = (content: typeof original) =>
			new Set([...content.lanes, ...content.nodes, ...content.edges].map((entry) => entry.id));
		const sourceIds = ids(original);
		expect([...ids(copied)].filter((id) => sourceIds.has(id))).toEqual([]);
		const sourceWriters = writers(source.doc);
		expect([...writers(copy.doc)].filter((id) => sourceWriters.has(id))).toEqual([]);
	});

	it('copies a retro board’s format but none of what its meeting produced, and starts it at the first phase', async () => {
		const sourceId = await create(team.owner, {
			kind: 'retro',
			title: 'Week 48 review',
			columns: ['Went well', 'Hand-offs', 'Ideas'],
			anonymous: true,
			voteBudget: 5,
			votesPerCard: 2,
			hideTallies: true
		});
		const board = await connect(team.owner, sourceId);
		const columns = board.doc
			.getArray<Y.Map<unknown>>('columns')
			.toArray()
			.map((c) => c.toJSON() as { id: string; title: string });
		// A meeting: a timer, cards, a group, votes, notes and an action.
		await retro(team.owner, sourceId, 'PUT', '/timer', { seconds: 600 }, 200);
		await retro(team.owner, sourceId, 'POST', '/phase', { phase: 'reflect' }, 200);
		for (const text of ['Night shift hand-offs', 'Missing runbook']) {
			await retro(team.editor, sourceId, 'POST', '/drafts', { columnId: columns[1].id, text }, 201);
		}
		await retro(team.owner, sourceId, 'POST', '/phase', { phase: 'group' }, 200);
		await waitFor(() => board.doc.getMap('cards').size === 2, 'the cards to be revealed');
		const [first, second] = [...board.doc.getMap('cards').keys()];
		await retro(team.owner, sourceId, 'POST', '/group', { cardId: first, onto: second }, 200);
		await retro(team.owner, sourceId, 'POST', '/phase', { phase: 'vote' }, 200);
		const groupId = [...board.doc.getMap('groups').keys()][0];
		await retro(team.editor, sourceId, 'POST', '/votes', { topicId: groupId, delta: 1 }, 200);
		await retro(team.owner, sourceId, 'POST', '/phase', { phase: 'discuss' }, 200);
		const action = new Y.Map<unknown>();
		board.doc.transact(() => {
			board.doc.getMap('actions').set('act-handoff', action);
			for (const [key, value] of Object.entries({
				id: 'act-handoff',
				title: 'Write the hand-off checklist',
				ownerId: team.editor.id,
				dueDate: null,
				topicId: groupId,
				done: false
			}))
				action.set(key, value);
		});
		// The action is a task once the server has read it.
		for (let deadline = Date.now() + 10_000; ;) {
			const { tasks } = await apiJson<{ tasks: { title: string }[] }>(
				server.url,
				team.owner.token,
				'GET',
				`/api/v1/workspaces/${team.workspaceId}/tasks?source=${sourceId}`
			);
			if (tasks.some((t) => t.title === 'Write the hand-off checklist')) break;
			if (Date.now() > deadline) throw new Error('the action did not become a task');
			await new Promise((r) => setTimeout(r, 100));
		}
		expect(board.doc.getMap('meta').get('phase')).toBe('discuss');

		const template = await saveTemplate(sourceId, 'Ops weekly');
		// The editor makes a board from it, so the editor runs it.
		const copyId = await create(team.editor, {
			kind: 'retro',
			title: 'Week 49 review',
			savedTemplate: template.id
		});
		const copy = await connect(team.editor, copyId);
		const copiedColumns = copy.doc
			.getArray<Y.Map<unknown>>('columns')
			.toArray()
			.map((c) => c.toJSON() as { id: string; title: string });
		expect(copiedColumns.map((c) => c.title)).toEqual(['Went well', 'Hand-offs', 'Ideas']);
		const sourceColumnIds = new Set(columns.map((c) => c.id));
		expect(copiedColumns.filter((c) => sourceColumnIds.has(c.id))).toEqual([]);
		expect(copy.doc.getMap('meta').toJSON()).toEqual({
			schemaVersion: 1,
			kind: 'retro',
			phase: 'review',
			facilitatorId: team.editor.id,
			anonymous: true,
			voteBudget: 5,
			votesPerCard: 2,
			hideTallies: true,
			timerEndsAt: null,
			timerSeconds: null,
			timerLength: 600,
			focusTopicId: null
		});
		for (const root of ['cards', 'groups', 'tallies', 'notes', 'actions', 'draftCounts']) {
			expect(copy.doc.getMap(root).size, root).toBe(0);
		}
		// Like any new board, it reviews the earlier retros' open actions: the source's among them.
		const review = [...copy.doc.getMap<Y.Map<unknown>>('review').values()].map((r) => r.toJSON());
		expect(review).toContainEqual(
			expect.objectContaining({
				title: 'Write the hand-off checklist',
				sourceDocumentId: sourceId
			})
		);
		// Nobody's drafts or votes came along.
		const mine = await retro(team.editor, copyId, 'GET', '', undefined, 200);
		expect(mine).toMatchObject({ drafts: [], ballot: {}, votesLeft: 5 });
		const sourceWriters = writers(board.doc);
		expect([...writers(copy.doc)].filter((id) => sourceWriters.has(id))).toEqual([]);
	});

	it('refuses bad template input with a clear message and stores nothing', async () => {
		const flowId = await create(team.owner, { kind: 'flow', title: 'Escalation' });
		const listTemplates = async () =>
			(
				await apiJson<{ templates: { id: string }[] }>(
					server.url,
					team.viewer.token,
					'GET',
					templatesPath(),
					undefined,
					200
				)
			).templates.map((t) => t.id);
		const listDocuments = async () =>
			(
				await apiJson<{ documents: { id: string }[] }>(
					server.url,
					team.viewer.token,
					'GET',
					documentsPath(),
					undefined,
					200
				)
			).documents.map((d) => d.id);

		const templatesBefore = await listTemplates();
		const refusedSave = async (body: Record<string, unknown>, status: number) => {
			const res = await api(server.url, team.editor.token, 'POST', templatesPath(), body);
			const answer = (await res.json()) as { error?: { message?: string }; message?: string };
			expect(res.status, JSON.stringify(answer)).toBe(status);
			return answer.error?.message ?? answer.message ?? '';
		};
		expect(await refusedSave({ documentId: flowId, name: '' }, 400)).toMatch(/Template name/);
		expect(await refusedSave({ documentId: flowId, name: 'x'.repeat(81) }, 400)).toMatch(
			/Template name/
		);
		expect(await refusedSave({ documentId: flowId }, 400)).toMatch(/Template name/);
		expect(await refusedSave({ documentId: 'no-such-document', name: 'Nope' }, 404)).not.toBe('');
		expect(
			(
				await api(server.url, team.viewer.token, 'POST', templatesPath(), {
					documentId: flowId,
					name: 'Viewer copy'
				})
			).status
		).toBe(403);
		expect(await listTemplates()).toEqual(templatesBefore);

		// A flow template does not make a retro board, nor does a template that is not there.
		const flowTemplate = await saveTemplate(flowId, 'Escalation path');
		const documentsBefore = await listDocuments();
		const refusedCreate = async (body: Record<string, unknown>) => {
			const res = await api(server.url, team.editor.token, 'POST', documentsPath(), body);
			const answer = (await res.json()) as { error?: { message?: string }; message?: string };
			expect(res.status, JSON.stringify(answer)).toBe(400);
			return answer.error?.message ?? answer.message ?? '';
		};
		expect(
			await refusedCreate({ kind: 'retro', title: 'Board', savedTemplate: flowTemplate.id })
		).toBe('That template is for another kind of document.');
		expect(
			await refusedCreate({ kind: 'flow', title: 'Flow', savedTemplate: 'no-such-template' })
		).toMatch(/template/i);
		expect(await refusedCreate({ kind: 'flow', title: 'Flow', savedTemplate: 42 })).toMatch(
			/savedTemplate/
		);
		expect(await listDocuments()).toEqual(documentsBefore);
	});
});
