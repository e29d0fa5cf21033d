import { describe, expect, it } from 'vitest';
import type { DocumentStore } from './document-store';
import { GroupCommit } from './group-commit';

function fakeStore(failures = 0) {
	/** Each transaction's rows as documentId:seq; the fake numbers each document from 1. */
	const transactions: string[][] = [];
	const heads = new Map<string, number>();
	let release: (() => void) | null = null;
	let gate: Promise<void> | null = null;
	let failuresLeft = failures;
	const store: Pick<DocumentStore, 'append'> = {
		async append(rows) {
			if (gate) await gate;
			if (failuresLeft > 0) {
				failuresLeft -= 1;
				throw new Error('database unavailable');
			}
			const seqs = rows.map((r) => {
				const seq = (heads.get(r.documentId) ?? 0) + 1;
				heads.set(r.documentId, seq);
				return seq;
			});
			transactions.push(rows.map((r, i) => `${r.documentId}:${seqs[i]}`));
			return seqs;
		}
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

const write = (documentId: string, log: string[]) => ({
	documentId,
	data: new Uint8Array([1]),
	onCommitted: (seq: number) => log.push(`${documentId}:${seq}`)
});

describe('group commit', () => {
	it('commits everything queued in one tick in one transaction, then calls back in order', async () => {
		const fake = fakeStore();
		const commits = new GroupCommit({ store: fake.store });
		const log: string[] = [];
		commits.add(write('a', log));
		commits.add(write('b', log));
		commits.add(write('a', log));
		expect(log).toEqual([]); // nothing is acknowledged before the commit
		await commits.idle();
		expect(fake.transactions).toHaveLength(1);
		expect(fake.transactions[0]).toEqual(['a:1', 'b:1', 'a:2']);
		expect(log).toEqual(['a:1', 'b:1', 'a:2']);
	});

	it('gathers the next batch while a transaction is in flight', async () => {
		const fake = fakeStore();
		const commits = new GroupCommit({ store: fake.store });
		const log: string[] = [];
		fake.hold();
		commits.add(write('a', log));
		await new Promise((r) => setImmediate(r));
		for (let i = 2; i <= 5; i++) commits.add(write('a', log));
		fake.release();
		await commits.idle();
		expect(fake.transactions.map((t) => t.length)).toEqual([1, 4]);
		expect(log).toEqual(['a:1', 'a:2', 'a:3', 'a:4', 'a:5']);
	});

	it('retries a failed commit instead of dropping it, and relays only after success', async () => {
		const fake = fakeStore(2);
		const commits = new GroupCommit({ store: fake.store });
		const log: string[] = [];
		commits.add(write('a', log));
		await commits.idle();
		expect(fake.transactions).toHaveLength(1);
		expect(log).toEqual(['a:1']);
	});
});
