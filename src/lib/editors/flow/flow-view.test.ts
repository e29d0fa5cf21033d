import { describe, expect, it } from 'vitest';
import type { FlowEdge, FlowNode, FlowSnapshot } from '$lib/model/flow';
import {
	buildEdges,
	buildNodes,
	facingSides,
	openingViewport,
	selectOnly,
	type ArrowEdge,
	type NodeViewInput,
	type ShapeNode
} from './flow-view';

function node(id: string, fields: Partial<FlowNode> = {}): FlowNode {
	return {
		id,
		type: 'process',
		label: id,
		x: 0,
		y: 0,
		width: 160,
		height: 64,
		laneId: null,
		ownerRole: '',
		sla: '',
		description: '',
		attachedTo: null,
		ownerId: null,
		dueDate: null,
		done: false,
		...fields
	};
}

function edge(
	id: string,
	source: string,
	target: string,
	fields: Partial<FlowEdge> = {}
): FlowEdge {
	return {
		id,
		source,
		target,
		sourceHandle: null,
		targetHandle: null,
		label: '',
		style: 'smooth',
		arrow: 'end',
		...fields
	};
}

function snapshotOf(nodes: FlowNode[], edges: FlowEdge[] = []): FlowSnapshot {
	return {
		meta: { schemaVersion: 1, kind: 'flow', numbering: false, direction: 'LR' },
		lanes: [],
		nodes,
		edges
	};
}

const input = (snapshot: FlowSnapshot, extra: Partial<NodeViewInput> = {}): NodeViewInput => ({
	snapshot,
	numbers: null,
	peerSelections: new Map(),
	memberNames: new Map(),
	...extra
});

describe('buildNodes', () => {
	it('keeps the object of every node that did not change, so Svelte Flow skips it', () => {
		const many = Array.from({ length: 1000 }, (_, i) => node(`n${i}`, { x: i * 10 }));
		const first = buildNodes(input(snapshotOf(many)), []);
		const changed = many.map((n) => (n.id === 'n500' ? { ...n, label: 'Renamed' } : { ...n }));
		const second = buildNodes(input(snapshotOf(changed)), first);

		const replaced = second.filter((view, i) => view !== first[i]);
		expect(replaced.map((v) => v.id)).toEqual(['n500']);
		expect(replaced[0].data.node.label).toBe('Renamed');
	});

	it('keeps a changed node selected, and where this person is dragging it', () => {
		const [view] = buildNodes(input(snapshotOf([node('a', { x: 10, y: 10 })])), []);
		const held: ShapeNode = {
			...view,
			selected: true,
			dragging: true,
			position: { x: 300, y: 90 }
		};
		// Someone else renames it while it is under this person's pointer.
		const [next] = buildNodes(input(snapshotOf([node('a', { x: 10, y: 10, label: 'Theirs' })])), [
			held
		]);
		expect(next.selected).toBe(true);
		expect(next.position).toEqual({ x: 300, y: 90 });
		expect(next.data.node.label).toBe('Theirs');
	});

	it('moves a node that someone else moved', () => {
		const [view] = buildNodes(input(snapshotOf([node('a', { x: 10, y: 10 })])), []);
		const [next] = buildNodes(input(snapshotOf([node('a', { x: 250, y: 40 })])), [view]);
		expect(next.position).toEqual({ x: 250, y: 40 });
		expect(next.handles?.length).toBe(5);
	});

	it('marks what others selected and shows step numbers', () => {
		const snapshot = snapshotOf([node('a'), node('b')]);
		const first = buildNodes(input(snapshot), []);
		const second = buildNodes(
			input(snapshot, {
				numbers: new Map([['a', 1]]),
				peerSelections: new Map([['b', [{ name: 'Bob', color: '#c0392b' }]]])
			}),
			first
		);
		expect(second[0].data.number).toBe(1);
		expect(second[1].data.peers).toEqual([{ name: 'Bob', color: '#c0392b' }]);
	});

	it('names the step an improvement note improves and its owner', () => {
		const snapshot = snapshotOf([
			node('step', { label: 'Refund' }),
			node('note', { type: 'improvement', attachedTo: 'step', ownerId: 'u1' })
		]);
		const views = buildNodes(input(snapshot, { memberNames: new Map([['u1', 'Alice']]) }), []);
		const note = views.find((v) => v.id === 'note')!;
		expect(note.data.stepLabel).toBe('Refund');
		expect(note.data.ownerName).toBe('Alice');
		// Notes have no connection points of their own, only the hidden centre for the tie.
		expect(note.handles?.map((h) => h.id)).toEqual(['center']);
	});
});

describe('buildEdges', () => {
	it('uses the flow direction for arrows without connection points, and keeps unchanged arrows', () => {
		const snapshot = snapshotOf(
			[node('a'), node('b')],
			[edge('e1', 'a', 'b'), edge('e2', 'b', 'a', { sourceHandle: 'bottom', style: 'step' })]
		);
		const first = buildEdges({ snapshot, peerSelections: new Map() }, []);
		expect(first.map((e) => [e.sourceHandle, e.targetHandle, e.type, e.data?.edge?.style])).toEqual(
			[
				['right', 'left', 'arrow', 'smooth'],
				['bottom', 'left', 'arrow', 'step']
			]
		);
		const again = buildEdges({ snapshot, peerSelections: new Map() }, first);
		expect(again[0]).toBe(first[0]);
		expect(again[1]).toBe(first[1]);

		const downwards = { ...snapshot, meta: { ...snapshot.meta, direction: 'TB' as const } };
		const turned = buildEdges({ snapshot: downwards, peerSelections: new Map() }, first);
		expect(turned[0]).not.toBe(first[0]);
		expect([turned[0].sourceHandle, turned[0].targetHandle]).toEqual(['bottom', 'top']);
	});

	it('draws arrowheads as stored and labels decisions', () => {
		const snapshot = snapshotOf(
			[node('a'), node('b')],
			[edge('e', 'a', 'b', { label: 'Yes', arrow: 'both' }), edge('f', 'b', 'a', { arrow: 'none' })]
		);
		const [both, none] = buildEdges({ snapshot, peerSelections: new Map() }, []);
		expect(both.label).toBe('Yes');
		expect(both.markerStart).toBeDefined();
		expect(both.markerEnd).toBeDefined();
		expect(none.markerEnd).toBeUndefined();
	});

	it('ties an attached improvement note to its step with a line nobody can select', () => {
		const snapshot = snapshotOf([
			node('step'),
			node('note', { type: 'improvement', attachedTo: 'step' })
		]);
		const [tie] = buildEdges({ snapshot, peerSelections: new Map() }, []) as ArrowEdge[];
		expect(tie).toMatchObject({
			source: 'note',
			target: 'step',
			selectable: false,
			deletable: false
		});
	});
});

describe('selectOnly', () => {
	it('replaces only the items whose selection changes', () => {
		const items = [{ id: 'a', selected: true }, { id: 'b', selected: false }, { id: 'c' }];
		const next = selectOnly(items, new Set(['b', 'c']));
		expect(next[0]).not.toBe(items[0]);
		expect(next.map((i) => Boolean(i.selected))).toEqual([false, true, true]);
		expect(selectOnly(next, new Set(['b', 'c']))).toBe(next);
	});
});

describe('facingSides', () => {
	it('leaves towards the target and enters from the source', () => {
		const box = (x: number, y: number) => ({ x, y, width: 100, height: 50 });
		expect(facingSides(box(0, 0), box(300, 20))).toEqual({ source: 'right', target: 'left' });
		expect(facingSides(box(300, 0), box(0, 20))).toEqual({ source: 'left', target: 'right' });
		expect(facingSides(box(0, 0), box(20, 300))).toEqual({ source: 'bottom', target: 'top' });
	});
});

describe('openingViewport', () => {
	it('fits a small flow and opens a large one readable at its start', () => {
		const small = snapshotOf([node('a', { x: 0, y: 0 }), node('b', { x: 600, y: 300 })]);
		expect(openingViewport(small, { width: 1000, height: 600 }, 0.3)).toBeNull();
		const large = snapshotOf(
			Array.from({ length: 400 }, (_, i) =>
				node(`n${i}`, { x: (i % 40) * 240, y: 100 + Math.floor(i / 40) * 160 })
			)
		);
		const view = openingViewport(large, { width: 1000, height: 600 }, 0.3)!;
		expect(view.zoom).toBeGreaterThanOrEqual(0.3);
		// The first shape is on screen, near the top left.
		expect(view.x).toBeGreaterThan(0);
		expect(100 * view.zoom + view.y).toBeLessThan(100);
	});

	it('fits a wide flow of ordinary size whole on a phone, but still opens a large one at its start', () => {
		const wide = snapshotOf(
			Array.from({ length: 12 }, (_, i) => node(`n${i}`, { x: i * 240, y: 100 }))
		);
		expect(openingViewport(wide, { width: 270, height: 400 }, 0.3)).not.toBeNull();
		expect(openingViewport(wide, { width: 270, height: 400 }, 0.3, 150)).toBeNull();
		const large = snapshotOf(
			Array.from({ length: 400 }, (_, i) => node(`n${i}`, { x: (i % 40) * 240, y: 100 }))
		);
		expect(openingViewport(large, { width: 270, height: 400 }, 0.3, 150)).not.toBeNull();
	});
});
