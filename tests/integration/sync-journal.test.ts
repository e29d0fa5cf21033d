import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentIn, signUpTeam, type ApiUser } from '../helpers/api';
import { connectSynced, waitFor } from '../helpers/clients';
import { createStorage, startServer, type TestServer, type TestStorage } from '../helpers/server';

/**
 * The embedded engine's sync journal (server/sync/journaled-store.ts): an
 * update is relayed once it is in the journal, and reaches the database
 * later. Here "later" is ten minutes, so everything below happens while the
 * updates are in the journal only.
 */
describe('sync journal on pglite', () => {
	let storage: TestStorage;
	let server: TestServer;
	let owner: ApiUser;
	let editor: ApiUser;
	let workspaceId: string;

	beforeAll(async () => {
		storage = await createStorage('pglite');
		server = await startServer(storage, { SYNC_JOURNAL_INTERVAL_MS: String(600_000) });
		({ owner, editor, workspaceId } = await signUpTeam(server.url, 'Ops'));
	});

	afterAll(async () => {
		await server?.stop();
		await storage?.drop();
	});

	function journalBytes(): number {
		const dir = path.join(storage.dataDir, 'sync-journal');
		return fs
			.readdirSync(dir)
			.reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0);
	}

	it('what a client received is in the journal and survives kill -9 before it reached the database', async () => {
		const documentId = await createDocumentIn(server.url, owner, workspaceId, 'Escalations');
		const writer = await connectSynced(server.wsUrl, documentId, owner.token);
		const reader = await connectSynced(server.wsUrl, documentId, editor.token);
		// The document's own load stored what was journaled so far; count from here.
		const before = journalBytes();
		for (let i = 0; i < 30; i++) writer.text.insert(writer.text.length, `步骤 ${i};`);
		await waitFor(() => reader.text.toString().endsWith('步骤 29;'), 'reader to receive all steps');
		const seen = reader.text.toString();
		expect(journalBytes()).toBeGreaterThan(before);
		await server.kill();
		writer.destroy();
		reader.destroy();

		await server.restart();
		// Stored on start (every read waits for it) and then let go.
		await waitFor(() => journalBytes() === 0, 'the journal to be stored');
		const fresh = await connectSynced(server.wsUrl, documentId, owner.token);
		expect(fresh.text.toString()).toBe(seen);
		// And it goes on numbering where the journal left off: another round trip survives too.
		fresh.text.insert(fresh.text.length, 'after;');
		const second = await connectSynced(server.wsUrl, documentId, editor.token);
		await waitFor(() => second.text.toString().endsWith('after;'), 'the edit after the restart');
		fresh.destroy();
		second.destroy();
		await server.kill();
		await server.restart();
		const last = await connectSynced(server.wsUrl, documentId, editor.token);
		expect(last.text.toString()).toBe(`${seen}after;`);
		last.destroy();
	});

	it('an orderly stop stores what the journal holds', async () => {
		const documentId = await createDocumentIn(server.url, owner, workspaceId, 'Handover');
		const writer = await connectSynced(server.wsUrl, documentId, owner.token);
		writer.text.insert(0, 'shift notes');
		const reader = await connectSynced(server.wsUrl, documentId, editor.token);
		await waitFor(() => reader.text.toString() === 'shift notes', 'reader');
		writer.destroy();
		reader.destroy();
		await server.stop();
		expect(journalBytes()).toBe(0);
		await server.restart();
		const fresh = await connectSynced(server.wsUrl, documentId, owner.token);
		expect(fresh.text.toString()).toBe('shift notes');
		fresh.destroy();
	});
});
