import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db';
import { createDrizzleStore } from '../../server/sync/drizzle-store';
import type { NumberingStore } from '../../server/sync/journaled-store';
import { createStorage, engines, type TestStorage } from '../helpers/server';

/** The statement the embedded engine's sync journal stores its updates with (journaled-store.ts). */
describe.each(engines)('storing updates numbered by the journal on %s', (engine) => {
	let storage: TestStorage;
	let handle: DatabaseHandle;
	let store: NumberingStore;

	beforeAll(async () => {
		storage = await createStorage(engine);
		handle = await openDatabase({
			databaseUrl: storage.env.DATABASE_URL ?? null,
			dataDir: storage.dataDir
		});
		store = createDrizzleStore(handle);
		await handle.execute(`insert into workspaces (id, name) values ('w', 'Ops')`, []);
		await handle.execute(
			`insert into documents (id, workspace_id, kind, title) values ('doc', 'w', 'framework', '服务框架'), ('other', 'w', 'framework', 'Other')`,
			[]
		);
	});

	afterAll(async () => {
		await handle?.close();
		await storage?.drop();
	});

	async function seqs(documentId: string): Promise<number[]> {
		const rows = await handle.execute<{ seq: string | number }>(
			`select seq from doc_updates where document_id = $1 order by seq`,
			[documentId]
		);
		return rows.map((r) => Number(r.seq));
	}

	it('stores what is above each head, skips what is stored already and raises the heads', async () => {
		const doc = new Y.Doc();
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		for (let i = 0; i < 4; i++) doc.getText('notes').insert(0, `第${i}步;`);
		const rows = updates.map((data, i) => ({ documentId: 'doc', seq: i + 1, data }));

		expect(await store.appendNumbered(rows.slice(0, 2), ['doc'])).toBe(2);
		// A replay after a crash: seqs 1-2 again, then 3-4, and a document that is gone.
		expect(
			await store.appendNumbered(
				[
					...rows,
					{ documentId: 'deleted', seq: 1, data: updates[0] },
					{ documentId: 'other', seq: 1, data: updates[0] }
				],
				[]
			)
		).toBe(3);
		expect(await seqs('doc')).toEqual([1, 2, 3, 4]);
		expect(await seqs('other')).toEqual([1]);
		expect(await seqs('deleted')).toEqual([]);
		expect(await store.heads(['doc', 'other', 'deleted'])).toEqual(
			new Map([
				['doc', 4],
				['other', 1]
			])
		);

		const loaded = await store.load('doc');
		expect(loaded.headSeq).toBe(4);
		const copy = new Y.Doc();
		for (const u of loaded.updates) Y.applyUpdate(copy, u);
		expect(copy.getText('notes').toString()).toBe(doc.getText('notes').toString());
		// The database's own numbering goes on from the raised head.
		expect(await store.append([{ documentId: 'doc', data: updates[0] }], [])).toEqual([5]);
	});

	it('stores a batch larger than one statement takes, all or nothing', async () => {
		const data = Y.encodeStateAsUpdate(new Y.Doc());
		const rows = Array.from({ length: 12_000 }, (_, i) => ({
			documentId: 'other',
			seq: i + 2,
			data
		}));
		expect(await store.appendNumbered(rows, [])).toBe(12_000);
		expect((await seqs('other')).length).toBe(12_001);
		// Bad input: a row whose seq is not a number fails the whole batch and changes nothing.
		const bad = [
			{ documentId: 'other', seq: 20_000, data },
			{ documentId: 'other', seq: 'twenty' as unknown as number, data }
		];
		await expect(
			store.appendNumbered(
				[...Array(6000)]
					.map((_, i) => ({ documentId: 'other', seq: 14_000 + i, data }))
					.concat(bad),
				[]
			)
		).rejects.toThrow();
		expect((await store.heads(['other'])).get('other')).toBe(12_001);
	});
});
