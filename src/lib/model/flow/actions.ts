import * as Y from 'yjs';
import { normalizeDate, type ActionChange, type ExtractedAction } from '../actions';
import { isFlowNodeType, isStepType, nodesOf } from './shape';

/**
 * Improvement notes are a flow's actions: each is one task in the workspace
 * task list, keyed by the note's id (its key in `nodes`, unique by
 * construction). The task links back with `#action-<noteId>`; the editor
 * selects the note and the step it is attached to (locateFlowAction).
 */
function improvementNotes(doc: Y.Doc): [string, Y.Map<unknown>][] {
	return [...nodesOf(doc).entries()].filter(
		([, node]) => node instanceof Y.Map && node.get('type') === 'improvement'
	);
}

export function scanFlowActions(doc: Y.Doc): {
	actions: ExtractedAction[];
	keysNeedRepair: boolean;
} {
	return {
		actions: improvementNotes(doc).map(([id, note]) => {
			const label = note.get('label');
			const ownerId = note.get('ownerId');
			return {
				sourceKey: id,
				title: (typeof label === 'string' && label.trim()) || 'Untitled improvement',
				done: note.get('done') === true,
				assigneeId: typeof ownerId === 'string' && ownerId !== '' ? ownerId : null,
				dueDate: normalizeDate(note.get('dueDate'))
			};
		}),
		keysNeedRepair: false
	};
}

/** Writes a task-list change back into the note. False when the note is gone. */
export function applyFlowActionChange(
	doc: Y.Doc,
	sourceKey: string,
	change: ActionChange
): boolean {
	const note = nodesOf(doc).get(sourceKey);
	if (!(note instanceof Y.Map) || note.get('type') !== 'improvement') return false;
	doc.transact(() => {
		if (change.done !== undefined) note.set('done', change.done);
		if (change.assigneeId !== undefined) note.set('ownerId', change.assigneeId);
		if (change.dueDate !== undefined) note.set('dueDate', change.dueDate);
	});
	return true;
}

/**
 * Where a task's link lands: the improvement note and the step it improves
 * (null when it is not attached, or its step is gone). Null when there is no
 * such note.
 */
export function locateFlowAction(
	doc: Y.Doc,
	sourceKey: string
): { noteId: string; stepId: string | null } | null {
	const note = nodesOf(doc).get(sourceKey);
	if (!(note instanceof Y.Map) || note.get('type') !== 'improvement') return null;
	const attachedTo = note.get('attachedTo');
	const step = typeof attachedTo === 'string' ? nodesOf(doc).get(attachedTo) : undefined;
	const stepType = step instanceof Y.Map ? step.get('type') : undefined;
	const linked = isFlowNodeType(stepType) && isStepType(stepType) && attachedTo !== sourceKey;
	return { noteId: sourceKey, stepId: linked ? (attachedTo as string) : null };
}

/** The note id in a task link's hash (`#action-<noteId>`), or null. */
export function actionKeyFromHash(hash: string): string | null {
	const match = /^#action-(.+)$/.exec(hash);
	if (!match) return null;
	try {
		return decodeURIComponent(match[1]);
	} catch {
		return match[1];
	}
}
