import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HashRing } from './routing';

const ids = Array.from({ length: 1000 }, () => randomUUID());

describe('HashRing', () => {
	it('sends the same id to the same server every time, whatever the order of servers', () => {
		const ab = new HashRing([
			{ name: 'a', server: 'a' },
			{ name: 'b', server: 'b' }
		]);
		const ba = new HashRing([
			{ name: 'b', server: 'b' },
			{ name: 'a', server: 'a' }
		]);
		for (const id of ids) {
			expect(ab.pick(id)).toBe(ab.pick(id));
			expect(ba.pick(id)).toBe(ab.pick(id));
		}
	});

	it('splits 1,000 ids between two servers within 15 % of even', () => {
		const ring = new HashRing([
			{ name: 'a', server: 'a' },
			{ name: 'b', server: 'b' }
		]);
		const onA = ids.filter((id) => ring.pick(id) === 'a').length;
		expect(onA).toBeGreaterThan(350);
		expect(onA).toBeLessThan(650);
	});

	it('moves only the removed server’s ids when a server goes away', () => {
		const three = new HashRing(['a', 'b', 'c'].map((name) => ({ name, server: name })));
		const two = new HashRing(['a', 'b'].map((name) => ({ name, server: name })));
		let moved = 0;
		for (const id of ids) {
			const before = three.pick(id);
			if (before === 'c') moved++;
			else expect(two.pick(id)).toBe(before);
		}
		expect(moved).toBeGreaterThan(0);
	});

	it('refuses an empty ring and duplicate names', () => {
		expect(() => new HashRing([])).toThrow(/at least one/);
		expect(
			() =>
				new HashRing([
					{ name: 'a', server: 1 },
					{ name: 'a', server: 2 }
				])
		).toThrow(/must differ/);
	});
});
