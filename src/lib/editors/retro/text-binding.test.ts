import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bindTextarea, diffText, shiftIndex, type TextareaLike } from './text-binding';

/** A textarea stand-in: holds a value and a selection, and lets the test fire `input`. */
class FakeTextarea implements TextareaLike {
	value = '';
	selectionStart = 0;
	selectionEnd = 0;
	selectionDirection: 'forward' | 'backward' | 'none' = 'none';
	private listeners = new Set<() => void>();

	setSelectionRange(start: number, end: number) {
		this.selectionStart = Math.min(start, this.value.length);
		this.selectionEnd = Math.min(end, this.value.length);
	}
	addEventListener(_type: 'input', listener: () => void) {
		this.listeners.add(listener);
	}
	removeEventListener(_type: 'input', listener: () => void) {
		this.listeners.delete(listener);
	}
	/** What the browser does when a person types `insert` over the current selection. */
	type(insert: string) {
		const start = this.selectionStart;
		this.value = this.value.slice(0, start) + insert + this.value.slice(this.selectionEnd);
		this.selectionStart = this.selectionEnd = start + insert.length;
		for (const listener of this.listeners) listener();
	}
	backspace() {
		const start =
			this.selectionStart === this.selectionEnd ? this.selectionStart - 1 : this.selectionStart;
		this.value = this.value.slice(0, start) + this.value.slice(this.selectionEnd);
		this.selectionStart = this.selectionEnd = start;
		for (const listener of this.listeners) listener();
	}
}

/** Two replicas of one document, exchanging every update at once, as the sync server would relay them. */
function connectedPair(): [Y.Doc, Y.Doc] {
	const a = new Y.Doc();
	const b = new Y.Doc();
	a.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin !== 'remote') Y.applyUpdate(b, update, 'remote');
	});
	b.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin !== 'remote') Y.applyUpdate(a, update, 'remote');
	});
	return [a, b];
}

describe('diffText', () => {
	it('finds the one splice a textarea edit makes', () => {
		expect(diffText('Hello world', 'Hello brave world')).toEqual({
			index: 6,
			remove: 0,
			insert: 'brave '
		});
		expect(diffText('Hello world', 'Hello')).toEqual({ index: 5, remove: 6, insert: '' });
		expect(diffText('one two three', 'one 2 three')).toEqual({ index: 4, remove: 3, insert: '2' });
		expect(diffText('same', 'same')).toBeNull();
	});

	it('places an ambiguous insert where the caret says it happened', () => {
		expect(diffText('aa', 'aaa')).toEqual({ index: 2, remove: 0, insert: 'a' });
		expect(diffText('aa', 'aaa', 1)).toEqual({ index: 0, remove: 0, insert: 'a' });
		expect(diffText('aaa', 'aa', 0)).toEqual({ index: 0, remove: 1, insert: '' });
	});

	it('never cuts an emoji in half', () => {
		// Both faces share their high surrogate; a naive prefix would split the pair.
		const splice = diffText('a😀b', 'a😃b')!;
		expect(splice).toEqual({ index: 1, remove: 2, insert: '😃' });
	});
});

describe('shiftIndex', () => {
	it('moves a position past text inserted before it and back over text deleted before it', () => {
		expect(shiftIndex(5, [{ insert: 'abc' }])).toBe(8);
		expect(shiftIndex(5, [{ retain: 6 }, { insert: 'abc' }])).toBe(5);
		expect(shiftIndex(5, [{ retain: 1 }, { delete: 2 }])).toBe(3);
		expect(shiftIndex(5, [{ retain: 3 }, { delete: 10 }])).toBe(3);
		expect(shiftIndex(5, [{ retain: 5 }, { delete: 2 }])).toBe(5);
		expect(shiftIndex(5, [{ retain: 5 }, { insert: 'x' }])).toBe(6);
	});
});

describe('bindTextarea', () => {
	it('sends typing to the other replica and keeps each caret where its person left it', () => {
		const [docA, docB] = connectedPair();
		const textA = docA.getText('notes');
		const textB = docB.getText('notes');
		const alice = new FakeTextarea();
		const bob = new FakeTextarea();
		const unbindA = bindTextarea(alice, textA);
		bindTextarea(bob, textB);

		alice.type('Rota is unclear.');
		expect(bob.value).toBe('Rota is unclear.');
		expect(textB.toString()).toBe('Rota is unclear.');

		// Bob puts his caret after "Rota" and Alice adds a sentence at the start.
		bob.setSelectionRange(4, 4);
		alice.setSelectionRange(0, 0);
		alice.type('Weekend: ');
		expect(bob.value).toBe('Weekend: Rota is unclear.');
		expect(bob.selectionStart).toBe(13);
		bob.type(' (on call)');
		expect(alice.value).toBe('Weekend: Rota (on call) is unclear.');
		// Alice's caret was before Bob's edit: it does not move.
		expect(alice.selectionStart).toBe(9);

		// A deletion that spans Alice's caret pulls it to where the deleted text began.
		alice.setSelectionRange(12, 12);
		bob.setSelectionRange(9, 23);
		bob.backspace();
		expect(alice.value).toBe('Weekend:  is unclear.');
		expect(alice.selectionStart).toBe(9);

		// Once unbound, typing no longer reaches the shared text.
		unbindA();
		alice.type('ignored');
		expect(textA.toString()).toBe('Weekend:  is unclear.');
	});

	it('writes each edit as one minimal change, so concurrent typing is merged rather than overwritten', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		const textA = a.getText('notes');
		textA.insert(0, 'Shared notes');
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		const alice = new FakeTextarea();
		const bob = new FakeTextarea();
		bindTextarea(alice, textA);
		bindTextarea(bob, b.getText('notes'));

		// Both type while disconnected, then exchange their edits.
		alice.setSelectionRange(0, 0);
		alice.type('Our ');
		bob.setSelectionRange(12, 12);
		bob.type(' from Monday');
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		expect(alice.value).toBe('Our Shared notes from Monday');
		expect(bob.value).toBe('Our Shared notes from Monday');
	});
});
