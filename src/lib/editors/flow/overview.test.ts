import { describe, expect, it } from 'vitest';
import type { FlowEdge } from '$lib/model/flow';
import { ARROW_TYPE, ATTACHMENT_PREFIX, CENTER_HANDLE, type ArrowEdge } from './flow-view';
import {
	arrowAt,
	connectionPoint,
	hideForOverview,
	liveArrows,
	liveShapes,
	overviewPaths,
	translatePath,
	type OverviewShape
} from './overview';
import { shapeGeometry } from './shapes';

const shape = (id: string, x: number, y: number, type: OverviewShape['type'] = 'process') => ({
	id,
	type,
	x,
	y,
	width: 100,
	height: 50
});

const arrow = (
	id: string,
	source: string,
	target: string,
	extra: Partial<ArrowEdge> = {},
	style: FlowEdge['style'] = 'smooth'
): ArrowEdge => ({
	id,
	source,
	target,
	sourceHandle: 'right',
	targetHandle: 'left',
	type: ARROW_TYPE,
	markerEnd: { type: 'arrowclosed' as never },
	data: {
		edge: {
			id,
			source,
			target,
			sourceHandle: null,
			targetHandle: null,
			label: '',
			style,
			arrow: 'end'
		},
		peers: []
	},
	...extra
});

describe('moving path data', () => {
	it('moves every point of each shape outline, arcs by their end point only', () => {
		expect(translatePath('M0,0 H10 V20 L5,5 C1,2 3,4 5,6 Z', 100, 200)).toBe(
			'M100 200H110V220L105 205C101 202 103 204 105 206Z'
		);
		expect(translatePath('M5,0 A5,5 0 0 1 5,10', 10, 20)).toBe('M15 20A5 5 0 0 1 15 30');
		for (const type of ['start', 'decision', 'document', 'data', 'note', 'improvement'] as const) {
			const { outline } = shapeGeometry(type, 160, 64);
			// Moved there and back, a shape is where it was (to a tenth of a pixel).
			const back = translatePath(translatePath(outline, 1234.5, -77), -1234.5, 77);
			expect(back).toBe(translatePath(outline, 0, 0));
		}
	});

	it('refuses relative commands rather than drawing them in the wrong place', () => {
		expect(() => translatePath('M0,0 l10,10', 5, 5)).toThrow(/relative/);
	});
});

describe('the overview of a large flow', () => {
	const shapes = [shape('a', 0, 0), shape('b', 300, 0, 'decision'), shape('c', 600, 0)];
	const arrows = [arrow('ab', 'a', 'b'), arrow('bc', 'b', 'c')];

	it('draws each type of shape as one path and every arrow with its head', () => {
		const paths = overviewPaths(shapes, arrows, new Set(), new Set());
		expect(paths.shapes.map((s) => s.type).sort()).toEqual(['decision', 'process']);
		const process = paths.shapes.find((s) => s.type === 'process')!;
		expect(process.d.match(/M/g)).toHaveLength(2);
		expect(paths.lines.map((l) => l.id)).toEqual(['ab', 'bc']);
		// The arrow leaves a's right handle (its outer edge, 5 px out) and ends at b's left one.
		expect(paths.lines[0].d.startsWith('M105,25')).toBe(true);
		expect(paths.lines[0].d.endsWith('295,25')).toBe(true);
		// Two closed heads, the first with its tip on b's connection point.
		expect(paths.heads.match(/Z/g)).toHaveLength(2);
		expect(paths.heads.startsWith('M295 25')).toBe(true);
	});

	it('leaves out what Svelte Flow draws itself: live shapes, their arrows, live arrows', () => {
		const paths = overviewPaths(shapes, arrows, new Set(['a']), new Set(['bc']));
		const process = paths.shapes.find((s) => s.type === 'process')!;
		// a is live: only c's outline is left in the process path.
		expect(process.d.match(/M/g)).toHaveLength(1);
		expect(process.d.startsWith('M')).toBe(true);
		expect(process.d).toContain('600');
		expect(paths.lines).toEqual([]);
		expect(paths.heads).toBe('');
	});

	it('draws an improvement note’s link dashed, centre to centre, apart from the arrows', () => {
		const link = arrow(`${ATTACHMENT_PREFIX}n`, 'n', 'a', {
			sourceHandle: CENTER_HANDLE,
			targetHandle: CENTER_HANDLE,
			type: 'straight',
			markerEnd: undefined,
			data: { edge: null, peers: [] }
		});
		const paths = overviewPaths(
			[...shapes, shape('n', 0, 200, 'improvement')],
			[link],
			new Set(),
			new Set()
		);
		expect(paths.attachments).toBe('M 50,220L 50,20');
		expect(paths.lines).toEqual([]);
	});

	it('puts connection points on the outer edge of each side’s handle', () => {
		const box = shape('a', 10, 20);
		expect(connectionPoint(box, 'top')).toEqual({ x: 60, y: 15 });
		expect(connectionPoint(box, 'bottom')).toEqual({ x: 60, y: 75 });
		expect(connectionPoint(box, 'left')).toEqual({ x: 5, y: 45 });
	});
});

describe('what Svelte Flow keeps drawing in the overview', () => {
	it('is the selected, dragged and peer-selected shapes and the selected arrows', () => {
		const node = (id: string, extra: object = {}) => ({ id, data: { peers: [] }, ...extra });
		expect(
			liveShapes([
				node('idle'),
				node('picked', { selected: true }),
				node('moving', { dragging: true }),
				{ id: 'theirs', data: { peers: [{ name: 'Li', color: '#f00' }] } }
			])
		).toEqual(['picked', 'moving', 'theirs']);
		expect(liveArrows([arrow('x', 'a', 'b'), arrow('y', 'a', 'b', { selected: true })])).toEqual([
			'y'
		]);
	});

	it('hides the other arrows from Svelte Flow, and shows all again when the overview ends', () => {
		const list = [arrow('ab', 'a', 'b'), arrow('bc', 'b', 'c'), arrow('cd', 'c', 'd')];
		const hidden = hideForOverview(list, true, new Set(['b']), new Set(['cd']));
		expect(hidden.map((a) => a.hidden ?? false)).toEqual([false, false, false]);
		const all = hideForOverview(list, true, new Set(), new Set());
		expect(all.map((a) => a.hidden)).toEqual([true, true, true]);
		// Nothing to change: the same list, so Svelte Flow does nothing.
		expect(hideForOverview(all, true, new Set(), new Set())).toBe(all);
		expect(hideForOverview(all, false, new Set(), new Set()).map((a) => a.hidden)).toEqual([
			false,
			false,
			false
		]);
	});
});

describe('a click on the overview’s arrows', () => {
	it('finds the arrow under it, along curves and steps, within the tolerance only', () => {
		const shapes = [shape('a', 0, 0), shape('b', 300, 200), shape('c', 0, 400)];
		const arrows = [
			arrow('curve', 'a', 'b'),
			arrow('step', 'b', 'c', { sourceHandle: 'bottom', targetHandle: 'right' }, 'step')
		];
		const { lines } = overviewPaths(shapes, arrows, new Set(), new Set());
		// The curve's middle: halfway between its ends (it is symmetric about that point).
		expect(arrowAt(lines, { x: 200, y: 125 }, 4)).toBe('curve');
		expect(arrowAt(lines, { x: 200, y: 60 }, 4)).toBeNull();
		// The step arrow runs down from b's bottom handle: x = 350.
		expect(arrowAt(lines, { x: 352, y: 270 }, 4)).toBe('step');
		expect(arrowAt(lines, { x: 360, y: 270 }, 4)).toBeNull();
	});
});
