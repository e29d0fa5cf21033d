import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JournaledStore, type NumberingStore } from './journaled-store';
import { UpdateJournal, type NumberedUpdate } from './update-journal';

/** A database of heads and rows in memory; `hold()` makes storing wait until `release()`. */
function fakeDatabase(documents: Record<string, number>) {
	const heads = new Map(Object.entries(documents));
	const rows: string[] = [];
	const statements: number[] = [];
	let gate: Promise<void> | null = null;
	let open: (() => void) | null = null;
	let failuresLeft = 0;
	const store = {
		async appendNumbered(updates: NumberedUpdate[]) {
			if (gate) await gate;
			if (failuresLeft > 0) {
				failuresLeft -= 1;
				throw new Error('database unavailable');
			}
			statements.push(updates.length);
			let stored = 0;
			for (const u of updates) {
				const head = heads.get(u.documentId);
				if (head === undefined || u.seq <= head) continue;
				heads.set(u.documentId, u.seq);
				rows.push(`${u.documentId}:${u.seq}:${[...u.data].join(',')}`);
				stored += 1;
			}
			return stored;
		},
		async heads(ids: string[]) {
			return new Map(ids.filter((id) => heads.has(id)).map((id) => [id, heads.get(id)!]));
		},
		async load(id: string) {
			const mine = rows.filter((r) => r.startsWith(`${id}:`));
			return {
				updates: [],
				lastSeq: heads.get(id) ?? 0,
				tailLength: mine.length,
				headSeq: heads.get(id)
			};
		},
		async compact() {
			return true;
		},
		async findUnextracted() {
			return [];
		}
	} as unknown as NumberingStore;
	return {
		store,
		rows,
		statements,
		heads,
		hold() {
			gate = new Promise((r) => (open = r));
		},
		release() {
			gate = null;
			open?.();
		},
		failNext(times: number) {
			failuresLeft = times;
		}
	};
}

const bytes = (...values: number[]) => new Uint8Array(values);

describe('JournaledStore', () => {
	let dir: string;
	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsloom-journaled-'));
	});
	afterEach(() => {
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('numbers updates from each head at once and stores them later, many in one statement', async () => {
		const database = fakeDatabase({ a: 4, b: 0 });
		const store = new JournaledStore({ store: database.store, dir, applyIntervalMs: 10 });
		expect(
			await store.append(
				[
					{ documentId: 'a', data: bytes(1) },
					{ documentId: 'b', data: bytes(2) },
					{ documentId: 'a', data: bytes(3) }
				],
				[]
			)
		).toEqual([5, 1, 6]);
		expect(await store.append([{ documentId: 'b', data: bytes(4) }], [])).toEqual([2]);
		// Not in the database yet: only in the journal.
		expect(database.rows).toEqual([]);
		await store.flush();
		expect(database.rows).toEqual(['a:5:1', 'b:1:2', 'a:6:3', 'b:2:4']);
		expect(database.statements).toEqual([4]);
		await store.close();
	});

	it('gives no seq to a document that does not exist, and stores nothing for it', async () => {
		const database = fakeDatabase({ a: 0 });
		const store = new JournaledStore({ store: database.store, dir });
		expect(
			await store.append(
				[
					{ documentId: 'gone', data: bytes(1) },
					{ documentId: 'a', data: bytes(2) }
				],
				[]
			)
		).toEqual([null, 1]);
		await store.close();
		expect(database.rows).toEqual(['a:1:2']);
	});

	it('after a crash, stores what the journal holds before anything is read', async () => {
		const database = fakeDatabase({ a: 0 });
		database.hold();
		const crashed = new JournaledStore({ store: database.store, dir, applyIntervalMs: 1 });
		await crashed.append([{ documentId: 'a', data: bytes(1) }], []);
		await crashed.append([{ documentId: 'a', data: bytes(2) }], []);
		// The process dies with both in the journal only (its statement never finishes).
		const restarted = fakeDatabase({ a: 0 });
		const store = new JournaledStore({ store: restarted.store, dir });
		const loaded = await store.load('a');
		expect(restarted.rows).toEqual(['a:1:1', 'a:2:2']);
		expect(loaded.headSeq).toBe(2);
		expect(await store.append([{ documentId: 'a', data: bytes(3) }], [])).toEqual([3]);
		await store.close();
		expect(restarted.rows).toEqual(['a:1:1', 'a:2:2', 'a:3:3']);
		// The segments the recovery stored are gone: a third start finds nothing.
		const third = fakeDatabase({ a: 3 });
		const again = new JournaledStore({ store: third.store, dir });
		await again.ready;
		expect(third.statements).toEqual([]);
		await again.close();
	});

	it('a replay stores neither what the database has nor a copy twice', async () => {
		// As if the process died after the database stored seq 1 but before the
		// journal let it go, and a batch whose write failed halfway was written again.
		const { journal } = UpdateJournal.open(dir);
		journal.write([{ documentId: 'a', seq: 1, data: bytes(1) }]);
		journal.write([{ documentId: 'a', seq: 2, data: bytes(2) }]);
		journal.write([{ documentId: 'a', seq: 2, data: bytes(2) }]);
		journal.close();
		const database = fakeDatabase({ a: 1 });
		database.rows.push('a:1:1');
		const store = new JournaledStore({ store: database.store, dir });
		await store.ready;
		expect(database.rows).toEqual(['a:1:1', 'a:2:2']);
		expect(database.statements).toEqual([2]);
		await store.close();
	});

	it('a load waits until the document’s own pending updates are stored', async () => {
		const database = fakeDatabase({ a: 0, b: 0 });
		const store = new JournaledStore({ store: database.store, dir, applyIntervalMs: 60_000 });
		await store.append([{ documentId: 'a', data: bytes(1) }], []);
		// Another document's load does not wait for the timer.
		await store.load('b');
		expect(database.rows).toEqual([]);
		// Its own does, and does not wait for the timer either.
		await store.load('a');
		expect(database.rows).toEqual(['a:1:1']);
		await store.close();
	});

	it('keeps retrying a statement that fails, losing nothing', async () => {
		const database = fakeDatabase({ a: 0 });
		const store = new JournaledStore({ store: database.store, dir, applyIntervalMs: 1 });
		database.failNext(2);
		await store.append([{ documentId: 'a', data: bytes(1) }], []);
		await store.append([{ documentId: 'a', data: bytes(2) }], []);
		await store.flush();
		expect(database.rows).toEqual(['a:1:1', 'a:2:2']);
		await store.close();
	});
});
