import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_NODE_SIZES, initFlowDocument, readFlow } from '$lib/model/flow';
import {
	findNearbySpot,
	forwardSide,
	laneBoundsAt,
	nearestSide,
	nextStepPosition,
	readingOrder,
	visibleCenter
} from './placement';

const size = { width: 160, height: 64 };

describe('findNearbySpot', () => {
	it('keeps the wanted place when it is free', () => {
		expect(findNearbySpot({ x: 100, y: 100 }, size, [])).toEqual({ x: 100, y: 100 });
	});

	it('takes the nearest free place around a shape in the way, not the far end of the row', () => {
		const row = Array.from({ length: 10 }, (_, i) => ({
			x: i * 200,
			y: 100,
			width: 160,
			height: 64
		}));
		const spot = findNearbySpot({ x: 400, y: 100 }, size, row);
		// Directly above or below the blocked place, not past the tenth shape.
		expect(spot.x).toBe(400);
		expect(Math.abs(spot.y - 100)).toBe(64 + 40);
	});

	it('stays inside the lane it is meant for', () => {
		const blocker = { x: 100, y: 20, width: 160, height: 64 };
		const lane = { top: 10, bottom: 150 };
		const spot = findNearbySpot({ x: 100, y: 20 }, size, [blocker], lane);
		expect(spot.y).toBeGreaterThanOrEqual(lane.top);
		expect(spot.y + size.height).toBeLessThanOrEqual(lane.bottom);
		expect(spot.x === 100 && spot.y === 20).toBe(false);
		// Clamped into the lane when the wanted place sticks out of it.
		expect(findNearbySpot({ x: 0, y: 140 }, size, [], lane).y).toBe(150 - 64);
	});
});

describe('a palette shape placed on the cross-team template', () => {
	// Issue 15: e2e runs saw the placed shape over "Resolve". Wherever the view is
	// centred, findNearbySpot and the grid snap after it (FlowWorkspace's
	// spotFor) leave every template shape clear of it.
	const doc = new Y.Doc();
	const made = initFlowDocument(doc, 'cross-team', 'en');
	const flow = readFlow(doc);
	const size = DEFAULT_NODE_SIZES.process;
	const snap = (v: number) => Math.round(v / 10) * 10;
	const clear = (a: typeof size & { x: number; y: number }, b: typeof a) =>
		a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;

	it('covers no shape, from any centre of view', () => {
		expect(made.ok).toBe(true);
		expect(flow.nodes.map((n) => n.label)).toContain('Resolve');
		let tried = 0;
		for (let cx = -300; cx <= 1300; cx += 23) {
			for (let cy = -100; cy <= 600; cy += 17) {
				const wanted = { x: cx - size.width / 2, y: cy - size.height / 2 };
				const spot = findNearbySpot(wanted, size, flow.nodes, laneBoundsAt(flow.lanes, cy));
				const placed = { x: snap(spot.x), y: snap(spot.y), ...size };
				for (const other of flow.nodes) {
					if (!clear(placed, other)) {
						throw new Error(`centre ${cx},${cy}: ${JSON.stringify(placed)} over "${other.label}"`);
					}
				}
				tried += 1;
			}
		}
		expect(tried).toBeGreaterThan(2500);
	});
});

describe('laneBoundsAt', () => {
	const lanes = [
		{ id: 'a', top: 0, height: 200 },
		{ id: 'b', top: 200, height: 150 }
	];
	it('is the lane at the point, less a padding, or the nearest lane outside them all', () => {
		expect(laneBoundsAt(lanes, 250)).toEqual({ laneId: 'b', top: 210, bottom: 340 });
		expect(laneBoundsAt(lanes, -500)?.laneId).toBe('a');
		expect(laneBoundsAt(lanes, 9000)?.laneId).toBe('b');
		expect(laneBoundsAt([], 10)).toBeNull();
	});
});

describe('visibleCenter', () => {
	const window720 = { width: 1280, height: 720 };
	it('is the middle of the canvas when all of it is on screen', () => {
		expect(visibleCenter({ left: 165, top: 320, width: 810, height: 300 }, window720)).toEqual({
			x: 570,
			y: 470
		});
	});

	it('counts only the part on screen when the canvas runs past the window (a shape goes where one looks)', () => {
		// The canvas of a 1280 × 720 window reaches 60 px below its bottom edge.
		expect(visibleCenter({ left: 165, top: 320, width: 810, height: 460 }, window720)).toEqual({
			x: 570,
			y: 520
		});
		// Scrolled so that its top is above the window.
		expect(visibleCenter({ left: 0, top: -200, width: 800, height: 600 }, window720).y).toBe(200);
		// Entirely off screen: its own middle.
		expect(visibleCenter({ left: 0, top: 900, width: 800, height: 200 }, window720).y).toBe(1000);
	});
});

describe('reading order and directions', () => {
	const nodes = [
		{ id: 'c', x: 400, y: 0 },
		{ id: 'a', x: 0, y: 100 },
		{ id: 'b', x: 0, y: 300 }
	];
	it('walks along the flow direction first', () => {
		expect(readingOrder(nodes, 'LR').map((n) => n.id)).toEqual(['a', 'b', 'c']);
		expect(readingOrder(nodes, 'RL').map((n) => n.id)).toEqual(['c', 'a', 'b']);
		expect(readingOrder(nodes, 'TB').map((n) => n.id)).toEqual(['c', 'a', 'b']);
		expect(forwardSide('LR')).toBe('right');
		expect(forwardSide('BT')).toBe('top');
	});

	it('puts the next step beside its shape and picks the side nearest a drop', () => {
		const from = { x: 0, y: 0, width: 160, height: 64 };
		expect(nextStepPosition(from, 'right', size)).toEqual({ x: 240, y: 0 });
		expect(nextStepPosition(from, 'bottom', size)).toEqual({ x: 0, y: 144 });
		expect(nearestSide(from, { x: 150, y: 30 })).toBe('right');
		expect(nearestSide(from, { x: 80, y: 2 })).toBe('top');
		expect(nearestSide(from, { x: 5, y: 40 })).toBe('left');
	});
});
