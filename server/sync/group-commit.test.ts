import { describe, expect, it } from 'vitest';
import type { DocumentStore, StoredUpdate } from './document-store';
import { GroupCommit } from './group-commit';

function fakeStore(failures = 0) {
	const transactions: StoredUpdate[][] = [];
	let release: (() => void) | null = null;
	let gate: Promise<void> | null = null;
	let failuresLeft = failures;
	const store: DocumentStore = {
		load: async () => ({ updates: [], lastSeq: 0, tailLength: 0 }),
		async append(rows) {
			if (gate) await gate;
			if (failuresLeft > 0) {
				failuresLeft -= 1;
				throw new Error('database unavailable');
			}
			transactions.push(rows);
		},
		compact: async () => {}
	};
	return {
		store,
		transactions,
		hold() {
			gate = new Promise((r) => (release = r));
		},
		release() {
			gate = null;
			release?.();
		}
	};
}

const write = (documentId: string, seq: number, log: string[]) => ({
	documentId,
	seq,
	data: new Uint8Array([seq]),
	onCommitted: () => log.push(`${documentId}:${seq}`)
});

describe('group commit', () => {
	it('commits everything queued in one tick in one transaction, then calls back in order', async () => {
		const fake = fakeStore();
		const commits = new GroupCommit(fake.store);
		const log: string[] = [];
		commits.add(write('a', 1, log));
		commits.add(write('b', 1, log));
		commits.add(write('a', 2, log));
		expect(log).toEqual([]); // nothing is acknowledged before the commit
		await commits.idle();
		expect(fake.transactions).toHaveLength(1);
		expect(fake.transactions[0].map((r) => `${r.documentId}:${r.seq}`)).toEqual([
			'a:1',
			'b:1',
			'a:2'
		]);
		expect(log).toEqual(['a:1', 'b:1', 'a:2']);
	});

	it('gathers the next batch while a transaction is in flight', async () => {
		const fake = fakeStore();
		const commits = new GroupCommit(fake.store);
		const log: string[] = [];
		fake.hold();
		commits.add(write('a', 1, log));
		await new Promise((r) => setImmediate(r));
		for (let seq = 2; seq <= 5; seq++) commits.add(write('a', seq, log));
		fake.release();
		await commits.idle();
		expect(fake.transactions.map((t) => t.length)).toEqual([1, 4]);
		expect(log).toEqual(['a:1', 'a:2', 'a:3', 'a:4', 'a:5']);
	});

	it('retries a failed commit instead of dropping it, and relays only after success', async () => {
		const fake = fakeStore(2);
		const commits = new GroupCommit(fake.store);
		const log: string[] = [];
		commits.add(write('a', 1, log));
		await commits.idle();
		expect(fake.transactions).toHaveLength(1);
		expect(log).toEqual(['a:1']);
	});
});
