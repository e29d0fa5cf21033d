import { describe, expect, it } from 'vitest';
import {
	admitAwareness,
	encodeAwarenessEntries,
	MAX_CLIENTS_PER_CONNECTION,
	type AwarenessOwner
} from './awareness-guard';

const person = (id: string): AwarenessOwner => ({
	user: { id, name: id.toUpperCase() },
	awarenessClients: new Set()
});

const frame = (...entries: [number, number, unknown][]) =>
	encodeAwarenessEntries(
		entries.map(([clientId, clock, state]) => ({ clientId, clock, json: JSON.stringify(state) }))
	);

describe('awareness guard', () => {
	it("stamps the session's identity and keeps only a well-formed colour", () => {
		const ann = person('ann');
		const { entries } = admitAwareness(
			frame([1, 1, { user: { id: 'ben', name: 'Ben', color: 'red' }, cursor: 3 }]),
			ann,
			new Map(),
			() => undefined
		);
		expect(JSON.parse(entries[0].json)).toEqual({ user: { id: 'ann', name: 'ANN' }, cursor: 3 });
	});

	it("skips echoes of others' states silently and refuses newer ones from another person", () => {
		const ann = person('ann');
		const ben = person('ben');
		const owners = new Map<number, AwarenessOwner>();
		const clocks = new Map<number, number>();
		admitAwareness(frame([1, 5, { ready: false }]), ann, owners, (id) => clocks.get(id));
		clocks.set(1, 5);
		const echo = admitAwareness(frame([1, 5, { ready: false }]), ben, owners, (id) =>
			clocks.get(id)
		);
		expect(echo).toEqual({ entries: [], dropped: 0 });
		const forged = admitAwareness(frame([1, 6, { ready: true }], [1, 7, null]), ben, owners, (id) =>
			clocks.get(id)
		);
		expect(forged).toEqual({ entries: [], dropped: 2 });
		expect(owners.get(1)).toBe(ann);
	});

	it("lets the same person's new connection take over its id with a newer state", () => {
		const before = person('ann');
		const after = person('ann');
		const owners = new Map<number, AwarenessOwner>();
		admitAwareness(frame([1, 5, {}]), before, owners, () => undefined);
		const { entries } = admitAwareness(frame([1, 6, {}]), after, owners, () => 5);
		expect(entries).toHaveLength(1);
		expect(owners.get(1)).toBe(after);
		expect(before.awarenessClients.has(1)).toBe(false);
	});

	it('caps the ids one connection may announce and the size of a state', () => {
		const ann = person('ann');
		const many = Array.from({ length: 50 }, (_, i) => [i + 1, 1, {}] as [number, number, unknown]);
		const { entries, dropped } = admitAwareness(frame(...many), ann, new Map(), () => undefined);
		expect(entries).toHaveLength(MAX_CLIENTS_PER_CONNECTION);
		expect(dropped).toBe(50 - MAX_CLIENTS_PER_CONNECTION);
		const big = admitAwareness(
			frame([99, 1, { blob: 'x'.repeat(10_000) }]),
			person('ben'),
			new Map(),
			() => undefined
		);
		expect(big).toEqual({ entries: [], dropped: 1 });
	});
});
