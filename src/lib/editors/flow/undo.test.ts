import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addNode, moveNode, readFlow, updateNode } from '$lib/model/flow';
import { createFlowHistory } from './undo';

/** Two replicas that exchange every update, as two browsers through the server do. */
function connectedPair() {
	const alice = new Y.Doc();
	const bob = new Y.Doc();
	alice.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin !== 'remote') Y.applyUpdate(bob, update, 'remote');
	});
	bob.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin !== 'remote') Y.applyUpdate(alice, update, 'remote');
	});
	return { alice, bob };
}

const labelOf = (doc: Y.Doc, id: string) => readFlow(doc).nodes.find((n) => n.id === id)?.label;
const xOf = (doc: Y.Doc, id: string) => readFlow(doc).nodes.find((n) => n.id === id)?.x;

afterEach(() => {
	vi.useRealTimers();
});

describe('createFlowHistory', () => {
	it("undoes this person's change and leaves a colleague's in place, on both sides", () => {
		const { alice, bob } = connectedPair();
		const aliceHistory = createFlowHistory(alice);
		const first = addNode(bob, { type: 'process', x: 0, y: 0, label: 'Check' });
		const second = addNode(bob, { type: 'process', x: 300, y: 0, label: 'Refund' });
		if (!first.ok || !second.ok) throw new Error('setup');

		aliceHistory.transact(() => updateNode(alice, first.value.id, { label: 'Check by Alice' }));
		updateNode(bob, second.value.id, { label: 'Refund by Bob' });
		expect(aliceHistory.canUndo()).toBe(true);
		aliceHistory.undo();

		for (const doc of [alice, bob]) {
			expect(labelOf(doc, first.value.id)).toBe('Check');
			expect(labelOf(doc, second.value.id)).toBe('Refund by Bob');
		}
		// Bob's shapes were never Alice's to undo.
		aliceHistory.undo();
		expect(labelOf(bob, first.value.id)).toBe('Check');
		aliceHistory.redo();
		expect(labelOf(bob, first.value.id)).toBe('Check by Alice');
	});

	it('undoes a whole drag in one step, however long it took', () => {
		vi.useFakeTimers();
		const doc = new Y.Doc();
		const history = createFlowHistory(doc);
		const added = history.transact(() => addNode(doc, { type: 'process', x: 0, y: 0 }));
		if (!added.ok) throw new Error('setup');
		vi.advanceTimersByTime(1000);

		history.beginGesture();
		for (let x = 10; x <= 200; x += 10) {
			history.transact(() => moveNode(doc, added.value.id, x, 0));
			// Pauses longer than the typing merge window do not split the drag.
			vi.advanceTimersByTime(700);
		}
		history.endGesture();
		expect(xOf(doc, added.value.id)).toBe(200);

		history.undo();
		expect(xOf(doc, added.value.id)).toBe(0);
		history.undo();
		expect(xOf(doc, added.value.id)).toBeUndefined();
	});
});
