import * as Y from 'yjs';
import type { ActionChange, ExtractedAction } from './actions';
import {
	applyFrameworkActionChange,
	scanFrameworkActions,
	repairFrameworkActionKeys
} from './framework/actions';
import {
	frameworkAssignmentWriters,
	readFrameworkMentions,
	type DocumentMention
} from './framework/mentions';
import { lastWriterOf } from './authorship';
import { applyFlowActionChange, scanFlowActions } from './flow/actions';
import { applyRetroActionChange, scanRetroActions } from './retro/actions';
import { readRetroMentions, type MemberName } from './retro/mentions';

/** How the task pipeline reads and writes the actions of one document kind. */
export interface ActionSource {
	/** The document's actions, and whether some item lacks a unique key. */
	scan(doc: Y.Doc): { actions: ExtractedAction[]; keysNeedRepair: boolean };
	/** Fixes missing or duplicated keys in the document; returns how many it changed. */
	repairKeys(doc: Y.Doc): number;
	/** Applies a task-list change to the item with that key; false when it is gone. */
	applyChange(doc: Y.Doc, sourceKey: string, change: ActionChange): boolean;
	/** The Yjs client id that gave each action its current assignee (for notifications). */
	assignmentWriters?(doc: Y.Doc): Map<string, number>;
	/** The `@mention`s in the document, for kinds that have them. */
	mentions?(doc: Y.Doc, members: readonly MemberName[]): DocumentMention[];
	/** Mentions are plain-text "@Name" matched against the workspace's members (retro notes). */
	mentionsNeedMembers?: boolean;
}

export const actionSources: Partial<Record<string, ActionSource>> = {
	framework: {
		scan: scanFrameworkActions,
		repairKeys: repairFrameworkActionKeys,
		applyChange: applyFrameworkActionChange,
		assignmentWriters: frameworkAssignmentWriters,
		mentions: readFrameworkMentions
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
		applyChange: applyRetroActionChange,
		mentions: readRetroMentions,
		mentionsNeedMembers: true,
		assignmentWriters: (doc) => {
			const writers = new Map<string, number>();
			for (const [key, action] of doc.getMap<Y.Map<unknown>>('actions')) {
				const writer = lastWriterOf(action, 'ownerId');
				if (writer !== null) writers.set(key, writer);
			}
			return writers;
		}
	}
};
