import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bindTextarea, diffText, shiftIndex, type TextareaLike } from './text-binding';

type Listened = 'input' | 'compositionstart' | 'compositionend';

/** A textarea stand-in: holds a value and a selection, and lets the test fire its events. */
class FakeTextarea implements TextareaLike {
	private text = '';
	selectionStart = 0;
	selectionEnd = 0;
	selectionDirection: 'forward' | 'backward' | 'none' = 'none';
	/** Writes of `value` from outside while composing: each would end a real composition. */
	writesWhileComposing = 0;
	private listeners = new Map<Listened, Set<() => void>>();
	private composing: { start: number; length: number } | null = null;

	get value() {
		return this.text;
	}
	set value(next: string) {
		if (this.composing) this.writesWhileComposing++;
		this.text = next;
	}
	setSelectionRange(start: number, end: number) {
		this.selectionStart = Math.min(start, this.value.length);
		this.selectionEnd = Math.min(end, this.value.length);
	}
	addEventListener(type: Listened, listener: () => void) {
		if (!this.listeners.has(type)) this.listeners.set(type, new Set());
		this.listeners.get(type)!.add(listener);
	}
	removeEventListener(type: Listened, listener: () => void) {
		this.listeners.get(type)?.delete(listener);
	}
	private fire(type: Listened) {
		for (const listener of this.listeners.get(type) ?? []) listener();
	}
	/** What the browser does when a person types `insert` over the current selection. */
	type(insert: string) {
		const start = this.selectionStart;
		this.text = this.text.slice(0, start) + insert + this.text.slice(this.selectionEnd);
		this.selectionStart = this.selectionEnd = start + insert.length;
		this.fire('input');
	}
	backspace() {
		const start =
			this.selectionStart === this.selectionEnd ? this.selectionStart - 1 : this.selectionStart;
		this.text = this.text.slice(0, start) + this.text.slice(this.selectionEnd);
		this.selectionStart = this.selectionEnd = start;
		this.fire('input');
	}
	/** An input method showing `text` (pinyin, then candidates) in place of the composition so far. */
	compose(text: string) {
		if (!this.composing) {
			this.composing = { start: this.selectionStart, length: 0 };
			this.fire('compositionstart');
		}
		const { start, length } = this.composing;
		this.text = this.text.slice(0, start) + text + this.text.slice(start + length);
		this.composing.length = text.length;
		this.selectionStart = this.selectionEnd = start + text.length;
		this.fire('input');
	}
	/** The person picks `text`: it replaces the composition, and the composition ends. */
	commit(text: string) {
		this.compose(text);
		this.composing = null;
		this.fire('compositionend');
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

	it('writes nothing while an input method composes, then only the committed characters', () => {
		const [docA, docB] = connectedPair();
		const alice = new FakeTextarea();
		const bob = new FakeTextarea();
		bindTextarea(alice, docA.getText('notes'));
		bindTextarea(bob, docB.getText('notes'));
		const seenByBob: string[] = [];
		docB.getText('notes').observe(() => seenByBob.push(bob.value));

		alice.type('客户');
		for (const pinyin of ['f', 'fu', 'fuw', 'fuwu']) alice.compose(pinyin);
		expect(bob.value).toBe('客户');
		alice.commit('服务');
		expect(bob.value).toBe('客户服务');
		expect(alice.value).toBe('客户服务');
		expect(seenByBob).toEqual(['客户', '客户服务']);
	});

	it('keeps a composition alive through a colleague’s edit and puts both where they belong', () => {
		const [docA, docB] = connectedPair();
		const alice = new FakeTextarea();
		const bob = new FakeTextarea();
		const notes = docA.getText('notes');
		const unwatched = bindTextarea(alice, notes);
		bindTextarea(bob, docB.getText('notes'));
		alice.type('流程：。');
		alice.setSelectionRange(3, 3);

		alice.compose('fu');
		bob.setSelectionRange(0, 0);
		bob.type('新的'); // arrives while Alice is still choosing
		bob.setSelectionRange(bob.value.length, bob.value.length);
		bob.type('完');
		alice.compose('fuwu');
		expect(alice.writesWhileComposing).toBe(0);
		expect(bob.value).toBe('新的流程：。完');
		alice.commit('服务');
		expect(notes.toString()).toBe('新的流程：服务。完');
		expect(bob.value).toBe('新的流程：服务。完');
		expect(alice.value).toBe('新的流程：服务。完');
		// Alice's caret follows what she typed, past Bob's insert before it.
		expect(alice.selectionStart).toBe(7);
		unwatched();
	});
});
