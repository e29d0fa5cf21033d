import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { api, apiJson, browserLogIn, createDocumentIn, signUpTeam } from '../helpers/api';
import { connectSynced, waitFor } from '../helpers/clients';
import {
	createStorage,
	engines,
	startServer,
	type TestServer,
	type TestStorage
} from '../helpers/server';
import { encodeSyncStep1, encodeUpdate, readMessage } from '../../server/sync/protocol';

/** A socket speaking the sync protocol by hand, so a test can keep sending after the server stopped listening. */
interface RawClient {
	ws: WebSocket;
	doc: Y.Doc;
	closed: Promise<{ code: number; at: number }>;
	/** Writes `text` into the shared "notes" text and sends the update, as an editor would. */
	write(text: string): void;
}

async function openRaw(url: string, headers: Record<string, string> = {}): Promise<RawClient> {
	const ws = new WebSocket(url, { headers });
	const doc = new Y.Doc();
	const closed = new Promise<{ code: number; at: number }>((resolve) =>
		ws.once('close', (code) => resolve({ code, at: Date.now() }))
	);
	await new Promise<void>((resolve, reject) => {
		ws.once('open', () => resolve());
		ws.once('error', reject);
	});
	let synced = false;
	ws.on('message', (data) => {
		const message = readMessage(new Uint8Array(data as Buffer));
		if (message.type === 'sync-step-2' || message.type === 'update') {
			Y.applyUpdate(doc, message.update, 'server');
			synced = true;
		}
	});
	ws.send(encodeSyncStep1(doc));
	await waitFor(() => synced, 'raw client to sync');
	return {
		ws,
		doc,
		closed,
		write(text) {
			const before = Y.encodeStateVector(doc);
			doc.getText('notes').insert(0, text);
			if (ws.readyState === ws.OPEN) ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc, before)));
		}
	};
}

/** What a fresh reader finds in the stored document's notes. */
async function storedNotes(server: TestServer, documentId: string, token: string): Promise<string> {
	const reader = await connectSynced(server.wsUrl, documentId, token);
	try {
		return reader.doc.getText('notes').toString();
	} finally {
		reader.destroy();
	}
}

describe.each(engines)('losing access on open connections (%s)', (engine) => {
	let storage: TestStorage;
	let server: TestServer;
	let team: Awaited<ReturnType<typeof signUpTeam>>;
	let documentId: string;

	beforeAll(async () => {
		storage = await createStorage(engine);
		server = await startServer(storage);
		team = await signUpTeam(server.url, 'Ops');
		documentId = await createDocumentIn(server.url, team.owner, team.workspaceId, 'Hand-over');
	});

	afterAll(async () => {
		await server?.stop();
		await storage?.drop();
	});

	it('closes a socket within a second of its API token being revoked, and stores nothing it sends after', async () => {
		const { token, id } = await apiJson<{ token: string; id: string }>(
			server.url,
			team.editor.token,
			'POST',
			'/api/v1/tokens',
			{ name: 'script' },
			201
		);
		const raw = await openRaw(`${server.wsUrl}/sync/${documentId}?token=${token}`);
		raw.write('before ');
		await expect
			.poll(() => storedNotes(server, documentId, team.owner.token), { timeout: 5_000 })
			.toContain('before');

		const revokedAt = Date.now();
		expect(
			(await api(server.url, team.editor.token, 'DELETE', `/api/v1/tokens/${id}`)).status
		).toBe(204);
		raw.write('after revocation ');
		const { code, at } = await raw.closed;
		expect(code).toBe(4401);
		expect(at - revokedAt).toBeLessThan(1_000);
		expect(await storedNotes(server, documentId, team.owner.token)).not.toContain(
			'after revocation'
		);
	});

	it('closes the sockets of a browser session when it logs out', async () => {
		const cookie = await browserLogIn(server.url, team.editor.email);
		const raw = await openRaw(`${server.wsUrl}/sync/${documentId}`, { cookie, origin: server.url });
		const loggedOutAt = Date.now();
		const res = await fetch(`${server.url}/logout`, {
			method: 'POST',
			headers: {
				cookie,
				origin: server.url,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: '',
			redirect: 'manual'
		});
		expect(res.status).toBe(303);
		raw.write('after log-out ');
		const { code, at } = await raw.closed;
		expect(code).toBe(4401);
		expect(at - loggedOutAt).toBeLessThan(1_000);
		expect(await storedNotes(server, documentId, team.owner.token)).not.toContain('after log-out');
	});

	it('closes editors of a document that is archived; they come back read-only', async () => {
		const archived = await createDocumentIn(server.url, team.owner, team.workspaceId, 'Old plan');
		const raw = await openRaw(`${server.wsUrl}/sync/${archived}?token=${team.editor.token}`);
		const archivedAt = Date.now();
		const patch = await api(
			server.url,
			team.owner.token,
			'PATCH',
			`/api/v1/documents/${archived}`,
			{
				archived: true
			}
		);
		expect(patch.status).toBe(200);
		raw.write('after archiving ');
		const { code, at } = await raw.closed;
		expect(code).toBe(4403);
		expect(at - archivedAt).toBeLessThan(1_000);

		const again = await openRaw(`${server.wsUrl}/sync/${archived}?token=${team.editor.token}`);
		again.write('on the archived document ');
		await new Promise((r) => setTimeout(r, 300));
		again.ws.close();
		expect(await storedNotes(server, archived, team.owner.token)).toBe('');
	});

	it('ends the task event stream of a member who is removed', async () => {
		const res = await fetch(`${server.url}/api/v1/workspaces/${team.workspaceId}/tasks/events`, {
			headers: { authorization: `Bearer ${team.viewer.token}` }
		});
		expect(res.status).toBe(200);
		const reader = res.body!.getReader();
		await reader.read(); // "connected"
		const ended = (async () => {
			for (;;) {
				const { done } = await reader.read();
				if (done) return Date.now();
			}
		})();
		const removedAt = Date.now();
		const removed = await api(
			server.url,
			team.owner.token,
			'DELETE',
			`/api/v1/workspaces/${team.workspaceId}/members/${team.viewer.id}`
		);
		expect(removed.status).toBe(204);
		expect((await ended) - removedAt).toBeLessThan(1_000);
	});

	it('caps the event streams one person can hold open', async () => {
		const controllers: AbortController[] = [];
		const open = async () => {
			const controller = new AbortController();
			controllers.push(controller);
			return fetch(`${server.url}/api/v1/workspaces/${team.workspaceId}/tasks/events`, {
				headers: { authorization: `Bearer ${team.owner.token}` },
				signal: controller.signal
			});
		};
		// The responses stay referenced: fetch cancels the body of a Response
		// that is garbage collected, which would close its stream early.
		const responses: Response[] = [];
		try {
			for (let i = 0; i < 25; i++) responses.push(await open());
			const statuses = responses.map((r) => r.status);
			expect(statuses.slice(0, 24).every((s) => s === 200)).toBe(true);
			expect(statuses[24]).toBe(429);
		} finally {
			for (const c of controllers) c.abort();
		}
		// Closed streams free their place again.
		await expect
			.poll(async () => {
				const res = await open();
				controllers.at(-1)!.abort();
				return res.status;
			})
			.toBe(200);
	});
});
