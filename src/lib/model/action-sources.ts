import type * as Y from 'yjs';
import type { ActionChange, ExtractedAction } from './actions';
import {
	applyFrameworkActionChange,
	scanFrameworkActions,
	repairFrameworkActionKeys
} from './framework/actions';
import { applyFlowActionChange, scanFlowActions } from './flow/actions';
import { applyRetroActionChange, scanRetroActions } from './retro/actions';

/** How the task pipeline reads and writes the actions of one document kind. */
export interface ActionSource {
	/** The document's actions, and whether some item lacks a unique key. */
	scan(doc: Y.Doc): { actions: ExtractedAction[]; keysNeedRepair: boolean };
	/** Fixes missing or duplicated keys in the document; returns how many it changed. */
	repairKeys(doc: Y.Doc): number;
	/** Applies a task-list change to the item with that key; false when it is gone. */
	applyChange(doc: Y.Doc, sourceKey: string, change: ActionChange): boolean;
}

export const actionSources: Partial<Record<string, ActionSource>> = {
	framework: {
		scan: scanFrameworkActions,
		repairKeys: repairFrameworkActionKeys,
		applyChange: applyFrameworkActionChange
	},
	flow: {
		scan: scanFlowActions,
		// Improvement notes are keyed by their key in the `nodes` map: unique by construction.
		repairKeys: () => 0,
		applyChange: applyFlowActionChange
	},
	retro: {
		scan: scanRetroActions,
		// Actions are keyed by their key in the `actions` map: unique by construction.
		repairKeys: () => 0,
		applyChange: applyRetroActionChange
	}
};
