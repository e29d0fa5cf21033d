import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import * as Y from 'yjs';
import { anchorTextRange } from '../../src/lib/model/comments/anchor';
import { api, apiJson, createDocumentIn, signUpTeam, type Team } from '../helpers/api';
import { connectSynced, waitFor } from '../helpers/clients';
import {
	createStorage,
	engines,
	startServer,
	type TestServer,
	type TestStorage
} from '../helpers/server';

interface ApiDocument {
	id: string;
	kind: string;
	title: string;
	createdBy: string | null;
	pinnedAt: string | null;
}

interface ApiTemplate {
	id: string;
	kind: string;
	name: string;
	sourceDocumentId: string | null;
	createdByName: string | null;
}

describe.each(engines)('the document list and workspace templates on %s', (engine) => {
	let storage: TestStorage;
	let server: TestServer;
	let team: Team;

	beforeAll(async () => {
		storage = await createStorage(engine);
		server = await startServer(storage);
		team = await signUpTeam(server.url, 'Ops');
	});

	afterAll(async () => {
		await server?.stop();
		await storage?.drop();
	});

	const documentsPath = (query = '') =>
		`/api/v1/workspaces/${team.workspaceId}/documents${query ? `?${query}` : ''}`;
	const templatesPath = () => `/api/v1/workspaces/${team.workspaceId}/templates`;

	async function listTitles(query: string, token = team.viewer.token): Promise<string[]> {
		const { documents } = await apiJson<{ documents: ApiDocument[] }>(
			server.url,
			token,
			'GET',
			documentsPath(query),
			undefined,
			200
		);
		return documents.map((d) => d.title);
	}

	async function createAs(
		user: Team['owner'],
		title: string,
		kind: 'framework' | 'flow' | 'retro' = 'framework',
		workspaceId = team.workspaceId
	): Promise<string> {
		return createDocumentIn(server.url, user, workspaceId, title, kind);
	}

	it('lets editors pin a document for the whole team, refuses viewers and keeps non-members out', async () => {
		const documentId = await createAs(team.owner, 'On-call handbook');
		const pin = `/api/v1/documents/${documentId}/pin`;

		const refused = await api(server.url, team.viewer.token, 'PUT', pin);
		expect(refused.status).toBe(403);
		// Non-members get the same answer as everywhere else for a document they may not see.
		expect((await api(server.url, team.outsider.token, 'PUT', pin)).status).toBe(403);
		expect((await api(server.url, team.outsider.token, 'DELETE', pin)).status).toBe(403);
		expect(
			(await api(server.url, team.editor.token, 'PUT', '/api/v1/documents/x/pin')).status
		).toBe(404);

		const pinned = await apiJson<ApiDocument>(
			server.url,
			team.editor.token,
			'PUT',
			pin,
			undefined,
			200
		);
		expect(pinned.pinnedAt).toEqual(expect.any(String));
		// A repeat keeps the first pin.
		const again = await apiJson<ApiDocument>(
			server.url,
			team.owner.token,
			'PUT',
			pin,
			undefined,
			200
		);
		expect(again.pinnedAt).toBe(pinned.pinnedAt);

		// The viewer sees it pinned, in the list and on its own.
		expect(await listTitles('pinned=true')).toContain('On-call handbook');
		const seen = await apiJson<ApiDocument>(
			server.url,
			team.viewer.token,
			'GET',
			`/api/v1/documents/${documentId}`,
			undefined,
			200
		);
		expect(seen.pinnedAt).toBe(pinned.pinnedAt);

		expect((await api(server.url, team.viewer.token, 'DELETE', pin)).status).toBe(403);
		expect((await api(server.url, team.owner.token, 'DELETE', pin)).status).toBe(204);
		expect(await listTitles('pinned=true')).not.toContain('On-call handbook');
		// Unpinning an unpinned document changes nothing.
		expect((await api(server.url, team.owner.token, 'DELETE', pin)).status).toBe(204);
	});

	it('sorts by last edited, title and kind, and filters by kind, owner and how recently edited', async () => {
		const other = await signUpTeam(server.url, 'Sorting');
		const workspace = other.workspaceId;
		const list = async (query: string) => {
			const { documents } = await apiJson<{ documents: ApiDocument[] }>(
				server.url,
				other.viewer.token,
				'GET',
				`/api/v1/workspaces/${workspace}/documents${query ? `?${query}` : ''}`,
				undefined,
				200
			);
			return documents.map((d) => d.title);
		};
		const beta = await createAs(other.owner, 'Beta escalation', 'framework', workspace);
		await createAs(other.editor, 'alpha intake', 'flow', workspace);
		await createAs(other.owner, 'Gamma review', 'retro', workspace);
		await createAs(other.editor, 'Delta runbook', 'framework', workspace);
		// Renaming counts as an edit: Beta becomes the most recently edited.
		await apiJson(
			server.url,
			other.owner.token,
			'PATCH',
			`/api/v1/documents/${beta}`,
			{ title: 'Beta escalation path' },
			200
		);

		expect(await list('')).toEqual([
			'Beta escalation path',
			'Delta runbook',
			'Gamma review',
			'alpha intake'
		]);
		expect(await list('sort=title')).toEqual([
			'alpha intake',
			'Beta escalation path',
			'Delta runbook',
			'Gamma review'
		]);
		// flow, framework (the latest edit first), retro.
		expect(await list('sort=kind')).toEqual([
			'alpha intake',
			'Beta escalation path',
			'Delta runbook',
			'Gamma review'
		]);
		expect(await list('kind=framework&sort=title')).toEqual([
			'Beta escalation path',
			'Delta runbook'
		]);
		expect(await list(`owner=${other.editor.id}&sort=title`)).toEqual([
			'alpha intake',
			'Delta runbook'
		]);
		expect(await list(`owner=${other.editor.id}&kind=flow`)).toEqual(['alpha intake']);
		expect(await list('edited=7&sort=title')).toHaveLength(4);

		// A document last edited 40 days ago, as only the PostgreSQL engine lets a test set it.
		if (storage.env.DATABASE_URL) {
			const sql = postgres(storage.env.DATABASE_URL, { max: 1, onnotice: () => {} });
			try {
				await sql`update documents set updated_at = now() - interval '40 days' where title = 'Gamma review' and workspace_id = ${workspace}`;
			} finally {
				await sql.end();
			}
			expect(await list('edited=30&sort=title')).toEqual([
				'alpha intake',
				'Beta escalation path',
				'Delta runbook'
			]);
			expect(await list('edited=90&sort=title')).toHaveLength(4);
		}

		for (const bad of ['sort=owner', 'kind=memo', 'owner=nobody', 'edited=14', 'pinned=yes']) {
			const res = await api(
				server.url,
				other.viewer.token,
				'GET',
				`/api/v1/workspaces/${workspace}/documents?${bad}`
			);
			expect(res.status, bad).toBe(400);
		}
	});

	it('saves a framework document as a workspace template and makes new documents from it with its content but none of its comments or versions', async () => {
		const sourceId = await createAs(team.owner, 'Incident review');
		const client = await connectSynced(server.wsUrl, sourceId, team.owner.token);
		const text = new Y.XmlText();
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [text]);
		const item = new Y.XmlElement('taskItem');
		item.setAttribute('id', 'rollback-step');
		item.setAttribute('checked', false as unknown as string);
		const itemParagraph = new Y.XmlElement('paragraph');
		itemParagraph.insert(0, [new Y.XmlText('Agree the rollback owner')]);
		item.insert(0, [itemParagraph]);
		const list = new Y.XmlElement('taskList');
		list.insert(0, [item]);
		client.doc.getXmlFragment('content').insert(0, [paragraph, list]);
		text.insert(0, 'Timeline of the outage, minute by minute.');
		// The server has the text once another member's client receives it.
		const reader = await connectSynced(server.wsUrl, sourceId, team.viewer.token);
		await waitFor(
			() => reader.doc.getXmlFragment('content').toString().includes('minute by minute'),
			'the text to reach the server'
		);
		reader.destroy();
		// A comment and a named version on the source.
		await apiJson(
			server.url,
			team.owner.token,
			'POST',
			`/api/v1/documents/${sourceId}/threads`,
			{
				anchor: anchorTextRange(text, 0, 8),
				quote: 'Timeline',
				body: 'Add the paging times.'
			},
			201
		);
		await apiJson(
			server.url,
			team.owner.token,
			'POST',
			`/api/v1/documents/${sourceId}/versions`,
			{ name: 'First draft' },
			201
		);

		// Viewers may not save; nor may anyone save another workspace's document into this one.
		const body = { documentId: sourceId, name: 'Post-incident (ours)' };
		expect((await api(server.url, team.viewer.token, 'POST', templatesPath(), body)).status).toBe(
			403
		);
		const elsewhere = await signUpTeam(server.url, 'Elsewhere');
		expect(
			(
				await api(
					server.url,
					elsewhere.owner.token,
					'POST',
					`/api/v1/workspaces/${elsewhere.workspaceId}/templates`,
					body
				)
			).status
		).toBe(403);
		expect(
			(
				await api(server.url, team.editor.token, 'POST', templatesPath(), {
					documentId: sourceId,
					name: ' '
				})
			).status
		).toBe(400);

		const saved = await apiJson<ApiTemplate>(
			server.url,
			team.editor.token,
			'POST',
			templatesPath(),
			body,
			201
		);
		expect(saved).toMatchObject({
			kind: 'framework',
			name: 'Post-incident (ours)',
			sourceDocumentId: sourceId,
			createdByName: 'Eddie'
		});

		// Everyone in the workspace sees it; outsiders do not.
		const { templates } = await apiJson<{ templates: ApiTemplate[] }>(
			server.url,
			team.viewer.token,
			'GET',
			templatesPath(),
			undefined,
			200
		);
		expect(templates.map((t) => t.id)).toEqual([saved.id]);
		expect((await api(server.url, team.outsider.token, 'GET', templatesPath())).status).toBe(403);

		// A template of this workspace only, and for its own kind.
		expect(
			(
				await api(
					server.url,
					elsewhere.owner.token,
					'POST',
					`/api/v1/workspaces/${elsewhere.workspaceId}/documents`,
					{ kind: 'framework', title: 'Copy', savedTemplate: saved.id }
				)
			).status
		).toBe(400);
		expect(
			(
				await api(server.url, team.editor.token, 'POST', documentsPath(), {
					kind: 'flow',
					title: 'Copy',
					savedTemplate: saved.id
				})
			).status
		).toBe(400);

		const created = await apiJson<ApiDocument>(
			server.url,
			team.editor.token,
			'POST',
			documentsPath(),
			{ kind: 'framework', title: 'Payments outage review', savedTemplate: saved.id },
			201
		);
		const copy = await connectSynced(server.wsUrl, created.id, team.editor.token);
		const content = copy.doc.getXmlFragment('content');
		expect(content.toString()).toContain('Timeline of the outage, minute by minute.');
		expect(content.toString()).toContain('Agree the rollback owner');
		expect(copy.doc.getMap('meta').get('kind')).toBe('framework');
		// Its checklist item is its own task, under a new key.
		const copiedItem = (content.get(1) as Y.XmlElement).get(0) as Y.XmlElement;
		expect(copiedItem.getAttribute('id')).not.toBe('rollback-step');
		// A fresh document: nothing in it was written by the source's writers.
		const writers = (doc: Y.Doc) => [...Y.decodeStateVector(Y.encodeStateVector(doc)).keys()];
		const sourceWriters = new Set(writers(client.doc));
		expect(writers(copy.doc).filter((id) => sourceWriters.has(id))).toEqual([]);
		copy.destroy();
		client.destroy();

		const threads = await apiJson<{ threads: unknown[] }>(
			server.url,
			team.editor.token,
			'GET',
			`/api/v1/documents/${created.id}/threads`,
			undefined,
			200
		);
		expect(threads.threads).toEqual([]);
		const versions = await apiJson<{ versions: { name: string | null }[] }>(
			server.url,
			team.editor.token,
			'GET',
			`/api/v1/documents/${created.id}/versions`,
			undefined,
			200
		);
		expect(versions.versions.map((v) => v.name)).not.toContain('First draft');

		// Viewers may not delete it; an editor may, and documents made from it stay.
		const path = `${templatesPath()}/${saved.id}`;
		expect((await api(server.url, team.viewer.token, 'DELETE', path)).status).toBe(403);
		expect((await api(server.url, team.editor.token, 'DELETE', path)).status).toBe(204);
		expect((await api(server.url, team.editor.token, 'DELETE', path)).status).toBe(404);
		expect(
			(
				await apiJson<{ templates: ApiTemplate[] }>(
					server.url,
					team.viewer.token,
					'GET',
					templatesPath(),
					undefined,
					200
				)
			).templates
		).toEqual([]);
		expect(
			(await api(server.url, team.viewer.token, 'GET', `/api/v1/documents/${created.id}`)).status
		).toBe(200);
	});
});
