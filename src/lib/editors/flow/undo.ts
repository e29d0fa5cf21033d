import * as Y from 'yjs';
import { edgesOf, lanesOf, metaOf, nodesOf } from '$lib/model/flow';

/**
 * Undo and redo of this person's own changes only. Every local edit runs in a
 * transaction with this editor's origin; the UndoManager tracks nothing else,
 * so a colleague's edit (applied with the provider as origin) is never undone
 * from here, and undoing ours leaves theirs in place.
 */
export interface FlowHistory {
	/** Runs `write` as this person's edit; edits close together merge (typing). */
	transact<T>(write: () => T): T;
	/** Runs `write` as one undo step of its own (adding a shape, an arrow, a layout). */
	step<T>(write: () => T): T;
	/** The next edit starts a new undo step (after the selection changed, say). */
	stopCapturing(): void;
	undo(): void;
	redo(): void;
	canUndo(): boolean;
	canRedo(): boolean;
	/** From here until endGesture, every edit joins one undo step (a drag, a resize). */
	beginGesture(): void;
	endGesture(): void;
	/** Called after any change to the stacks. */
	onChange(listener: () => void): () => void;
	destroy(): void;
}

/** Edits closer together than this (typing a label) undo as one step. */
export const CAPTURE_MS = 500;

export function createFlowHistory(doc: Y.Doc): FlowHistory {
	const origin = { editor: 'flow' };
	const manager = new Y.UndoManager([metaOf(doc), lanesOf(doc), nodesOf(doc), edgesOf(doc)], {
		trackedOrigins: new Set([origin]),
		captureTimeout: CAPTURE_MS
	});
	const listeners = new Set<() => void>();
	const notify = () => listeners.forEach((listener) => listener());
	for (const event of ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const) {
		manager.on(event, notify);
	}
	let gesture = false;

	const transact = <T>(write: () => T): T => {
		let result!: T;
		doc.transact(() => {
			result = write();
		}, origin);
		return result;
	};

	return {
		transact,
		step: (write) => {
			if (!gesture) manager.stopCapturing();
			const result = transact(write);
			if (!gesture) manager.stopCapturing();
			return result;
		},
		stopCapturing: () => {
			if (!gesture) manager.stopCapturing();
		},
		undo: () => {
			if (gesture) return;
			manager.undo();
		},
		redo: () => {
			if (gesture) return;
			manager.redo();
		},
		canUndo: () => manager.canUndo(),
		canRedo: () => manager.canRedo(),
		beginGesture: () => {
			manager.stopCapturing();
			manager.captureTimeout = Number.POSITIVE_INFINITY;
			gesture = true;
		},
		endGesture: () => {
			manager.captureTimeout = CAPTURE_MS;
			manager.stopCapturing();
			gesture = false;
		},
		onChange: (listener) => {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		destroy: () => {
			listeners.clear();
			manager.destroy();
		}
	};
}
