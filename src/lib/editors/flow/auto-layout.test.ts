import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addEdge, addLane, addNode, readFlow, type FlowNodeType } from '$lib/model/flow';
import { applyLayout, layoutFlow } from './auto-layout';

function build() {
	const doc = new Y.Doc();
	const lanes = ['Customer', 'Front office', 'Back office'].map((title) => {
		const lane = addLane(doc, { title, height: 100 });
		if (!lane.ok) throw new Error(lane.problem);
		return lane.value.id;
	});
	const add = (type: FlowNodeType, lane: number, label: string, x: number) => {
		// Deliberately scrambled positions: the layout must sort them out.
		const result = addNode(doc, { type, x, y: lane * 100 + 20, label });
		if (!result.ok) throw new Error(result.problem);
		return result.value.id;
	};
	const start = add('start', 0, 'Start', 900);
	const ask = add('process', 0, 'Ask', 40);
	const triage = add('decision', 1, 'Triage', 600);
	const fix = add('process', 2, 'Fix', 10);
	const answer = add('process', 1, 'Answer', 300);
	const answer2 = add('process', 1, 'Answer again', 300);
	const end = add('end', 0, 'Done', 200);
	const note = addNode(doc, {
		type: 'improvement',
		x: 320,
		y: 200,
		attachedTo: answer,
		label: 'Faster answers'
	});
	if (!note.ok) throw new Error(note.problem);
	for (const [a, b] of [
		[start, ask],
		[ask, triage],
		[triage, fix],
		[triage, answer],
		[triage, answer2],
		[fix, end],
		[answer, end],
		[answer2, end]
	]) {
		addEdge(doc, { source: a, target: b });
	}
	return {
		doc,
		lanes,
		ids: { start, ask, triage, fix, answer, answer2, end, note: note.value.id }
	};
}

describe('layoutFlow', () => {
	it('orders the flow left to right while every shape stays in its lane, without overlaps', () => {
		const { doc, ids } = build();
		const before = readFlow(doc);
		const layout = layoutFlow(before);
		const problems = applyLayout(doc, layout);
		expect(problems).toEqual([]);
		const after = readFlow(doc);
		const byId = new Map(after.nodes.map((n) => [n.id, n]));

		for (const node of before.nodes) {
			// Improvement notes follow their step instead.
			if (node.type !== 'improvement') expect(byId.get(node.id)!.laneId).toBe(node.laneId);
		}
		for (const edge of after.edges) {
			expect(byId.get(edge.source)!.x).toBeLessThan(byId.get(edge.target)!.x);
		}
		// Two answers in the same column of the same lane are stacked, not on top of each other.
		for (const a of after.nodes) {
			for (const b of after.nodes) {
				if (a.id >= b.id) continue;
				const apart =
					a.x + a.width <= b.x ||
					b.x + b.width <= a.x ||
					a.y + a.height <= b.y ||
					b.y + b.height <= a.y;
				expect(apart, `${a.label} overlaps ${b.label}`).toBe(true);
			}
		}
		// The lane holding the stacked answers grew to fit them; every shape is inside its lane.
		for (const node of after.nodes.filter((n) => n.type !== 'improvement')) {
			const lane = after.lanes.find((l) => l.id === node.laneId);
			if (!lane) continue;
			expect(node.y).toBeGreaterThanOrEqual(lane.top);
			expect(node.y + node.height).toBeLessThanOrEqual(lane.top + lane.height);
		}
		const front = after.lanes[1];
		expect(front.height).toBeGreaterThan(100);

		// The improvement note moved with its step: as far below it as before.
		const note = byId.get(ids.note)!;
		const answer = byId.get(ids.answer)!;
		const noteBefore = before.nodes.find((n) => n.id === ids.note)!;
		const answerBefore = before.nodes.find((n) => n.id === ids.answer)!;
		expect(note.y - answer.y).toBe(noteBefore.y - answerBefore.y);
		expect(note.x).toBeGreaterThanOrEqual(answer.x);
	});

	it('lays out a flow without lanes in its own direction', () => {
		const doc = new Y.Doc();
		const a = addNode(doc, { type: 'start', x: 500, y: 500 });
		const b = addNode(doc, { type: 'process', x: 0, y: 0 });
		if (!a.ok || !b.ok) throw new Error('setup');
		addEdge(doc, { source: a.value.id, target: b.value.id });
		doc.getMap('meta').set('direction', 'TB');
		applyLayout(doc, layoutFlow(readFlow(doc)));
		const after = readFlow(doc);
		const start = after.nodes.find((n) => n.id === a.value.id)!;
		const step = after.nodes.find((n) => n.id === b.value.id)!;
		expect(start.y + start.height).toBeLessThan(step.y);
	});
});
