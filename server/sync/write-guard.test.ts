import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { findRootsWrittenBy } from './write-guard';

/** The server's copy of a small retro board, written the way the server writes it. */
function createServerDoc(): Y.Doc {
	const doc = new Y.Doc();
	doc.transact(() => {
		doc.getMap('meta').set('phase', 'discuss');
		const card = new Y.Map<unknown>();
		doc.getMap<Y.Map<unknown>>('cards').set('c1', card);
		card.set('text', 'Pager fatigue');
		card.set('hidden', false);
		const note = new Y.Text();
		doc.getMap<Y.Text>('notes').set('c1', note);
		note.insert(0, 'hello world');
		const action = new Y.Map<unknown>();
		doc.getMap<Y.Map<unknown>>('actions').set('a1', action);
		action.set('title', 'Rotate the pager');
	});
	return doc;
}

/** A client that has synced with `source`. */
function replicate(source: Y.Doc): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
	return doc;
}

/** The update a stock provider would send for `change`. */
function captureUpdate(doc: Y.Doc, change: () => void): Uint8Array {
	const updates: Uint8Array[] = [];
	const record = (update: Uint8Array) => updates.push(update);
	doc.on('update', record);
	doc.transact(change);
	doc.off('update', record);
	expect(updates).toHaveLength(1);
	return updates[0];
}

const roots = (server: Y.Doc, update: Uint8Array) => {
	const written = findRootsWrittenBy(server, update);
	return written && [...written].sort();
};

describe('findRootsWrittenBy', () => {
	it('names the root of a top-level key a client sets', () => {
		const server = createServerDoc();
		const client = replicate(server);
		const update = captureUpdate(client, () => client.getMap('actions').set('a2', 'x'));
		expect(roots(server, update)).toEqual(['actions']);
	});

	it('follows nested types to their root, whether created in the update or held by the server', () => {
		const server = createServerDoc();
		const client = replicate(server);
		const created = captureUpdate(client, () => {
			const action = new Y.Map<unknown>();
			client.getMap<Y.Map<unknown>>('actions').set('a2', action);
			action.set('title', 'Write the runbook');
			const note = new Y.Text();
			action.set('details', note);
			note.insert(0, 'by Friday');
		});
		expect(roots(server, created)).toEqual(['actions']);
		Y.applyUpdate(server, created);

		const existing = client.getMap<Y.Map<unknown>>('actions').get('a1')!;
		const edited = captureUpdate(client, () => existing.set('done', true));
		expect(roots(server, edited)).toEqual(['actions']);
	});

	it('resolves an insert in the middle of a text, which names no parent, to its root', () => {
		const server = createServerDoc();
		const client = replicate(server);
		const note = client.getMap<Y.Text>('notes').get('c1')!;
		const update = captureUpdate(client, () => note.insert(5, ', dear'));
		const [item] = Y.decodeUpdate(update).structs as Y.Item[];
		expect(item.parent).toBeNull();
		expect(item.origin).not.toBeNull();
		expect(roots(server, update)).toEqual(['notes']);
	});

	it('resolves references into the same update in any order and across clients', () => {
		const server = createServerDoc();
		const first = replicate(server);
		const second = replicate(server);
		const created = captureUpdate(first, () => {
			first.getMap<Y.Map<unknown>>('actions').set('a2', new Y.Map<unknown>());
		});
		Y.applyUpdate(second, created);
		const edited = captureUpdate(second, () => {
			second.getMap<Y.Map<unknown>>('actions').get('a2')!.set('title', 'Write the runbook');
		});
		// Both ways round: a merged update lists clients by id, so either may come first.
		expect(roots(server, Y.mergeUpdates([created, edited]))).toEqual(['actions']);
		expect(roots(server, Y.mergeUpdates([edited, created]))).toEqual(['actions']);
		// The edit alone refers to a map the server has not received.
		expect(findRootsWrittenBy(server, edited)).toBeNull();
	});

	it('sees deletions in a root the client may not write', () => {
		const server = createServerDoc();
		const client = replicate(server);
		const removedCard = captureUpdate(client, () => client.getMap('cards').delete('c1'));
		expect(Y.decodeUpdate(removedCard).structs).toHaveLength(0);
		expect(roots(server, removedCard)).toEqual(['cards']);

		const other = replicate(server);
		const card = other.getMap<Y.Map<unknown>>('cards').get('c1')!;
		const removedKey = captureUpdate(other, () => card.delete('hidden'));
		expect(roots(server, removedKey)).toEqual(['cards']);
	});

	it('reports every root of a mixed update', () => {
		const server = createServerDoc();
		const client = replicate(server);
		const update = captureUpdate(client, () => {
			client.getMap('actions').set('a2', 'x');
			client.getMap<Y.Map<unknown>>('cards').get('c1')!.set('text', 'Edited');
			client.getMap('meta').set('phase', 'closed');
		});
		expect(roots(server, update)).toEqual(['actions', 'cards', 'meta']);
	});

	it("does not count deletions the server already made, which a client's sync reply repeats", () => {
		const server = createServerDoc();
		server.getMap('cards').delete('c1');
		const client = replicate(server);
		client.getMap('actions').set('a2', 'x');
		const reply = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
		expect(Y.decodeUpdate(reply).ds.clients.size).toBeGreaterThan(0);
		expect(roots(server, reply)).toEqual(['actions']);
	});

	it('cannot tell, and says so, when an update refers to items the server lacks', () => {
		const server = createServerDoc();
		const elsewhere = new Y.Doc();
		elsewhere.getText('notes').insert(0, 'written elsewhere');
		const client = replicate(elsewhere);
		const insert = captureUpdate(client, () => client.getText('notes').insert(7, ' mostly'));
		expect(findRootsWrittenBy(server, insert)).toBeNull();
		const deletion = captureUpdate(client, () => client.getText('notes').delete(0, 3));
		expect(findRootsWrittenBy(server, deletion)).toBeNull();
	});

	it('passes over garbage-collected structs', () => {
		const server = createServerDoc();
		const client = replicate(server);
		client.transact(() => {
			const scratch = new Y.Map<unknown>();
			client.getMap<Y.Map<unknown>>('actions').set('scratch', scratch);
			scratch.set('title', 'never mind');
		});
		client.getMap('actions').delete('scratch');
		// An offline client's sync reply: the scratch map's content is now a GC struct.
		const reply = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
		expect(Y.decodeUpdate(reply).structs.some((s) => s instanceof Y.GC)).toBe(true);
		expect(roots(server, reply)).toEqual(['actions']);
	});

	it('lets through an edit of a note the server removed meanwhile: Yjs discards it', () => {
		const server = createServerDoc();
		const client = replicate(server);
		server.getMap('notes').delete('c1');
		const note = client.getMap<Y.Text>('notes').get('c1')!;
		const update = captureUpdate(client, () => note.insert(5, ', dear'));
		expect(roots(server, update)).toEqual([]);
		Y.applyUpdate(server, update);
		expect(server.getMap('notes').size).toBe(0);
	});
});
