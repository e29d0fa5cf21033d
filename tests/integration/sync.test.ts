import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { api, createDocumentIn, signUpTeam, type ApiUser } from '../helpers/api';
import { closeCode, connectClient, connectSynced, tryUpgrade, waitFor } from '../helpers/clients';
import {
	createStorage,
	engines,
	startServer,
	type TestServer,
	type TestStorage
} from '../helpers/server';

describe.each(engines)('sync server on %s', (engine) => {
	let storage: TestStorage;
	let server: TestServer;
	let owner: ApiUser;
	let editor: ApiUser;
	let viewer: ApiUser;
	let outsider: ApiUser;
	let workspaceId: string;

	function newDocument(title = 'Service framework'): Promise<string> {
		return createDocumentIn(server.url, owner, workspaceId, title);
	}

	beforeAll(async () => {
		storage = await createStorage(engine);
		// A small message limit makes the oversized-frame test cheap.
		server = await startServer(storage, { SYNC_MAX_MESSAGE_BYTES: String(256 * 1024) });
		({ owner, editor, viewer, outsider, workspaceId } = await signUpTeam(server.url, 'Ops'));
	});

	afterAll(async () => {
		await server?.stop();
		await storage?.drop();
	});

	it('two stock clients converge', async () => {
		const documentId = await newDocument();
		const a = await connectSynced(server.wsUrl, documentId, owner.token);
		const b = await connectSynced(server.wsUrl, documentId, editor.token);
		a.text.insert(0, 'Hello from A. ');
		b.text.insert(0, 'Hello from B. ');
		await waitFor(
			() => a.text.toString() === b.text.toString() && a.text.length > 20,
			'convergence'
		);
		expect(a.text.toString()).toContain('Hello from A.');
		expect(a.text.toString()).toContain('Hello from B.');
		a.destroy();
		b.destroy();
	});

	it('a client after a restart gets the same content', async () => {
		const documentId = await newDocument();
		const a = await connectSynced(server.wsUrl, documentId, owner.token);
		for (let i = 0; i < 50; i++) a.text.insert(a.text.length, `line ${i}\n`);
		const expected = a.text.toString();
		const b = await connectSynced(server.wsUrl, documentId, editor.token);
		await waitFor(() => b.text.toString() === expected, 'second client to catch up');
		a.destroy();
		b.destroy();
		await server.stop();
		await server.restart();
		const c = await connectSynced(server.wsUrl, documentId, viewer.token);
		expect(c.text.toString()).toBe(expected);
		c.destroy();
	});

	it('whatever a client received survives kill -9 of the server', async () => {
		const documentId = await newDocument();
		const writer = await connectSynced(server.wsUrl, documentId, owner.token);
		const reader = await connectSynced(server.wsUrl, documentId, editor.token);
		for (let i = 0; i < 20; i++) writer.text.insert(writer.text.length, `step ${i};`);
		// The moment the reader has everything, the server dies without any chance to flush.
		await waitFor(
			() => reader.text.toString().endsWith('step 19;'),
			'reader to receive all steps',
			10_000
		);
		const seen = reader.text.toString();
		await server.kill();
		writer.destroy();
		reader.destroy();
		await server.restart();
		const fresh = await connectSynced(server.wsUrl, documentId, owner.token);
		expect(fresh.text.toString()).toBe(seen);
		fresh.destroy();
	});

	it('refuses upgrades without credentials, from non-members, for unknown documents and from foreign origins', async () => {
		const documentId = await newDocument();
		expect((await tryUpgrade(`${server.wsUrl}/sync/${documentId}`)).status).toBe(401);
		expect(
			(await tryUpgrade(`${server.wsUrl}/sync/${documentId}?token=olt_bogus.bogus`)).status
		).toBe(401);
		expect(
			(await tryUpgrade(`${server.wsUrl}/sync/${documentId}?token=${outsider.token}`)).status
		).toBe(403);
		expect(
			(await tryUpgrade(`${server.wsUrl}/sync/aaaaaaaaaaaaaaaaaaaa?token=${owner.token}`)).status
		).toBe(404);
		expect((await tryUpgrade(`${server.wsUrl}/sync/not-an-id?token=${owner.token}`)).status).toBe(
			404
		);

		// A browser session: log in through the page's form.
		const login = await fetch(`${server.url}/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
			body: new URLSearchParams({ email: owner.email, password: 'correct horse battery' }),
			redirect: 'manual'
		});
		const cookie = login.headers.get('set-cookie')!.split(';')[0];
		expect(cookie).toMatch(/^opsloom_session=/);
		const foreign = await tryUpgrade(`${server.wsUrl}/sync/${documentId}`, {
			cookie,
			origin: 'https://evil.example'
		});
		expect(foreign.status).toBe(403);
		const own = await tryUpgrade(`${server.wsUrl}/sync/${documentId}`, {
			cookie,
			origin: server.url
		});
		expect(own.status).toBe(101);
		own.socket!.close();
	});

	it("ignores a viewer's edits: not relayed, not stored", async () => {
		const documentId = await newDocument();
		const a = await connectSynced(server.wsUrl, documentId, owner.token);
		const v = await connectSynced(server.wsUrl, documentId, viewer.token);
		a.text.insert(0, 'owner text');
		await waitFor(() => v.text.toString() === 'owner text', 'viewer to see owner text');
		v.text.insert(0, 'VIEWER ');
		a.text.insert(a.text.length, '!');
		await waitFor(() => v.text.toString().endsWith('!'), 'viewer to see later owner edit');
		// Give a viewer edit every chance to arrive before checking it did not.
		const probe = await connectSynced(server.wsUrl, documentId, editor.token);
		expect(a.text.toString()).toBe('owner text!');
		expect(probe.text.toString()).toBe('owner text!');
		a.destroy();
		v.destroy();
		probe.destroy();
		await server.stop();
		await server.restart();
		const after = await connectSynced(server.wsUrl, documentId, owner.token);
		expect(after.text.toString()).toBe('owner text!');
		after.destroy();
	});

	it('random bytes and oversized frames close only the offending socket and change nothing', async () => {
		const documentId = await newDocument();
		const a = await connectSynced(server.wsUrl, documentId, owner.token);
		const b = await connectSynced(server.wsUrl, documentId, editor.token);
		a.text.insert(0, 'before');
		await waitFor(() => b.text.toString() === 'before', 'b to see a');

		for (let i = 0; i < 20; i++) {
			const { socket } = await tryUpgrade(
				`${server.wsUrl}/sync/${documentId}?token=${editor.token}`
			);
			const closed = closeCode(socket!);
			socket!.send(randomBytes(1 + ((i * 37) % 300)));
			expect([1007, 1002]).toContain(await closed);
		}

		// A syntactically valid sync message whose update is garbage.
		const { socket: bad } = await tryUpgrade(
			`${server.wsUrl}/sync/${documentId}?token=${editor.token}`
		);
		const badClosed = closeCode(bad!);
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, 0);
		encoding.writeVarUint(encoder, 2);
		// Deterministic garbage, so a failure can be replayed.
		encoding.writeVarUint8Array(
			encoder,
			Uint8Array.from({ length: 64 }, (_, i) => (i * 73 + 41) % 256)
		);
		bad!.send(encoding.toUint8Array(encoder));
		expect(await badClosed).toBe(1007);

		const { socket: big } = await tryUpgrade(
			`${server.wsUrl}/sync/${documentId}?token=${editor.token}`
		);
		const bigClosed = closeCode(big!);
		const hugeDoc = new Y.Doc();
		hugeDoc.getText('notes').insert(0, 'x'.repeat(512 * 1024));
		const hugeEncoder = encoding.createEncoder();
		encoding.writeVarUint(hugeEncoder, 0);
		encoding.writeVarUint(hugeEncoder, 2);
		encoding.writeVarUint8Array(hugeEncoder, Y.encodeStateAsUpdate(hugeDoc));
		big!.send(encoding.toUint8Array(hugeEncoder));
		expect(await bigClosed).toBe(1009);

		a.text.insert(a.text.length, ' and after');
		await waitFor(() => b.text.toString() === 'before and after', 'b to keep receiving');
		expect(a.text.toString()).toBe('before and after');
		const fresh = await connectSynced(server.wsUrl, documentId, owner.token);
		expect(fresh.text.toString()).toBe('before and after');
		fresh.destroy();
		a.destroy();
		b.destroy();
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
	});

	it('tells acks=1 clients when their writes are durable, update after update', async () => {
		const documentId = await newDocument();
		const { socket } = await tryUpgrade(
			`${server.wsUrl}/sync/${documentId}?token=${owner.token}&acks=1`
		);
		const acks: Map<number, number>[] = [];
		socket!.on('message', (data: Buffer) => {
			const decoder = decoding.createDecoder(new Uint8Array(data));
			if (decoding.readVarUint(decoder) === 100) {
				acks.push(Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
			}
		});
		const doc = new Y.Doc();
		doc.on('update', (update: Uint8Array) => {
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, 0);
			encoding.writeVarUint(encoder, 2);
			encoding.writeVarUint8Array(encoder, update);
			socket!.send(encoding.toUint8Array(encoder));
		});
		const text = doc.getText('notes');
		// Each insert is its own update; only the first starts at clock 0.
		for (const word of ['saved', ' and', ' saved', ' again']) {
			text.insert(text.length, word);
			const clock = Y.getState(doc.store, doc.clientID);
			await waitFor(
				() => acks.some((sv) => sv.get(doc.clientID) === clock),
				`ack of clock ${clock}`
			);
		}
		socket!.close();
	});

	it('loads a document once for many simultaneous clients and never answers with an empty document', async () => {
		const documentId = await newDocument();
		const a = await connectSynced(server.wsUrl, documentId, owner.token);
		for (let i = 0; i < 200; i++) a.text.insert(a.text.length, `${i},`);
		const expected = a.text.toString();
		const b = await connectSynced(server.wsUrl, documentId, editor.token);
		await waitFor(() => b.text.toString() === expected, 'b to catch up');
		a.destroy();
		b.destroy();
		await server.stop();
		await server.restart();
		const clients = Array.from({ length: 12 }, () =>
			connectClient(server.wsUrl, documentId, owner.token)
		);
		// The first sync each client completes must already hold the content.
		const firstSynced = clients.map(
			(c) =>
				new Promise<string>((resolve) => c.provider.once('sync', () => resolve(c.text.toString())))
		);
		for (const text of await Promise.all(firstSynced)) expect(text).toBe(expected);
		for (const c of clients) c.destroy();
		const res = await api(server.url, owner.token, 'GET', `/api/v1/documents/${documentId}`);
		expect(res.status).toBe(200);
	});
});
