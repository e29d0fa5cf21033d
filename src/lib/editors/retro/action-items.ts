import * as Y from 'yjs';
import { newId } from '$lib/model/retro';

/**
 * The writes the board makes to `actions`, one of the two roots a client may
 * touch (the server closes the connection on any other). Each is one
 * transaction, so the task list never sees half an action.
 */

export interface ActionInput {
	title: string;
	ownerId: string | null;
	dueDate: string | null;
	topicId: string | null;
}

export type ActionPatch = Partial<Omit<ActionInput, 'topicId'> & { done: boolean }>;

const actionsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('actions');

export function addAction(doc: Y.Doc, input: ActionInput): string {
	const id = newId();
	const action = new Y.Map<unknown>();
	doc.transact(() => {
		actionsOf(doc).set(id, action);
		action.set('id', id);
		action.set('title', input.title.trim());
		action.set('ownerId', input.ownerId);
		action.set('dueDate', input.dueDate);
		action.set('topicId', input.topicId);
		action.set('done', false);
	});
	return id;
}

/** Writes only the fields that differ, so an unchanged field never overwrites someone else's edit. */
export function updateAction(doc: Y.Doc, id: string, patch: ActionPatch): boolean {
	const action = actionsOf(doc).get(id);
	if (!action) return false;
	doc.transact(() => {
		for (const [key, value] of Object.entries(patch)) {
			if (value === undefined) continue;
			const next = key === 'title' ? String(value).trim() : value;
			if (action.get(key) !== next) action.set(key, next);
		}
	});
	return true;
}

export function removeAction(doc: Y.Doc, id: string): void {
	actionsOf(doc).delete(id);
}
