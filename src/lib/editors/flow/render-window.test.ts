import { describe, expect, it } from 'vitest';
import {
	applyRenderWindow,
	grow,
	shapesToRender,
	viewRect,
	windowServes,
	type WindowedNode
} from './render-window';

const shape = (
	id: string,
	x: number,
	y: number,
	extra: Partial<WindowedNode> = {}
): WindowedNode & { hidden?: boolean } => ({
	id,
	position: { x, y },
	width: 100,
	height: 50,
	...extra
});

describe('the rendered part of a large flow', () => {
	it('is the view in flow coordinates, grown by a share of its size on each side', () => {
		const view = viewRect({ x: -200, y: -100, zoom: 2 }, { width: 800, height: 400 });
		expect(view).toEqual({ x: 100, y: 50, width: 400, height: 200 });
		expect(grow(view, 0.5)).toEqual({ x: -100, y: -50, width: 800, height: 400 });
	});

	it('holds while the view stays half a margin inside it, and moves once the view goes further or zooms', () => {
		const view = { x: 0, y: 0, width: 1000, height: 500 };
		const area = grow(view, 0.5);
		expect(windowServes(area, { ...view, x: 240 }, 0.5)).toBe(true);
		expect(windowServes(area, { ...view, x: -240, y: 120 }, 0.5)).toBe(true);
		expect(windowServes(area, { ...view, x: 260 }, 0.5)).toBe(false);
		// Zoomed out: the view no longer fits; zoomed far in: the area is needlessly large.
		expect(windowServes(area, grow(view, 0.1), 0.5)).toBe(true);
		expect(windowServes(area, grow(view, 0.3), 0.5)).toBe(false);
		expect(windowServes(area, { x: 400, y: 200, width: 200, height: 100 }, 0.5)).toBe(false);
		expect(windowServes(null, view, 0.5)).toBe(false);
	});

	it('renders the shapes in it, both ends of an arrow crossing it, and selected or dragged shapes', () => {
		const nodes = [
			shape('in', 10, 10),
			shape('far-left', -2000, 0),
			shape('far-right', 2000, 0),
			shape('far-below', 0, 3000),
			shape('picked', 5000, 5000, { selected: true }),
			shape('moving', -5000, 5000, { dragging: true })
		];
		const edges = [
			{ source: 'far-left', target: 'far-right' },
			{ source: 'in', target: 'far-below' },
			{ source: 'far-below', target: 'picked' }
		];
		const ids = shapesToRender(nodes, edges, { x: 0, y: 0, width: 500, height: 500 });
		expect([...ids].sort()).toEqual([
			'far-below',
			'far-left',
			'far-right',
			'in',
			'moving',
			'picked'
		]);
		expect([...shapesToRender(nodes, [], { x: 0, y: 0, width: 500, height: 500 })].sort()).toEqual([
			'in',
			'moving',
			'picked'
		]);
	});

	it('hides the shapes outside it and keeps every unchanged shape object', () => {
		const nodes = [shape('a', 0, 0), shape('b', 900, 0), { ...shape('c', 0, 0), hidden: true }];
		const next = applyRenderWindow(nodes, new Set(['a', 'c']));
		expect(next.map((n) => n.hidden ?? false)).toEqual([false, true, false]);
		expect(next[0]).toBe(nodes[0]);
		expect(applyRenderWindow(next, new Set(['a', 'c']))).toBe(next);
		expect(applyRenderWindow(next, null).every((n) => !n.hidden)).toBe(true);
	});
});
