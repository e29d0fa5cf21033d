import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	anchorTextRange,
	reanchorAfterUndo,
	resolveTextAnchor,
	type EncodedAnchor
} from '../../src/lib/model/comments/anchor';
import { api, apiJson, createDocumentIn, signUpTeam, type ApiUser } from '../helpers/api';
import { connectSynced, waitFor, type Client } from '../helpers/clients';
import {
	createStorage,
	engines,
	startServer,
	type TestServer,
	type TestStorage
} from '../helpers/server';

interface Thread {
	id: string;
	anchor: EncodedAnchor;
	quote: string;
	resolved: unknown;
	comments: { id: string; body: string | null; mine: boolean }[];
}

/** Writes one paragraph into a framework document, as the editor stores it. */
function writeParagraph(client: Client, words: string): Y.XmlText {
	const text = new Y.XmlText();
	const paragraph = new Y.XmlElement('paragraph');
	paragraph.insert(0, [text]);
	client.doc.getXmlFragment('content').insert(0, [paragraph]);
	text.insert(0, words);
	return text;
}

function textOf(client: Client): Y.XmlText {
	return (client.doc.getXmlFragment('content').get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

function covered(client: Client, anchor: EncodedAnchor): string | null {
	const at = resolveTextAnchor(client.doc, anchor);
	return at ? at.text.toString().slice(at.from, at.to) : null;
}

describe.each(engines)('comments on %s', (engine) => {
	let storage: TestStorage;
	let server: TestServer;
	let owner: ApiUser;
	let editor: ApiUser;
	let viewer: ApiUser;
	let outsider: ApiUser;
	let workspaceId: string;

	beforeAll(async () => {
		storage = await createStorage(engine);
		server = await startServer(storage);
		({ owner, editor, viewer, outsider, workspaceId } = await signUpTeam(server.url, 'Ops'));
	});

	afterAll(async () => {
		await server?.stop();
		await storage?.drop();
	});

	const threadsPath = (documentId: string) => `/api/v1/documents/${documentId}/threads`;

	async function threadsOf(documentId: string, user: ApiUser = owner): Promise<Thread[]> {
		const list = await apiJson<{ threads: Thread[] }>(
			server.url,
			user.token,
			'GET',
			threadsPath(documentId),
			undefined,
			200
		);
		return list.threads;
	}

	async function startThread(documentId: string, anchor: EncodedAnchor, quote: string) {
		return apiJson<{ id: string }>(
			server.url,
			owner.token,
			'POST',
			threadsPath(documentId),
			{ anchor, quote, body: 'Which backup, @Eddie?' },
			201
		);
	}

	it('keeps an anchor on the same words while another client types before them, and after an undo', async () => {
		const documentId = await createDocumentIn(server.url, owner, workspaceId, 'Runbook');
		const a = await connectSynced(server.wsUrl, documentId, owner.token);
		const b = await connectSynced(server.wsUrl, documentId, editor.token);
		const text = writeParagraph(a, 'Check the nightly backup before the release.');
		await waitFor(() => b.doc.getXmlFragment('content').length === 1, 'b to get the paragraph');
		const from = text.toString().indexOf('nightly backup');
		const { id } = await startThread(
			documentId,
			anchorTextRange(text, from, from + 'nightly backup'.length),
			'nightly backup'
		);

		// Another person types before the words, and inside the paragraph after them.
		textOf(b).insert(0, 'Every Friday: ');
		textOf(b).insert(textOf(b).length - 1, ' of billing');
		await waitFor(() => text.toString().includes('Every Friday'), 'a to get b’s typing');
		const [thread] = await threadsOf(documentId);
		expect(covered(a, thread.anchor)).toBe('nightly backup');
		expect(covered(b, thread.anchor)).toBe('nightly backup');

		// b deletes the sentence around the words, then undoes.
		const undo = new Y.UndoManager(textOf(b));
		textOf(b).delete(0, textOf(b).length);
		await waitFor(() => text.length === 0, 'a to see the deletion');
		expect(covered(a, thread.anchor)).toBeNull();
		undo.undo();
		const remade = reanchorAfterUndo(b.doc, thread.anchor);
		expect(remade).not.toBeNull();
		await api(server.url, editor.token, 'PATCH', `${threadsPath(documentId)}/${id}`, {
			anchor: remade
		}).then((res) => expect(res.status).toBe(204));
		await waitFor(() => text.length > 0, 'a to see the undo');
		const [after] = await threadsOf(documentId);
		expect(covered(a, after.anchor)).toBe('nightly backup');
		// A client that opens the document later finds the words too.
		const c = await connectSynced(server.wsUrl, documentId, viewer.token);
		expect(covered(c, after.anchor)).toBe('nightly backup');
		a.destroy();
		b.destroy();
		c.destroy();
	});

	it('keeps the thread with its quote when its text is deleted, and never puts comments in the Yjs state', async () => {
		const documentId = await createDocumentIn(server.url, owner, workspaceId, 'Escalation');
		const a = await connectSynced(server.wsUrl, documentId, owner.token);
		const text = writeParagraph(a, 'Page the on-call lead within ten minutes.');
		const from = text.toString().indexOf('on-call lead');
		const { id } = await startThread(
			documentId,
			anchorTextRange(text, from, from + 'on-call lead'.length),
			'on-call lead'
		);
		const reply = await api(
			server.url,
			editor.token,
			'POST',
			`${threadsPath(documentId)}/${id}/comments`,
			{
				body: 'The duty manager, since November.'
			}
		);
		expect(reply.status).toBe(201);

		text.delete(0, text.length);
		const fresh = await connectSynced(server.wsUrl, documentId, editor.token);
		expect(textOf(fresh).length).toBe(0);
		const [thread] = await threadsOf(documentId, editor);
		expect(thread.id).toBe(id);
		expect(thread.quote).toBe('on-call lead');
		expect(thread.comments.map((c) => c.body)).toEqual([
			'Which backup, @Eddie?',
			'The duty manager, since November.'
		]);
		expect(covered(fresh, thread.anchor)).toBeNull();

		// Nothing of the discussion is in what a client receives.
		const state = new TextDecoder('utf-8', { fatal: false }).decode(
			Y.encodeStateAsUpdate(fresh.doc)
		);
		for (const words of ['Which backup', 'duty manager', id]) expect(state).not.toContain(words);
		expect([...fresh.doc.share.keys()].some((k) => /comment|thread/i.test(k))).toBe(false);
		a.destroy();
		fresh.destroy();
	});

	it('lets viewers comment unless the workspace says no, and only authors edit their comments', async () => {
		const documentId = await createDocumentIn(server.url, owner, workspaceId, 'Viewers');
		const a = await connectSynced(server.wsUrl, documentId, owner.token);
		const text = writeParagraph(a, 'Close the ticket after the customer confirms.');
		const { id } = await startThread(documentId, anchorTextRange(text, 0, 5), 'Close');
		const path = `${threadsPath(documentId)}/${id}`;

		const byViewer = await api(server.url, viewer.token, 'POST', `${path}/comments`, {
			body: 'Agreed.'
		});
		expect(byViewer.status).toBe(201);
		expect((await api(server.url, viewer.token, 'PATCH', path, { resolved: true })).status).toBe(
			204
		);
		expect((await threadsOf(documentId))[0].resolved).not.toBeNull();

		const [first] = (await threadsOf(documentId, editor))[0].comments;
		const notMine = await api(server.url, editor.token, 'PATCH', `${path}/comments/${first.id}`, {
			body: 'Changed.'
		});
		expect(notMine.status).toBe(403);

		await apiJson(
			server.url,
			owner.token,
			'PATCH',
			`/api/v1/workspaces/${workspaceId}/comment-settings`,
			{
				viewersCanComment: false
			},
			200
		);
		const refused = await fetch(`${server.url}${path}/comments`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${viewer.token}`,
				'content-type': 'application/json',
				'accept-language': 'zh-CN'
			},
			body: JSON.stringify({ body: 'Again.' })
		});
		expect(refused.status).toBe(403);
		const error = ((await refused.json()) as { error: { code: string; message: string } }).error;
		expect(error.code).toBe('forbidden');
		expect(error.message).toMatch(/[\u4e00-\u9fff]/);
		expect((await api(server.url, outsider.token, 'GET', threadsPath(documentId))).status).toBe(
			403
		);
		const bad = await api(server.url, owner.token, 'POST', threadsPath(documentId), {
			anchor: { start: 'nope', end: 'nope' },
			quote: 'x',
			body: 'y'
		});
		expect(bad.status).toBe(400);
		await apiJson(
			server.url,
			owner.token,
			'PATCH',
			`/api/v1/workspaces/${workspaceId}/comment-settings`,
			{
				viewersCanComment: true
			},
			200
		);
		a.destroy();
	});

	it('tells a member they were @mentioned in a comment', async () => {
		const documentId = await createDocumentIn(server.url, owner, workspaceId, 'Mentions');
		const a = await connectSynced(server.wsUrl, documentId, owner.token);
		const text = writeParagraph(a, 'Rotate the keys quarterly.');
		const { id } = await startThread(documentId, anchorTextRange(text, 0, 6), 'Rotate');
		const list = await apiJson<{ notifications: { kind: string; url: string; text: string }[] }>(
			server.url,
			editor.token,
			'GET',
			'/api/v1/notifications'
		);
		const mention = list.notifications.find((n) => n.url.endsWith(`#comment-${id}`));
		expect(mention?.kind).toBe('comment_mention');
		expect(mention?.text).toContain('Olivia');
		a.destroy();
	});
});
