import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import * as Y from 'yjs';
import { api, apiJson, createDocumentIn, signUpTeam, signUpUser, type Team } from '../helpers/api';
import { connectSynced, waitFor, type Client } from '../helpers/clients';
import {
	createStorage,
	engines,
	startServer,
	type TestServer,
	type TestStorage
} from '../helpers/server';

interface ApiVersion {
	id: string;
	reason: 'auto' | 'named' | 'before_restore' | 'restored';
	name: string | null;
	createdAt: string;
	createdBy: { id: string; name: string } | null;
	restoredFrom: string | null;
	contributors: { id: string; name: string }[];
}

function paragraph(text: string): Y.XmlElement {
	const p = new Y.XmlElement('paragraph');
	p.insert(0, [new Y.XmlText(text)]);
	return p;
}

/** An open Server-Sent Events response, read frame by frame. */
interface OpenStream {
	status: number;
	/** Resolves with what arrived up to and including `wanted`; rejects after `ms` without it. */
	until(wanted: string, ms?: number): Promise<string>;
	/** Resolves true once the server ends the stream, false if it is still open after `ms`. */
	ended(ms?: number): Promise<boolean>;
	close(): Promise<void>;
}

async function openStream(url: string, token: string): Promise<OpenStream> {
	const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
	const reader = res.body!.getReader();
	const decoder = new TextDecoder();
	let buffered = '';
	const readFor = (ms: number) =>
		Promise.race([
			reader.read(),
			new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))
		]);
	return {
		status: res.status,
		async until(wanted, ms = 10_000) {
			const deadline = Date.now() + ms;
			while (!buffered.includes(wanted)) {
				const chunk = await readFor(deadline - Date.now());
				if (chunk === null || chunk.done) {
					throw new Error(`the stream never said ${JSON.stringify(wanted)}: ${buffered}`);
				}
				buffered += decoder.decode(chunk.value, { stream: true });
			}
			const at = buffered.indexOf(wanted) + wanted.length;
			const seen = buffered.slice(0, at);
			buffered = buffered.slice(at);
			return seen;
		},
		async ended(ms = 5_000) {
			const deadline = Date.now() + ms;
			for (;;) {
				const chunk = await readFor(deadline - Date.now());
				if (chunk === null) return false;
				if (chunk.done) return true;
			}
		},
		close: () => reader.cancel()
	};
}

const content = (client: Client) => client.doc.getXmlFragment('content');
const texts = (client: Client) =>
	content(client)
		.toArray()
		.map((p) => ((p as Y.XmlElement).get(0) as Y.XmlText).toString());

describe.each(engines)('version history on %s', (engine) => {
	let storage: TestStorage;
	let server: TestServer;
	let team: Team;

	beforeAll(async () => {
		storage = await createStorage(engine);
		// Automatic versions every 2 s of activity, so the test sees one without waiting minutes.
		server = await startServer(storage, { AUTO_VERSION_MS: '2000' });
		team = await signUpTeam(server.url, 'Ops');
	});

	afterAll(async () => {
		await server?.stop();
		await storage?.drop();
	});

	const versionsPath = (documentId: string) => `/api/v1/documents/${documentId}/versions`;
	const list = async (documentId: string, token = team.viewer.token) =>
		(
			await apiJson<{ versions: ApiVersion[] }>(
				server.url,
				token,
				'GET',
				versionsPath(documentId),
				undefined,
				200
			)
		).versions;

	async function headSeq(documentId: string): Promise<number | null> {
		if (!storage.env.DATABASE_URL) return null;
		const sql = postgres(storage.env.DATABASE_URL, { max: 1, onnotice: () => {} });
		try {
			const [row] = await sql`select head_seq from documents where id = ${documentId}`;
			return Number(row.head_seq);
		} finally {
			await sql.end();
		}
	}

	it('restoring an older version while two stock clients are connected brings both to its text as one new change', async () => {
		const documentId = await createDocumentIn(server.url, team.owner, team.workspaceId, 'Plan');
		const a = await connectSynced(server.wsUrl, documentId, team.editor.token);
		const b = await connectSynced(server.wsUrl, documentId, team.owner.token);
		a.doc.transact(() => {
			content(a).insert(0, [
				paragraph('Answer within four hours'),
				paragraph('Call back the next day')
			]);
		});
		await waitFor(() => texts(b).length === 2, 'b to receive the first text');

		const named = await apiJson<ApiVersion>(
			server.url,
			team.editor.token,
			'POST',
			versionsPath(documentId),
			{ name: 'v1.2 approved at the November review' },
			201
		);
		expect(named).toMatchObject({ reason: 'named', name: 'v1.2 approved at the November review' });

		// A comment-like anchor on "Call" in text the restore does not need to touch.
		const secondText = (content(b).get(1) as Y.XmlElement).get(0) as Y.XmlText;
		const anchor = Y.createRelativePositionFromTypeIndex(secondText, 0);

		b.doc.transact(() => {
			((content(b).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(14, 'two or ');
			content(b).insert(2, [paragraph('Send a survey')]);
		});
		await waitFor(() => texts(a).length === 3, 'a to receive the edit');
		const afterEdit = await (async () => {
			const deadline = Date.now() + 10_000;
			for (;;) {
				const found = await list(documentId);
				if (found.some((v) => v.reason === 'auto')) return found;
				if (Date.now() > deadline) throw new Error('no automatic version was saved');
				await new Promise((r) => setTimeout(r, 200));
			}
		})();
		expect(afterEdit[afterEdit.length - 1].id).toBe(named.id);
		// Who took part: the authors of the updates in each version's span.
		expect(afterEdit[0].contributors.map((c) => c.name)).toEqual(['Olivia']);
		expect(afterEdit[afterEdit.length - 1].contributors.map((c) => c.name)).toEqual(['Eddie']);

		const headBefore = await headSeq(documentId);
		let updatesA = 0;
		let updatesB = 0;
		a.doc.on('update', (_u: Uint8Array, origin: unknown) => origin === a.provider && updatesA++);
		b.doc.on('update', (_u: Uint8Array, origin: unknown) => origin === b.provider && updatesB++);

		const viewerTry = await api(
			server.url,
			team.viewer.token,
			'POST',
			`${versionsPath(documentId)}/${named.id}/restore`
		);
		expect(viewerTry.status).toBe(403);
		const restored = await apiJson<ApiVersion>(
			server.url,
			team.editor.token,
			'POST',
			`${versionsPath(documentId)}/${named.id}/restore`,
			undefined,
			200
		);
		expect(restored).toMatchObject({
			reason: 'restored',
			restoredFrom: named.id,
			createdBy: { id: team.editor.id }
		});

		const wanted = ['Answer within four hours', 'Call back the next day'];
		await waitFor(
			() => JSON.stringify(texts(a)) === JSON.stringify(wanted),
			'a to follow the restore'
		);
		await waitFor(
			() => JSON.stringify(texts(b)) === JSON.stringify(wanted),
			'b to follow the restore'
		);
		expect(updatesA).toBe(1);
		expect(updatesB).toBe(1);
		if (headBefore !== null) expect(await headSeq(documentId)).toBe(headBefore + 1);

		// The unchanged paragraph is the same Yjs text: an anchor in it still resolves there.
		const resolved = Y.createAbsolutePositionFromRelativePosition(anchor, b.doc)!;
		expect(resolved.type).toBe((content(b).get(1) as Y.XmlElement).get(0));
		expect(resolved.index).toBe(0);

		const after = await list(documentId);
		expect(after[0].reason).toBe('restored');
		// The content from just before: the automatic version already held it, so no second copy.
		expect(after[1]).toMatchObject({ id: afterEdit[0].id, reason: 'auto' });
		expect(after.map((v) => v.id)).toEqual(expect.arrayContaining(afterEdit.map((v) => v.id)));

		// Undo: restoring the state from just before brings the edit back.
		await apiJson(
			server.url,
			team.editor.token,
			'POST',
			`${versionsPath(documentId)}/${after[1].id}/restore`,
			undefined,
			200
		);
		await waitFor(
			() => texts(a).length === 3 && texts(a)[0] === 'Answer within two or four hours',
			'the undo'
		);

		// Any version can be read back: its state builds the document as it was.
		const version = await apiJson<ApiVersion & { state: string }>(
			server.url,
			team.viewer.token,
			'GET',
			`${versionsPath(documentId)}/${named.id}`,
			undefined,
			200
		);
		const old = new Y.Doc();
		Y.applyUpdate(old, Buffer.from(version.state, 'base64'));
		expect(old.getXmlFragment('content').length).toBe(2);
		a.destroy();
		b.destroy();
	});

	it('tells everyone with the history open of a version another person saves or restores, and no one who may not read the document', async () => {
		const documentId = await createDocumentIn(server.url, team.owner, team.workspaceId, 'Runbook');
		const eventsUrl = `${server.url}${versionsPath(documentId)}/events`;
		const viewer = await openStream(eventsUrl, team.viewer.token);
		expect(viewer.status).toBe(200);
		await viewer.until(': connected');

		const named = await apiJson<ApiVersion>(
			server.url,
			team.editor.token,
			'POST',
			versionsPath(documentId),
			{ name: 'Before the audit' },
			201
		);
		await viewer.until('event: versions');
		expect((await list(documentId))[0]).toMatchObject({ id: named.id, name: 'Before the audit' });

		// A restore saves what it brings back as a version of its own: the panel hears of it too.
		await apiJson(
			server.url,
			team.editor.token,
			'POST',
			`${versionsPath(documentId)}/${named.id}/restore`,
			undefined,
			200
		);
		await viewer.until('event: versions');
		expect((await list(documentId))[0].reason).toBe('restored');

		// Another document's versions say nothing on this stream.
		const other = await createDocumentIn(server.url, team.owner, team.workspaceId, 'Elsewhere');
		await apiJson(
			server.url,
			team.editor.token,
			'POST',
			versionsPath(other),
			{ name: 'Elsewhere v1' },
			201
		);
		await expect(viewer.until('event: versions', 800)).rejects.toThrow('never said');
		await viewer.close();

		const outsider = await api(
			server.url,
			team.outsider.token,
			'GET',
			`${versionsPath(documentId)}/events`
		);
		expect(outsider.status).toBe(403);
		const unknown = await api(
			server.url,
			team.viewer.token,
			'GET',
			`${versionsPath('a'.repeat(20))}/events`
		);
		expect(unknown.status).toBe(404);
	});

	it('tells an open history of the versions the autosave makes', async () => {
		const documentId = await createDocumentIn(server.url, team.owner, team.workspaceId, 'Shifts');
		const stream = await openStream(
			`${server.url}${versionsPath(documentId)}/events`,
			team.viewer.token
		);
		await stream.until(': connected');
		const writer = await connectSynced(server.wsUrl, documentId, team.editor.token);
		content(writer).insert(0, [paragraph('Hand over at seven')]);
		// AUTO_VERSION_MS is 2 s here: the autosave's version is announced like any other.
		await stream.until('event: versions');
		expect((await list(documentId))[0].reason).toBe('auto');
		writer.destroy();
		await stream.close();
	});

	it('ends the version stream of a member who is removed from the workspace', async () => {
		const documentId = await createDocumentIn(server.url, team.owner, team.workspaceId, 'Rota');
		const temp = await signUpUser(server.url, 'Tina');
		await apiJson(
			server.url,
			team.owner.token,
			'POST',
			`/api/v1/workspaces/${team.workspaceId}/members`,
			{ email: temp.email, role: 'viewer' },
			201
		);
		const stream = await openStream(`${server.url}${versionsPath(documentId)}/events`, temp.token);
		expect(stream.status).toBe(200);
		await stream.until(': connected');
		const removed = await api(
			server.url,
			team.owner.token,
			'DELETE',
			`/api/v1/workspaces/${team.workspaceId}/members/${temp.id}`
		);
		expect(removed.status).toBe(204);
		expect(await stream.ended()).toBe(true);
	});

	it('checks access and input like the other document routes, in the reader’s language', async () => {
		const documentId = await createDocumentIn(server.url, team.owner, team.workspaceId, 'Plan');
		const outsider = await api(server.url, team.outsider.token, 'GET', versionsPath(documentId));
		expect(outsider.status).toBe(403);
		const viewerNames = await api(server.url, team.viewer.token, 'POST', versionsPath(documentId), {
			name: 'x'
		});
		expect(viewerNames.status).toBe(403);
		const blank = await fetch(`${server.url}${versionsPath(documentId)}`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${team.editor.token}`,
				'content-type': 'application/json',
				'accept-language': 'zh-CN'
			},
			body: JSON.stringify({ name: '  ' })
		});
		expect(blank.status).toBe(400);
		expect(((await blank.json()) as { error: { message: string } }).error.message).toContain(
			'版本名称'
		);
		const missing = await api(
			server.url,
			team.viewer.token,
			'GET',
			`${versionsPath(documentId)}/${'a'.repeat(20)}`
		);
		expect(missing.status).toBe(404);
		const flow = await createDocumentIn(server.url, team.owner, team.workspaceId, 'Flow', 'flow');
		expect((await api(server.url, team.viewer.token, 'GET', versionsPath(flow))).status).toBe(400);
	});
});
