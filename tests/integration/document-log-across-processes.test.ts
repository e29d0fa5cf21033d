import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db';
import { createDrizzleStore } from '../../server/sync/drizzle-store';
import type { DocumentStore } from '../../server/sync/document-store';
import { createStorage, type TestStorage } from '../helpers/server';

/**
 * Two stores on two connection pools stand for two processes: serving
 * processes cannot share a database yet (see one-process-per-database.test.ts),
 * but the document log must already be safe when they do.
 */
describe.runIf(process.env.TEST_DATABASE_URL)('one document written by two processes', () => {
	let storage: TestStorage;
	const handles: DatabaseHandle[] = [];
	const stores: DocumentStore[] = [];

	beforeAll(async () => {
		storage = await createStorage('postgres');
		for (let i = 0; i < 2; i++) {
			// "shared" is how processes that relay to each other will claim the database.
			const handle = await openDatabase({
				databaseUrl: storage.env.DATABASE_URL,
				dataDir: storage.dataDir,
				serving: 'shared'
			});
			handles.push(handle);
			stores.push(createDrizzleStore(handle));
		}
		await handles[0].execute(`insert into workspaces (id, name) values ('w', 'Ops')`, []);
		await handles[0].execute(
			`insert into documents (id, workspace_id, kind, title) values ('doc', 'w', 'framework', 'Shared'), ('other', 'w', 'framework', 'Other')`,
			[]
		);
	});

	afterAll(async () => {
		for (const handle of handles) await handle.close();
		await storage?.drop();
	});

	it('numbers every update 1..N without holes and loses none', async () => {
		const BATCHES = 40;
		const PER_BATCH = 25;
		const sent = new Map<number, string>();
		const writer = new Map<number, string>();
		// Each "process" types into its own Y.Doc and commits batches concurrently with the other.
		const write = async (store: DocumentStore, name: string) => {
			const doc = new Y.Doc();
			const updates: Uint8Array[] = [];
			doc.on('update', (update: Uint8Array) => updates.push(update));
			for (let b = 0; b < BATCHES; b++) {
				for (let i = 0; i < PER_BATCH; i++) doc.getText('notes').insert(0, `${name}${b}.${i};`);
				const batch = updates.splice(0).map((data) => ({ documentId: 'doc', data }));
				// Batches span documents, as the group commit's do.
				batch.push({ documentId: 'other', data: Y.encodeStateAsUpdate(new Y.Doc()) });
				const seqs = await store.append(batch, b === 0 ? ['doc'] : []);
				seqs.slice(0, PER_BATCH).forEach((seq, i) => {
					expect(seq).not.toBeNull();
					expect(sent.has(seq!)).toBe(false);
					sent.set(seq!, Buffer.from(batch[i].data).toString('hex'));
					writer.set(seq!, name);
				});
			}
		};
		await Promise.all([write(stores[0], 'A'), write(stores[1], 'B')]);

		const n = 2 * BATCHES * PER_BATCH;
		// The two really interleaved: the log alternates between their batches.
		const switches = [...writer.keys()]
			.sort((x, y) => x - y)
			.filter((seq, i, all) => i > 0 && writer.get(seq) !== writer.get(all[i - 1])).length;
		expect(switches).toBeGreaterThan(BATCHES / 2);
		const rows = await handles[0].execute<{ seq: string; data: Uint8Array }>(
			`select seq, data from doc_updates where document_id = 'doc' order by seq`,
			[]
		);
		expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: n }, (_, i) => i + 1));
		// Every store was told the seq its update really got.
		for (const row of rows) {
			expect(Buffer.from(row.data).toString('hex')).toBe(sent.get(Number(row.seq)));
		}
		const [head] = await handles[1].execute<{ head_seq: string }>(
			`select head_seq from documents where id = 'doc'`,
			[]
		);
		expect(Number(head.head_seq)).toBe(n);

		const loaded = await stores[1].load('doc');
		const doc = new Y.Doc();
		Y.applyUpdate(doc, Y.mergeUpdates(loaded.updates));
		const text = doc.getText('notes').toString();
		for (const name of ['A', 'B']) {
			for (let b = 0; b < BATCHES; b++) {
				for (let i = 0; i < PER_BATCH; i++) expect(text).toContain(`${name}${b}.${i};`);
			}
		}
		expect(loaded.lastSeq).toBe(n);
	});

	it('keeps the snapshot that folds further when two processes compact', async () => {
		const [a, b] = stores;
		const doc = new Y.Doc();
		const updates: Uint8Array[] = [];
		doc.on('update', (update: Uint8Array) => updates.push(update));
		for (let i = 0; i < 10; i++) doc.getText('notes').insert(0, `${i};`);
		const seqs = await a.append(
			updates.map((data) => ({ documentId: 'other', data })),
			[]
		);
		const last = seqs.at(-1)!;
		// A folds everything; B, which has applied less, folds only up to five rows earlier.
		const behind = new Y.Doc();
		await a.compact('other', Y.encodeStateAsUpdate(doc), last);
		await b.compact('other', Y.encodeStateAsUpdate(behind), last - 5);
		const loaded = await b.load('other');
		const fresh = new Y.Doc();
		Y.applyUpdate(fresh, Y.mergeUpdates(loaded.updates));
		expect(fresh.getText('notes').toString()).toBe(doc.getText('notes').toString());
		expect(loaded.lastSeq).toBe(last);
	});
});
