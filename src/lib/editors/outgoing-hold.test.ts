import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { OutgoingHold } from './outgoing-hold';

const SERVER = Symbol('server');

/** Alice's tab (with the hold) and Bob's, connected the way the provider would connect them. */
function pair() {
	const alice = new Y.Doc();
	const bob = new Y.Doc();
	const seenByBob: string[] = [];
	bob.getText('t').observe(() => seenByBob.push(bob.getText('t').toString()));
	const hold = new OutgoingHold(
		alice,
		(update) => Y.applyUpdate(bob, update, SERVER),
		(o) => o === SERVER
	);
	bob.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin !== SERVER) Y.applyUpdate(alice, update, SERVER);
	});
	return { alice, bob, hold, seenByBob };
}

describe('holding outgoing updates during a composition', () => {
	it('sends ordinary typing at once', () => {
		const { alice, bob } = pair();
		alice.getText('t').insert(0, 'ok');
		expect(bob.getText('t').toString()).toBe('ok');
	});

	it('sends the composed characters without the pinyin ever reaching the other side', () => {
		const { alice, bob, hold, seenByBob } = pair();
		const text = alice.getText('t');
		text.insert(0, '客户');
		hold.hold();
		// What an editor writes while the IME composes 服务: each pinyin state replaces the last.
		text.insert(2, 'f');
		text.insert(3, 'u');
		text.delete(2, 2);
		text.insert(2, 'fuwu');
		expect(bob.getText('t').toString()).toBe('客户');
		text.delete(2, 4);
		text.insert(2, '服务');
		hold.release();
		expect(bob.getText('t').toString()).toBe('客户服务');
		expect(seenByBob).toEqual(['客户', '客户服务']);
	});

	it('merges a colleague’s edit that arrives mid-composition, and never echoes it back', () => {
		const { alice, bob, hold } = pair();
		alice.getText('t').insert(0, '流程');
		hold.hold();
		alice.getText('t').insert(2, 'gai');
		bob.getText('t').insert(0, '新');
		expect(alice.getText('t').toString()).toBe('新流程gai');
		alice.getText('t').delete(3, 3);
		alice.getText('t').insert(3, '改');
		hold.release();
		expect(bob.getText('t').toString()).toBe('新流程改');
		expect(alice.getText('t').toString()).toBe('新流程改');
	});
});
