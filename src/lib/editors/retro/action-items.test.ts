import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readActions, RETRO_CLIENT_ROOTS } from '$lib/model/retro';
import { addAction, removeAction, updateAction } from './action-items';

/** The roots an update touches, as the sync server sees them. */
function rootsTouched(doc: Y.Doc, change: () => void): string[] {
	const roots = new Set<string>();
	doc.on('afterTransaction', (transaction: Y.Transaction) => {
		for (const type of transaction.changed.keys()) {
			let root: { _item: Y.Item | null } = type;
			while (root._item) root = root._item.parent as typeof root;
			for (const [name, shared] of doc.share) if (shared === root) roots.add(name);
		}
	});
	change();
	return [...roots];
}

describe('action items', () => {
	it('are written in the documented shape, touching only the roots a client may write', () => {
		const doc = new Y.Doc();
		let id = '';
		const touched = rootsTouched(doc, () => {
			id = addAction(doc, {
				title: '  Publish the on-call rota ',
				ownerId: 'u1',
				dueDate: '2026-12-04',
				topicId: 'group-a'
			});
			updateAction(doc, id, { done: true, dueDate: null });
		});
		expect(touched.every((root) => RETRO_CLIENT_ROOTS.includes(root))).toBe(true);
		expect(readActions(doc)).toEqual([
			{
				id,
				title: 'Publish the on-call rota',
				ownerId: 'u1',
				dueDate: null,
				topicId: 'group-a',
				done: true
			}
		]);
		removeAction(doc, id);
		expect(readActions(doc)).toEqual([]);
	});

	it('leave fields nobody changed alone, so two people editing one action keep both edits', () => {
		const a = new Y.Doc();
		const id = addAction(a, { title: 'Rota', ownerId: null, dueDate: null, topicId: null });
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		updateAction(a, id, { title: 'Rota', ownerId: 'u1' });
		updateAction(b, id, { title: 'Rota', dueDate: '2026-01-05' });
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		expect(readActions(a)[0]).toMatchObject({ ownerId: 'u1', dueDate: '2026-01-05' });
	});
});
