import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db';
import { recordDocumentClients } from '../../src/lib/server/versions/store';
import { createStorage, engines, type TestStorage } from '../helpers/server';

describe.each(engines)('recording who writes with which client id on %s', (engine) => {
	let storage: TestStorage;
	let handle: DatabaseHandle;

	beforeAll(async () => {
		storage = await createStorage(engine);
		handle = await openDatabase({
			databaseUrl: storage.env.DATABASE_URL ?? null,
			dataDir: storage.dataDir
		});
		await handle.execute(`insert into workspaces (id, name) values ('w', 'Ops')`, []);
		await handle.execute(
			`insert into users (id, email, name, password_hash) values ('u1', 'u1@example.com', 'Ulla', 'x'), ('u2', 'u2@example.com', 'Uwe', 'x')`,
			[]
		);
		await handle.execute(
			`insert into documents (id, workspace_id, kind, title) values ('a', 'w', 'framework', 'A'), ('b', 'w', 'framework', 'B')`,
			[]
		);
	});

	afterAll(async () => {
		await handle?.close();
		await storage?.drop();
	});

	const stored = async () =>
		(
			await handle.execute<{ document_id: string; client_id: string | number; user_id: string }>(
				`select document_id, client_id, user_id from document_clients order by document_id, client_id`,
				[]
			)
		).map((r) => `${r.document_id}:${Number(r.client_id)}:${r.user_id}`);

	it('stores rows past one statement, Yjs-sized client ids included, and keeps the first owner', async () => {
		// 250 rows: ten statements. Yjs client ids are unsigned 32-bit numbers.
		const rows = Array.from({ length: 250 }, (_, i) => ({
			documentId: i % 2 === 0 ? 'a' : 'b',
			clientId: 4_294_967_000 + i,
			userId: i % 3 === 0 ? 'u1' : 'u2'
		}));
		await recordDocumentClients(handle.db, rows);
		const expected = rows
			.map((r) => `${r.documentId}:${r.clientId}:${r.userId}`)
			.sort((x, y) => x.localeCompare(y, 'en', { numeric: true }));
		const first = await stored();
		expect([...first].sort((x, y) => x.localeCompare(y, 'en', { numeric: true }))).toEqual(
			expected
		);

		// Recorded again, with another owner claimed for one of them: nothing changes.
		await recordDocumentClients(handle.db, [{ ...rows[0], userId: 'u2' }, ...rows.slice(1, 5)]);
		expect(await stored()).toEqual(first);
		await recordDocumentClients(handle.db, []);
		expect(await stored()).toEqual(first);
	});

	it('refuses a row of a document that does not exist, and stores nothing of that statement', async () => {
		const before = await stored();
		await expect(
			recordDocumentClients(handle.db, [
				{ documentId: 'a', clientId: 7, userId: 'u1' },
				{ documentId: 'missing', clientId: 8, userId: 'u1' }
			])
		).rejects.toThrow();
		expect(await stored()).toEqual(before);
	});
});
