import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UpdateJournal, type NumberedUpdate } from './update-journal';

function update(documentId: string, seq: number, ...bytes: number[]): NumberedUpdate {
	return { documentId, seq, data: new Uint8Array(bytes) };
}

function plain(updates: NumberedUpdate[]) {
	return updates.map((u) => ({ ...u, data: [...u.data] }));
}

describe('UpdateJournal', () => {
	let dir: string;
	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsloom-journal-'));
	});
	afterEach(() => {
		fs.rmSync(dir, { recursive: true, force: true });
	});

	function segments(): string[] {
		return fs.readdirSync(dir).sort();
	}

	it('gives back on the next open what was written and not released, in order', () => {
		const { journal, recovered } = UpdateJournal.open(dir);
		expect(recovered).toEqual([]);
		journal.write([update('doc-a', 2, 1, 2, 3), update('文档-b', 9, 4)]);
		journal.write([update('doc-a', 3, 5)]);
		journal.close();

		const again = UpdateJournal.open(dir);
		expect(plain(again.recovered)).toEqual([
			{ documentId: 'doc-a', seq: 2, data: [1, 2, 3] },
			{ documentId: '文档-b', seq: 9, data: [4] },
			{ documentId: 'doc-a', seq: 3, data: [5] }
		]);
		// Still there until the caller has stored it.
		expect(plain(UpdateJournal.open(dir).recovered)).toHaveLength(3);
		again.journal.discardRecovered();
		expect(UpdateJournal.open(dir).recovered).toEqual([]);
	});

	it('drops a torn last record and keeps the ones before it', () => {
		const { journal } = UpdateJournal.open(dir);
		journal.write([update('doc-a', 1, 1), update('doc-a', 2, 2, 2)]);
		journal.close();
		const [file] = segments();
		const size = fs.statSync(path.join(dir, file)).size;
		fs.truncateSync(path.join(dir, file), size - 1);
		expect(plain(UpdateJournal.open(dir).recovered)).toEqual([
			{ documentId: 'doc-a', seq: 1, data: [1] }
		]);
	});

	it('stops at a record whose checksum does not match', () => {
		const { journal } = UpdateJournal.open(dir);
		journal.write([update('doc-a', 1, 1), update('doc-a', 2, 2), update('doc-a', 3, 3)]);
		journal.close();
		const [file] = segments();
		const bytes = fs.readFileSync(path.join(dir, file));
		// The second record's last byte (its data).
		const recordBytes = bytes.length / 3;
		bytes[2 * recordBytes - 1] ^= 0xff;
		fs.writeFileSync(path.join(dir, file), bytes);
		expect(plain(UpdateJournal.open(dir).recovered)).toEqual([
			{ documentId: 'doc-a', seq: 1, data: [1] }
		]);
	});

	it('forgets what is released: the file is emptied once everything written is stored', () => {
		const { journal } = UpdateJournal.open(dir);
		const first = journal.write([update('doc-a', 1, 1)]);
		const second = journal.write([update('doc-a', 2, 2)]);
		journal.release(first);
		expect(fs.statSync(path.join(dir, segments()[0])).size).toBeGreaterThan(0);
		journal.release(second);
		expect(fs.statSync(path.join(dir, segments()[0])).size).toBe(0);
		// Writing goes on in the same file after it was emptied.
		journal.write([update('doc-a', 3, 3)]);
		journal.close();
		expect(plain(UpdateJournal.open(dir).recovered)).toEqual([
			{ documentId: 'doc-a', seq: 3, data: [3] }
		]);
	});

	it('moves to a new segment past 4 MB and deletes a sealed one once it is stored', () => {
		const { journal } = UpdateJournal.open(dir);
		const big = new Uint8Array(3 * 1024 * 1024);
		const first = journal.write([{ documentId: 'doc-a', seq: 1, data: big }]);
		const second = journal.write([{ documentId: 'doc-a', seq: 2, data: big }]);
		journal.write([update('doc-a', 3, 3)]);
		expect(segments()).toHaveLength(2);
		journal.release(first);
		expect(segments()).toHaveLength(2);
		journal.release(second);
		expect(segments()).toHaveLength(1);
		journal.close();
		expect(UpdateJournal.open(dir).recovered.map((u) => u.seq)).toEqual([3]);
	});

	it('keeps nothing on disk without a folder', () => {
		const { journal, recovered } = UpdateJournal.open(null);
		expect(recovered).toEqual([]);
		expect(journal.write([update('doc-a', 1, 1)])).toBe(1);
		journal.release(1);
		journal.close();
	});
});
