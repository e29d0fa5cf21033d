import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addEdge,
	addLane,
	addNode,
	ensureFlowMeta,
	FLOW_SCHEMA_VERSION,
	initFlowDocument,
	laneAt,
	minLaneHeight,
	moveLane,
	moveNode,
	numberSteps,
	pasteSelection,
	readFlow,
	removeLane,
	removeNodes,
	renameLane,
	resizeLane,
	serializeSelection,
	suggestEdgeLabel,
	updateEdge,
	updateNode,
	type FlowResult
} from './index';

function value<T>(result: FlowResult<T>): T {
	if (!result.ok) throw new Error(result.problem);
	return result.value;
}

/** Three 100 px lanes: A at 0, B at 100, C at 200. */
function laned(): { doc: Y.Doc; a: string; b: string; c: string } {
	const doc = new Y.Doc();
	value(initFlowDocument(doc, 'blank', 'en'));
	const a = value(addLane(doc, { title: 'A', height: 100 })).id;
	const b = value(addLane(doc, { title: 'B', height: 100 })).id;
	const c = value(addLane(doc, { title: 'C', height: 100 })).id;
	return { doc, a, b, c };
}

const nodeOf = (doc: Y.Doc, id: string) => readFlow(doc).nodes.find((n) => n.id === id)!;

/** Sends each document's missing updates to the other, as the sync server would. */
function sync(one: Y.Doc, other: Y.Doc): void {
	Y.applyUpdate(other, Y.encodeStateAsUpdate(one, Y.encodeStateVector(other)));
	Y.applyUpdate(one, Y.encodeStateAsUpdate(other, Y.encodeStateVector(one)));
}

function replica(of: Y.Doc): Y.Doc {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(of));
	return copy;
}

describe('flow templates', () => {
	it('starts a service blueprint with its four lanes and lines, and a connected start and end', () => {
		const doc = new Y.Doc();
		value(initFlowDocument(doc, 'service-blueprint', 'en'));
		const flow = readFlow(doc);
		expect(flow.meta).toEqual({
			schemaVersion: FLOW_SCHEMA_VERSION,
			kind: 'flow',
			numbering: false,
			direction: 'LR'
		});
		expect(flow.lanes.map((l) => [l.title, l.line, l.top])).toEqual([
			['Customer actions', 'interaction', 0],
			['Frontstage', 'visibility', 160],
			['Backstage', 'internal-interaction', 320],
			['Support processes', null, 480]
		]);
		const start = flow.nodes.find((n) => n.type === 'start')!;
		expect(start.laneId).toBe(flow.lanes[0].id);
		expect(laneAt(flow.lanes, start.y + start.height / 2)?.id).toBe(start.laneId);
		expect(flow.edges).toHaveLength(3);
	});

	it('writes the template in the creator’s language', () => {
		const doc = new Y.Doc();
		value(initFlowDocument(doc, 'service-blueprint', 'zh-Hans'));
		const flow = readFlow(doc);
		expect(flow.lanes.map((l) => l.title)).toEqual([
			'顾客行为',
			'前台行为',
			'后台行为',
			'支持流程'
		]);
		expect(flow.nodes.find((n) => n.type === 'start')!.label).toBe('顾客产生需求');
		const taiwan = new Y.Doc();
		value(initFlowDocument(taiwan, 'cross-team', 'zh-Hant'));
		expect(readFlow(taiwan).lanes.map((l) => l.title)).toEqual(['需求提出者', '團隊 A', '團隊 B']);
	});

	it('refuses an unknown template and a second initialisation', () => {
		const doc = new Y.Doc();
		expect(initFlowDocument(doc, 'nope', 'en')).toMatchObject({ ok: false });
		value(initFlowDocument(doc, 'cross-team', 'en'));
		expect(initFlowDocument(doc, 'blank', 'en')).toEqual({
			ok: false,
			problem: 'This flow already has a diagram.'
		});
		expect(readFlow(doc).lanes.map((l) => l.title)).toEqual(['Requester', 'Team A', 'Team B']);
	});

	it('writes the operations service flow with its branch to technical support, in each language', () => {
		const doc = new Y.Doc();
		value(initFlowDocument(doc, 'operations-service', 'en'));
		const flow = readFlow(doc);
		expect(flow.lanes.map((l) => l.title)).toEqual([
			'Customer',
			'Customer interaction',
			'Service delivery',
			'Technical support',
			'Operations management'
		]);
		const byLabel = new Map(flow.nodes.map((n) => [n.label, n]));
		const from = (label: string) =>
			flow.edges
				.filter((e) => e.source === byLabel.get(label)?.id)
				.map((e) => flow.nodes.find((n) => n.id === e.target)?.label);
		// Arrows are a Y.Map: their order is not the template's.
		expect(from('Standard service?').sort()).toEqual([
			'Deliver the service',
			'Technical support investigates'
		]);
		expect(from('Customer gives feedback')).toEqual(['Operations review']);
		expect(byLabel.get('Operations review')?.laneId).toBe(flow.lanes[4].id);
		const zh = new Y.Doc();
		value(initFlowDocument(zh, 'operations-service', 'zh-Hans'));
		expect(readFlow(zh).lanes.map((l) => l.title)).toContain('技术支持');
		const tw = new Y.Doc();
		value(initFlowDocument(tw, 'operations-service', 'zh-Hant'));
		expect(readFlow(tw).lanes.map((l) => l.title)).toContain('技術支援');
	});

	it('stamps an empty document once', () => {
		const doc = new Y.Doc();
		expect(ensureFlowMeta(doc)).toBe(true);
		expect(ensureFlowMeta(doc)).toBe(false);
		expect(readFlow(doc).meta.kind).toBe('flow');
	});
});

describe('lanes and node positions', () => {
	it('puts a node in the lane under its centre and keeps its absolute position', () => {
		const { doc, b } = laned();
		const { id, laneId } = value(addNode(doc, { type: 'process', x: 10.4, y: 120, height: 60 }));
		expect(laneId).toBe(b);
		expect(nodeOf(doc, id)).toMatchObject({ x: 10, y: 120, laneId: b, width: 160 });
		// Stored relative to lane B's top.
		expect(doc.getMap<Y.Map<unknown>>('nodes').get(id)!.get('y')).toBe(20);
	});

	it('moves a node between lanes, and out of them', () => {
		const { doc, a, c } = laned();
		const { id } = value(addNode(doc, { type: 'process', x: 0, y: 10, height: 40 }));
		expect(value(moveNode(doc, id, 50, 230)).laneId).toBe(c);
		expect(nodeOf(doc, id)).toMatchObject({ x: 50, y: 230, laneId: c });
		// Centre at 290 + 20 = 310: below every lane.
		expect(value(moveNode(doc, id, 50, 290)).laneId).toBeNull();
		expect(nodeOf(doc, id)).toMatchObject({ y: 290, laneId: null });
		expect(value(moveNode(doc, id, 0, -15)).laneId).toBe(a);
		expect(moveNode(doc, 'gone', 0, 0)).toMatchObject({ ok: false });
		expect(moveNode(doc, id, Number.NaN, 0)).toMatchObject({ ok: false });
	});

	it('moves a lane with its nodes, and shifts the lanes below when one is resized', () => {
		const { doc, a, b, c } = laned();
		const inC = value(addNode(doc, { type: 'process', x: 0, y: 210, height: 40 })).id;
		const inA = value(addNode(doc, { type: 'decision', x: 0, y: 20, height: 40 })).id;
		value(moveLane(doc, c, 0));
		expect(readFlow(doc).lanes.map((l) => l.id)).toEqual([c, a, b]);
		expect(nodeOf(doc, inC)).toMatchObject({ y: 10, laneId: c });
		expect(nodeOf(doc, inA)).toMatchObject({ y: 120, laneId: a });

		value(resizeLane(doc, c, 250));
		expect(nodeOf(doc, inC).y).toBe(10);
		expect(nodeOf(doc, inA).y).toBe(270);
		expect(readFlow(doc).lanes.map((l) => l.top)).toEqual([0, 250, 350]);
	});

	it('refuses to shrink a lane past the centre of a node in it', () => {
		const { doc, a } = laned();
		value(addNode(doc, { type: 'process', x: 0, y: 60, height: 30 }));
		expect(minLaneHeight(readFlow(doc), a)).toBe(76);
		expect(resizeLane(doc, a, 75)).toEqual({
			ok: false,
			problem: 'This lane needs at least 76 pixels for the shapes in it.'
		});
		value(resizeLane(doc, a, 76));
		expect(resizeLane(doc, a, 10)).toMatchObject({ ok: false });
	});

	it('removes only empty lanes and keeps the rest in place', () => {
		const { doc, a, b, c } = laned();
		const node = value(addNode(doc, { type: 'process', x: 0, y: 150, height: 40 })).id;
		expect(removeLane(doc, b)).toEqual({
			ok: false,
			problem: '“B” still holds 1 shape: move or delete it first.'
		});
		value(removeLane(doc, a));
		expect(readFlow(doc).lanes.map((l) => [l.id, l.top])).toEqual([
			[b, 0],
			[c, 100]
		]);
		expect(nodeOf(doc, node)).toMatchObject({ y: 50, laneId: b });
		removeNodes(doc, [node]);
		value(removeLane(doc, b));
		expect(readFlow(doc).lanes).toHaveLength(1);
	});

	it('keeps a stable order after many moves into the same gap', () => {
		const { doc, a, b, c } = laned();
		for (let i = 0; i < 80; i++) value(moveLane(doc, i % 2 ? a : b, 1));
		expect(new Set(readFlow(doc).lanes.map((l) => l.id))).toEqual(new Set([a, b, c]));
		value(moveLane(doc, c, 1));
		expect(readFlow(doc).lanes[1].id).toBe(c);
	});

	it('validates titles and heights', () => {
		const { doc, a } = laned();
		expect(addLane(doc, { title: 'x'.repeat(101) })).toMatchObject({ ok: false });
		expect(addLane(doc, { title: 'Tiny', height: 5 })).toMatchObject({ ok: false });
		value(renameLane(doc, a, 'Customers'));
		expect(readFlow(doc).lanes[0].title).toBe('Customers');
		const inserted = value(addLane(doc, { title: 'Top', index: 0 })).id;
		expect(readFlow(doc).lanes[0].id).toBe(inserted);
	});
});

describe('nodes and edges', () => {
	it('removing a step removes its arrows and detaches its improvement notes', () => {
		const { doc } = laned();
		const step = value(addNode(doc, { type: 'process', x: 0, y: 0 })).id;
		const next = value(addNode(doc, { type: 'end', x: 300, y: 0 })).id;
		const note = value(
			addNode(doc, { type: 'improvement', x: 0, y: 250, label: 'Automate', attachedTo: step })
		).id;
		value(addEdge(doc, { source: step, target: next }));
		const { removedNodes, removedEdges } = removeNodes(doc, [step, 'unknown']);
		expect(removedNodes).toEqual([step]);
		expect(removedEdges).toHaveLength(1);
		const flow = readFlow(doc);
		expect(flow.edges).toEqual([]);
		expect(flow.nodes.find((n) => n.id === note)).toMatchObject({ attachedTo: null });
	});

	it('validates node fields and keeps improvement notes apart from steps', () => {
		const { doc } = laned();
		const step = value(addNode(doc, { type: 'process', x: 0, y: 0 })).id;
		const note = value(addNode(doc, { type: 'note', x: 0, y: 0 })).id;
		expect(addNode(doc, { type: 'process', x: 0, y: 0, dueDate: '2026-01-01' })).toMatchObject({
			ok: false
		});
		expect(addNode(doc, { type: 'improvement', x: 0, y: 0, attachedTo: note })).toMatchObject({
			ok: false
		});
		expect(addNode(doc, { type: 'improvement', x: 0, y: 0, dueDate: '2026-02-30' })).toMatchObject({
			ok: false
		});
		const idea = value(addNode(doc, { type: 'improvement', x: 0, y: 0, attachedTo: step })).id;
		expect(updateNode(doc, idea, { type: 'process' })).toMatchObject({ ok: false });
		expect(addEdge(doc, { source: step, target: idea })).toEqual({
			ok: false,
			problem: 'Attach an improvement note to its step instead of drawing an arrow.'
		});

		value(updateNode(doc, step, { label: 'Check ID', ownerRole: 'Agent', sla: '4h' }));
		expect(nodeOf(doc, step)).toMatchObject({ label: 'Check ID', ownerRole: 'Agent', sla: '4h' });
		// A step that becomes a note lets its improvement notes go.
		value(updateNode(doc, step, { type: 'note' }));
		expect(nodeOf(doc, idea).attachedTo).toBeNull();
	});

	it('edits arrows and suggests yes/no labels on decisions', () => {
		const { doc } = laned();
		const ask = value(addNode(doc, { type: 'decision', x: 0, y: 0 })).id;
		const yes = value(addNode(doc, { type: 'process', x: 300, y: 0 })).id;
		const no = value(addNode(doc, { type: 'process', x: 300, y: 200 })).id;
		expect(suggestEdgeLabel(readFlow(doc), ask)).toBe('Yes');
		const edge = value(addEdge(doc, { source: ask, target: yes, label: 'Yes' })).id;
		expect(suggestEdgeLabel(readFlow(doc), ask)).toBe('No');
		expect(updateEdge(doc, edge, { style: 'wiggly' as never })).toMatchObject({ ok: false });
		value(updateEdge(doc, edge, { style: 'step', arrow: 'both', target: no }));
		expect(readFlow(doc).edges[0]).toMatchObject({ style: 'step', arrow: 'both', target: no });
		expect(addEdge(doc, { source: ask, target: 'missing' })).toMatchObject({ ok: false });
	});

	it('numbers steps along the arrows from the start', () => {
		const { doc } = laned();
		const start = value(addNode(doc, { type: 'start', x: 0, y: 0 })).id;
		const far = value(addNode(doc, { type: 'process', x: 900, y: 0 })).id;
		const near = value(addNode(doc, { type: 'process', x: 300, y: 0 })).id;
		const loose = value(addNode(doc, { type: 'process', x: 100, y: 250 })).id;
		value(addNode(doc, { type: 'note', x: 0, y: 200 }));
		value(addEdge(doc, { source: start, target: far }));
		value(addEdge(doc, { source: far, target: near }));
		expect(numberSteps(readFlow(doc))).toEqual(
			new Map([
				[far, 1],
				[near, 2],
				[loose, 3]
			])
		);
	});
});

describe('copy and paste', () => {
	it('pastes copies with new ids, remapped arrows and notes, in the lane under them', () => {
		const { doc, b } = laned();
		const one = value(addNode(doc, { type: 'process', x: 0, y: 10, label: 'One' })).id;
		const two = value(addNode(doc, { type: 'process', x: 300, y: 10, label: 'Two' })).id;
		const idea = value(
			addNode(doc, { type: 'improvement', x: 0, y: 250, label: 'Idea', attachedTo: one })
		).id;
		value(addEdge(doc, { source: one, target: two, label: 'then' }));
		const clip = JSON.parse(JSON.stringify(serializeSelection(doc, [one, two, idea])));
		const { nodeIds, edgeIds } = value(pasteSelection(doc, clip, { x: 0, y: 100 }));
		expect(nodeIds).toHaveLength(3);
		expect(edgeIds).toHaveLength(1);
		const flow = readFlow(doc);
		const copies = flow.nodes.filter((n) => nodeIds.includes(n.id));
		const oneCopy = copies.find((n) => n.label === 'One')!;
		expect(oneCopy).toMatchObject({ x: 0, y: 110, laneId: b });
		expect(copies.find((n) => n.label === 'Idea')!.attachedTo).toBe(oneCopy.id);
		expect(flow.edges.find((e) => e.id === edgeIds[0])).toMatchObject({
			source: oneCopy.id,
			label: 'then'
		});
	});

	it('refuses what is not a flow selection', () => {
		const { doc } = laned();
		expect(pasteSelection(doc, 'hello')).toMatchObject({ ok: false });
		expect(
			pasteSelection(doc, {
				format: 'opsloom-flow-selection',
				nodes: [{ id: 'x', type: 'rocket', x: 0, y: 0 }]
			})
		).toMatchObject({ ok: false });
		expect(readFlow(doc).nodes).toEqual([]);
	});
});

describe('two people editing at once', () => {
	it('converges when one moves a lane while the other moves a node into it', () => {
		const { doc: ann, a, b, c } = laned();
		const node = value(addNode(ann, { type: 'process', x: 0, y: 10, height: 40 })).id;
		const bob = replica(ann);

		value(moveLane(ann, c, 0)); // Ann: C to the top.
		value(moveNode(bob, node, 40, 230)); // Bob: the node into C, as he sees it (top 200).
		sync(ann, bob);

		const flow = readFlow(ann);
		expect(readFlow(bob)).toEqual(flow);
		expect(flow.lanes.map((l) => l.id)).toEqual([c, a, b]);
		// The node is in C, at the same place within C that Bob put it.
		expect(nodeOf(ann, node)).toMatchObject({ laneId: c, x: 40, y: 30 });
	});

	it('does not duplicate a lane that two people move at once, nor lose a rename', () => {
		const { doc: ann, a, b, c } = laned();
		const bob = replica(ann);
		value(moveLane(ann, a, 2));
		value(moveLane(bob, a, 1));
		value(renameLane(bob, b, 'Frontstage'));
		sync(ann, bob);
		const lanes = readFlow(ann).lanes;
		expect(readFlow(bob).lanes).toEqual(lanes);
		expect(lanes.map((l) => l.id).sort()).toEqual([a, b, c].sort());
		expect(lanes.find((l) => l.id === b)!.title).toBe('Frontstage');
	});

	it('reads a node whose lane was removed meanwhile as lane-less', () => {
		const { doc: ann, c } = laned();
		const node = value(addNode(ann, { type: 'process', x: 0, y: 10, height: 40 })).id;
		const bob = replica(ann);
		value(removeLane(ann, c));
		value(moveNode(bob, node, 0, 210));
		sync(ann, bob);
		expect(readFlow(ann)).toEqual(readFlow(bob));
		expect(nodeOf(ann, node)).toMatchObject({ laneId: null, y: 10 });
	});
});
