import type * as Y from 'yjs';
import { normalizeDate, type ActionChange, type ExtractedAction } from '../actions';
import { readActions } from './shape';

/** A retro's action items are tasks; the source key is the action's id. */
export function scanRetroActions(doc: Y.Doc): {
	actions: ExtractedAction[];
	keysNeedRepair: boolean;
} {
	return {
		actions: readActions(doc).map((a) => ({
			sourceKey: a.id,
			title: a.title.trim() || 'Untitled action',
			done: a.done,
			assigneeId: a.ownerId,
			dueDate: normalizeDate(a.dueDate)
		})),
		// Actions are keyed by their map key: unique by construction.
		keysNeedRepair: false
	};
}

export function applyRetroActionChange(
	doc: Y.Doc,
	sourceKey: string,
	change: ActionChange
): boolean {
	const action = doc.getMap<Y.Map<unknown>>('actions').get(sourceKey);
	if (!action) return false;
	doc.transact(() => {
		if (change.done !== undefined) action.set('done', change.done);
		if (change.assigneeId !== undefined) action.set('ownerId', change.assigneeId);
		if (change.dueDate !== undefined) action.set('dueDate', change.dueDate);
	});
	return true;
}
