import type { FlowNodeType } from '$lib/model/flow';
import { cssVar, token } from '$lib/styles/tokens';

/**
 * The outline of each shape as SVG path data for a node of `width` × `height`,
 * drawn by the node component and by the SVG/PNG export, so a download looks
 * like the canvas. `detail` is an extra stroke (a cylinder's rim, a folded
 * corner) drawn without fill over the outline.
 */
export interface ShapeGeometry {
	outline: string;
	detail: string | null;
	/** Where the label goes, inside the outline. */
	text: { x: number; y: number; width: number; height: number };
}

export interface ShapeColors {
	fill: string;
	stroke: string;
}

const SHAPE_TYPES: readonly FlowNodeType[] = [
	'start',
	'end',
	'process',
	'decision',
	'document',
	'data',
	'manual',
	'handoff',
	'note',
	'improvement'
];

const colorsOf = (read: (name: string) => string) =>
	Object.fromEntries(
		SHAPE_TYPES.map((type) => [
			type,
			{ fill: read(`shape-${type}-fill`), stroke: read(`shape-${type}-stroke`) }
		])
	) as Record<FlowNodeType, ShapeColors>;

/** Each shape's colours as hex (light theme), for the export and the overview map. */
export const SHAPE_COLORS = colorsOf(token);

/** The same colours as CSS variables, for the canvas, which follows the theme. */
export const SHAPE_COLOR_VARS = colorsOf(cssVar);

const round = (value: number) => Math.round(value * 10) / 10;

export function shapeGeometry(type: FlowNodeType, width: number, height: number): ShapeGeometry {
	const w = round(width);
	const h = round(height);
	const pad = 8;
	const box = (x: number, y: number, bw: number, bh: number) => ({
		x,
		y,
		width: Math.max(0, bw),
		height: Math.max(0, bh)
	});
	switch (type) {
		case 'start':
		case 'end': {
			const r = round(Math.min(h / 2, w / 2));
			return {
				outline: `M${r},0 H${round(w - r)} A${r},${r} 0 0 1 ${round(w - r)},${h} H${r} A${r},${r} 0 0 1 ${r},0 Z`,
				detail: null,
				text: box(r / 2, 0, w - r, h)
			};
		}
		case 'decision':
			return {
				outline: `M${round(w / 2)},0 L${w},${round(h / 2)} L${round(w / 2)},${h} L0,${round(h / 2)} Z`,
				detail: null,
				text: box(w / 4, h / 4, w / 2, h / 2)
			};
		case 'document': {
			const wave = round(Math.min(12, h / 5));
			return {
				outline: `M0,0 H${w} V${round(h - wave)} C${round(w * 0.75)},${round(h - wave * 2.4)} ${round(w * 0.25)},${round(h + wave * 0.6)} 0,${round(h - wave)} Z`,
				detail: null,
				text: box(pad, 0, w - pad * 2, h - wave)
			};
		}
		case 'data': {
			const ry = round(Math.min(10, h / 6));
			const rx = round(w / 2);
			return {
				outline: `M0,${ry} A${rx},${ry} 0 0 1 ${w},${ry} V${round(h - ry)} A${rx},${ry} 0 0 1 0,${round(h - ry)} Z`,
				detail: `M0,${ry} A${rx},${ry} 0 0 0 ${w},${ry}`,
				text: box(pad, ry * 2, w - pad * 2, h - ry * 3)
			};
		}
		case 'manual': {
			const inset = round(Math.min(18, w / 6));
			return {
				outline: `M0,0 H${w} L${round(w - inset)},${h} H${inset} Z`,
				detail: null,
				text: box(inset, 0, w - inset * 2, h)
			};
		}
		case 'handoff': {
			const tip = round(Math.min(20, w / 5));
			return {
				outline: `M0,0 H${round(w - tip)} L${w},${round(h / 2)} L${round(w - tip)},${h} H0 Z`,
				detail: null,
				text: box(pad, 0, w - tip - pad, h)
			};
		}
		case 'note': {
			const fold = round(Math.min(16, w / 4, h / 4));
			return {
				outline: `M0,0 H${round(w - fold)} L${w},${fold} V${h} H0 Z`,
				detail: `M${round(w - fold)},0 V${fold} H${w}`,
				text: box(pad, pad, w - pad * 2 - fold / 2, h - pad * 2)
			};
		}
		case 'improvement': {
			const notch = round(Math.min(14, w / 4, h / 4));
			return {
				outline: `M${notch},0 H${w} V${h} H0 V${notch} Z`,
				detail: null,
				text: box(pad, pad, w - pad * 2, h - pad * 2)
			};
		}
		case 'process':
		default:
			return {
				outline: `M6,0 H${round(w - 6)} Q${w},0 ${w},6 V${round(h - 6)} Q${w},${h} ${round(w - 6)},${h} H6 Q0,${h} 0,${round(h - 6)} V6 Q0,0 6,0 Z`,
				detail: null,
				text: box(pad, 0, w - pad * 2, h)
			};
	}
}
