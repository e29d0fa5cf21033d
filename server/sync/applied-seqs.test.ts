import { describe, expect, it } from 'vitest';
import { AppliedSeqs } from './applied-seqs';

describe('applied seqs', () => {
	it('advance while the log continues, and stop below a gap until it is filled', () => {
		const applied = new AppliedSeqs(10);
		applied.add(11);
		applied.add(12, 14);
		expect(applied.through).toBe(14);
		// 15..16 were written by another process; this room has not seen them.
		applied.add(17);
		applied.add(18, 20);
		expect(applied.through).toBe(14);
		applied.add(16);
		expect(applied.through).toBe(14);
		applied.add(15);
		expect(applied.through).toBe(20);
		applied.add(3, 5); // already folded: changes nothing
		expect(applied.through).toBe(20);
	});
});
