import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { actionSources } from '../action-sources';
import {
	actionKeyFromHash,
	addNode,
	applyFlowActionChange,
	initFlowDocument,
	locateFlowAction,
	readFlow,
	removeNodes,
	scanFlowActions,
	updateNode,
	type FlowResult
} from './index';

function value<T>(result: FlowResult<T>): T {
	if (!result.ok) throw new Error(result.problem);
	return result.value;
}

function flowWithNotes() {
	const doc = new Y.Doc();
	value(initFlowDocument(doc, 'cross-team', 'en'));
	const step = readFlow(doc).nodes.find((n) => n.label === 'Triage')!.id;
	const note = value(
		addNode(doc, {
			type: 'improvement',
			x: 0,
			y: 600,
			label: '  Auto-assign by product  ',
			attachedTo: step,
			ownerId: 'u1',
			dueDate: '2026-12-01'
		})
	).id;
	const blank = value(addNode(doc, { type: 'improvement', x: 300, y: 600 })).id;
	value(addNode(doc, { type: 'note', x: 600, y: 600, label: 'Not an action' }));
	return { doc, step, note, blank };
}

describe('flow actions', () => {
	it('extracts every improvement note, and nothing else, as an action', () => {
		const { doc, note, blank } = flowWithNotes();
		const { actions, keysNeedRepair } = actionSources.flow!.scan(doc);
		expect(keysNeedRepair).toBe(false);
		expect(actions).toHaveLength(2);
		expect(actions).toEqual(
			expect.arrayContaining([
				{
					sourceKey: note,
					title: 'Auto-assign by product',
					done: false,
					assigneeId: 'u1',
					dueDate: '2026-12-01'
				},
				{
					sourceKey: blank,
					title: 'Untitled improvement',
					done: false,
					assigneeId: null,
					dueDate: null
				}
			])
		);
	});

	it('ignores a due date a script wrote wrongly', () => {
		const { doc, note } = flowWithNotes();
		doc.getMap<Y.Map<unknown>>('nodes').get(note)!.set('dueDate', '2026-02-30');
		expect(scanFlowActions(doc).actions.find((a) => a.sourceKey === note)!.dueDate).toBeNull();
	});

	it('writes task-list changes back into the note', () => {
		const { doc, note } = flowWithNotes();
		expect(
			applyFlowActionChange(doc, note, { done: true, assigneeId: null, dueDate: '2027-01-15' })
		).toBe(true);
		expect(readFlow(doc).nodes.find((n) => n.id === note)).toMatchObject({
			done: true,
			ownerId: null,
			dueDate: '2027-01-15'
		});
		expect(scanFlowActions(doc).actions.find((a) => a.sourceKey === note)).toMatchObject({
			done: true,
			assigneeId: null
		});
		const step = readFlow(doc).nodes.find((n) => n.type === 'process')!.id;
		expect(applyFlowActionChange(doc, step, { done: true })).toBe(false);
		removeNodes(doc, [note]);
		expect(applyFlowActionChange(doc, note, { done: false })).toBe(false);
	});

	it('links a task back to its note and the step it improves', () => {
		const { doc, step, note, blank } = flowWithNotes();
		expect(actionKeyFromHash(`#action-${encodeURIComponent(note)}`)).toBe(note);
		expect(actionKeyFromHash('#other')).toBeNull();
		expect(locateFlowAction(doc, note)).toEqual({ noteId: note, stepId: step });
		expect(locateFlowAction(doc, blank)).toEqual({ noteId: blank, stepId: null });
		expect(locateFlowAction(doc, step)).toBeNull();
		value(updateNode(doc, note, { attachedTo: null }));
		expect(locateFlowAction(doc, note)).toEqual({ noteId: note, stepId: null });
	});
});
