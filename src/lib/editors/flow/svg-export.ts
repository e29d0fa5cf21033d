import {
	FLOW_NODE_TYPES,
	flowNodeTypeLabel,
	laneLineLabel,
	type FlowEdge,
	type FlowNode,
	type FlowNodeType,
	type FlowSnapshot
} from '$lib/model/flow';
import { defaultSides, isSide, type Side } from './flow-view';
import { SHAPE_COLORS, shapeGeometry } from './shapes';
import { fontStackFor, token } from '$lib/styles/tokens';
import { m } from '$lib/paraglide/messages';

/**
 * The whole diagram as a standalone SVG document, drawn from the snapshot
 * rather than copied from the screen: the canvas only renders what is in
 * view, and a download should not depend on where someone scrolled. The PNG
 * export rasterises this SVG.
 */
export interface FlowSvg {
	svg: string;
	width: number;
	height: number;
	/** The canvas point at the picture's top-left corner (to place a PDF's text over it). */
	origin: { x: number; y: number };
}

const MARGIN = 40;
/** Room above the drawing for the flow's title. */
const TITLE_HEIGHT = 44;
const META_SIZE = 11;
const LEGEND_ROW = 28;
const LEGEND_ITEM = 150;
const LANE_TITLE_WIDTH = 150;
const FONT_SIZE = 13;
/** An average glyph width at FONT_SIZE; only used to wrap lines, never to measure exactly. */
const CHAR_WIDTH = 7;
const LINE_HEIGHT = 16;

export function escapeXml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

/**
 * Chinese, Japanese and Korean characters (and full-width forms) are about
 * as wide as the font size, twice a Latin letter, and a line may break
 * between any two of them.
 */
const WIDE =
	'\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6';
const WIDE_CHAR = new RegExp(`[${WIDE}]`);
const PIECES = new RegExp(`(\\s*)([${WIDE}]|[^\\s${WIDE}]+)`, 'g');

function textWidth(text: string): number {
	let width = 0;
	for (const char of text) width += WIDE_CHAR.test(char) ? FONT_SIZE : CHAR_WIDTH;
	return width;
}

/** How many UTF-16 units of `text` fit in `limit` pixels (at least one character). */
function fitting(text: string, limit: number): number {
	let width = 0;
	let end = 0;
	for (const char of text) {
		width += WIDE_CHAR.test(char) ? FONT_SIZE : CHAR_WIDTH;
		if (width > limit && end > 0) break;
		end += char.length;
	}
	return end;
}

/** Breaks text into lines of at most `width` pixels (estimated), at most `maxLines`. */
export function wrapText(text: string, width: number, maxLines: number): string[] {
	const limit = Math.max(4 * CHAR_WIDTH, width);
	const lines: string[] = [];
	for (const paragraph of text.split('\n')) {
		let line = '';
		for (const [, space, piece] of paragraph.matchAll(PIECES)) {
			const joined = line + (line && space ? ' ' : '') + piece;
			if (textWidth(joined) <= limit) {
				line = joined;
				continue;
			}
			if (line) lines.push(line);
			let rest = piece;
			while (textWidth(rest) > limit) {
				const cut = fitting(rest, limit);
				lines.push(rest.slice(0, cut));
				rest = rest.slice(cut);
			}
			line = rest;
		}
		lines.push(line);
	}
	while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
	if (lines.length > maxLines) {
		const kept = lines.slice(0, maxLines);
		const last = kept[maxLines - 1];
		kept[maxLines - 1] = `${last.slice(0, fitting(last, limit - CHAR_WIDTH))}…`;
		return kept;
	}
	return lines;
}

function textBlock(
	lines: string[],
	cx: number,
	cy: number,
	attributes = `font-size="${FONT_SIZE}"`
): string {
	if (lines.length === 0) return '';
	const first = cy - ((lines.length - 1) * LINE_HEIGHT) / 2;
	const spans = lines
		.map((line, i) => `<tspan x="${cx}" y="${first + i * LINE_HEIGHT}">${escapeXml(line)}</tspan>`)
		.join('');
	return `<text text-anchor="middle" dominant-baseline="central" ${attributes}>${spans}</text>`;
}

interface Point {
	x: number;
	y: number;
}

const SIDE_DIRECTION: Record<Side, Point> = {
	top: { x: 0, y: -1 },
	right: { x: 1, y: 0 },
	bottom: { x: 0, y: 1 },
	left: { x: -1, y: 0 }
};

export function sidePoint(node: FlowNode, side: Side): Point {
	switch (side) {
		case 'top':
			return { x: node.x + node.width / 2, y: node.y };
		case 'right':
			return { x: node.x + node.width, y: node.y + node.height / 2 };
		case 'bottom':
			return { x: node.x + node.width / 2, y: node.y + node.height };
		case 'left':
			return { x: node.x, y: node.y + node.height / 2 };
	}
}

const r1 = (value: number) => Math.round(value * 10) / 10;

/** The arrow's path and the point its label sits on. */
export function edgePath(
	edge: FlowEdge,
	source: FlowNode,
	target: FlowNode,
	sides: { source: Side; target: Side }
): { d: string; label: Point } {
	const sourceSide = isSide(edge.sourceHandle) ? edge.sourceHandle : sides.source;
	const targetSide = isSide(edge.targetHandle) ? edge.targetHandle : sides.target;
	const s = sidePoint(source, sourceSide);
	const t = sidePoint(target, targetSide);
	const mid = { x: (s.x + t.x) / 2, y: (s.y + t.y) / 2 };
	if (edge.style === 'straight') {
		return { d: `M${r1(s.x)},${r1(s.y)} L${r1(t.x)},${r1(t.y)}`, label: mid };
	}
	if (edge.style === 'step') {
		const horizontal = sourceSide === 'left' || sourceSide === 'right';
		const d = horizontal
			? `M${r1(s.x)},${r1(s.y)} H${r1(mid.x)} V${r1(t.y)} H${r1(t.x)}`
			: `M${r1(s.x)},${r1(s.y)} V${r1(mid.y)} H${r1(t.x)} V${r1(t.y)}`;
		return { d, label: mid };
	}
	const reach = Math.max(30, Math.hypot(t.x - s.x, t.y - s.y) / 2.5);
	const ds = SIDE_DIRECTION[sourceSide];
	const dt = SIDE_DIRECTION[targetSide];
	const c1 = { x: s.x + ds.x * reach, y: s.y + ds.y * reach };
	const c2 = { x: t.x + dt.x * reach, y: t.y + dt.y * reach };
	// The point at t = 0.5 of the cubic Bézier curve.
	const label = {
		x: (s.x + 3 * c1.x + 3 * c2.x + t.x) / 8,
		y: (s.y + 3 * c1.y + 3 * c2.y + t.y) / 8
	};
	return {
		d: `M${r1(s.x)},${r1(s.y)} C${r1(c1.x)},${r1(c1.y)} ${r1(c2.x)},${r1(c2.y)} ${r1(t.x)},${r1(t.y)}`,
		label
	};
}

/**
 * The small line under a shape's label on paper: a step's owner and target
 * time, an improvement note's owner and due date — what a printout is read for.
 */
export function nodeMeta(node: FlowNode, memberNames: ReadonlyMap<string, string>): string {
	if (node.type === 'improvement') {
		const owner = node.ownerId ? memberNames.get(node.ownerId) : undefined;
		return [owner, node.dueDate && m.flow_export_due({ date: node.dueDate })]
			.filter(Boolean)
			.join(' · ');
	}
	return [node.ownerRole, node.sla && m.flow_export_target({ time: node.sla })]
		.filter(Boolean)
		.join(' · ');
}

function drawNode(
	node: FlowNode,
	number: number | undefined,
	c: ReturnType<typeof ink>,
	meta = ''
): string {
	const geometry = shapeGeometry(node.type, node.width, node.height);
	const colors = SHAPE_COLORS[node.type];
	const stroke = node.type === 'end' ? 3 : 1.5;
	const parts = [
		`<g transform="translate(${node.x},${node.y})">`,
		`<title>${escapeXml(node.label || flowNodeTypeLabel(node.type))}</title>`,
		`<path d="${geometry.outline}" fill="${colors.fill}" stroke="${colors.stroke}" stroke-width="${stroke}"/>`
	];
	if (geometry.detail) {
		parts.push(
			`<path d="${geometry.detail}" fill="none" stroke="${colors.stroke}" stroke-width="1.5"/>`
		);
	}
	const box = geometry.text;
	const metaLines = meta ? wrapText(meta, box.width + 8, 2) : [];
	const maxLines = Math.max(1, Math.floor(box.height / LINE_HEIGHT) - metaLines.length);
	const labelLines = wrapText(node.label, box.width, maxLines);
	const shift = (metaLines.length * LINE_HEIGHT) / 2;
	parts.push(
		textBlock(
			labelLines,
			r1(box.x + box.width / 2),
			r1(box.y + box.height / 2 - shift),
			`font-size="${FONT_SIZE}" fill="${c.text}"${node.done ? ' text-decoration="line-through"' : ''}`
		)
	);
	if (metaLines.length > 0) {
		// Centred just below the label's last line.
		const below =
			box.y +
			box.height / 2 -
			shift +
			(labelLines.length * LINE_HEIGHT) / 2 +
			(metaLines.length * LINE_HEIGHT) / 2;
		parts.push(
			textBlock(
				metaLines,
				r1(box.x + box.width / 2),
				r1(below),
				`font-size="${META_SIZE}" fill="${c.muted}"`
			)
		);
	}
	if (number !== undefined) {
		parts.push(
			`<circle cx="0" cy="0" r="11" fill="${c.number}"/>`,
			`<text x="0" y="0" text-anchor="middle" dominant-baseline="central" font-size="11" font-weight="600" fill="${c.onNumber}">${number}</text>`
		);
	}
	parts.push('</g>');
	return parts.join('');
}

/** Colours of the drawing, from the design tokens (light theme). */
const ink = () => ({
	text: token('color-text'),
	muted: token('color-muted'),
	paper: token('color-surface'),
	border: token('color-border'),
	arrow: token('flow-arrow'),
	number: token('color-accent-fill'),
	onNumber: token('color-on-fill'),
	improvement: token('flow-improvement'),
	laneBand: token('flow-lane-band'),
	laneBandAlt: token('flow-lane-band-alt'),
	laneTitle: token('flow-lane-title'),
	laneBorder: token('flow-lane-title-border')
});

/**
 * `locale` picks the font stack the page uses for that language, so Chinese
 * labels get Simplified or Traditional glyph forms as on the canvas.
 */
export interface PrintDetails {
	/** The flow's title, above the drawing. */
	title?: string;
	/** Names of the workspace's members, for an improvement note's owner. */
	memberNames?: ReadonlyMap<string, string>;
	/** A legend of the shapes used, below the drawing (default: on). */
	legend?: boolean;
}

/** The shapes used in the flow, in the palette's order: what the legend explains. */
function legendTypes(nodes: readonly FlowNode[]): FlowNodeType[] {
	const used = new Set(nodes.map((n) => n.type));
	return FLOW_NODE_TYPES.filter((type) => used.has(type));
}

function drawLegend(
	types: readonly FlowNodeType[],
	left: number,
	top: number,
	perRow: number,
	c: ReturnType<typeof ink>
): string {
	const parts = [
		`<text x="${left}" y="${top}" font-size="${META_SIZE}" font-weight="600" fill="${c.muted}" dominant-baseline="hanging">${escapeXml(m.flow_export_legend())}</text>`
	];
	types.forEach((type, i) => {
		const x = left + (i % perRow) * LEGEND_ITEM;
		const y = top + 18 + Math.floor(i / perRow) * LEGEND_ROW;
		const geometry = shapeGeometry(type, 34, 20);
		const colors = SHAPE_COLORS[type];
		parts.push(
			`<g transform="translate(${x},${y})"><path d="${geometry.outline}" fill="${colors.fill}" stroke="${colors.stroke}" stroke-width="1.2"/></g>`,
			`<text x="${x + 42}" y="${y + 10}" font-size="12" fill="${c.text}" dominant-baseline="central">${escapeXml(flowNodeTypeLabel(type))}</text>`
		);
	});
	return parts.join('');
}

export function buildFlowSvg(
	snapshot: FlowSnapshot,
	numbers: Map<string, number> | null = null,
	locale = 'en',
	print: PrintDetails = {}
): FlowSvg {
	const c = ink();
	const nodes = snapshot.nodes;
	const memberNames = print.memberNames ?? new Map<string, string>();
	const title = print.title?.trim() ?? '';
	const legend = print.legend === false ? [] : legendTypes(nodes);
	const byId = new Map(nodes.map((n) => [n.id, n]));
	const laneBottom = snapshot.lanes.reduce((max, lane) => Math.max(max, lane.top + lane.height), 0);
	let minX = Math.min(0, ...nodes.map((n) => n.x));
	let maxX = Math.max(minX + 400, ...nodes.map((n) => n.x + n.width));
	let minY = Math.min(snapshot.lanes.length > 0 ? 0 : Infinity, ...nodes.map((n) => n.y));
	let maxY = Math.max(laneBottom, ...nodes.map((n) => n.y + n.height));
	if (!Number.isFinite(minY)) minY = 0;
	if (!Number.isFinite(maxY) || maxY <= minY) maxY = minY + 200;
	if (snapshot.lanes.length > 0) minX -= LANE_TITLE_WIDTH + 24;
	minX -= MARGIN;
	maxX += MARGIN;
	minY -= MARGIN;
	const drawingBottom = maxY;
	if (title) minY -= TITLE_HEIGHT;
	const perRow = Math.max(1, Math.floor((maxX - minX - 2 * MARGIN) / LEGEND_ITEM));
	const legendHeight =
		legend.length > 0 ? 18 + Math.ceil(legend.length / perRow) * LEGEND_ROW + 12 : 0;
	maxY += legendHeight + MARGIN;
	const width = Math.ceil(maxX - minX);
	const height = Math.ceil(maxY - minY);

	const parts: string[] = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${minX} ${minY} ${width} ${height}" font-family="${escapeXml(fontStackFor(locale))}">`,
		`<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 Z" fill="${c.arrow}"/></marker></defs>`,
		`<rect x="${minX}" y="${minY}" width="${width}" height="${height}" fill="${c.paper}"/>`
	];

	if (title) {
		parts.push(
			`<text x="${minX + MARGIN}" y="${minY + MARGIN}" font-size="20" font-weight="600" fill="${c.text}" dominant-baseline="hanging">${escapeXml(title)}</text>`
		);
	}
	if (legend.length > 0) {
		parts.push(drawLegend(legend, minX + MARGIN, drawingBottom + 16, perRow, c));
	}

	const laneLeft = minX + MARGIN;
	const laneWidth = width - MARGIN * 2;
	snapshot.lanes.forEach((lane, i) => {
		parts.push(
			`<rect x="${laneLeft}" y="${lane.top}" width="${laneWidth}" height="${lane.height}" fill="${i % 2 === 0 ? c.laneBand : c.laneBandAlt}" stroke="${c.laneBorder}"/>`,
			`<rect x="${laneLeft}" y="${lane.top}" width="${LANE_TITLE_WIDTH}" height="${lane.height}" fill="${c.laneTitle}" stroke="${c.laneBorder}"/>`,
			textBlock(
				wrapText(lane.title, LANE_TITLE_WIDTH - 16, Math.max(1, Math.floor(lane.height / 18))),
				laneLeft + LANE_TITLE_WIDTH / 2,
				lane.top + lane.height / 2,
				`font-size="${FONT_SIZE}" font-weight="600" fill="${c.text}"`
			)
		);
		if (lane.line) {
			const y = lane.top + lane.height;
			parts.push(
				`<line x1="${laneLeft}" y1="${y}" x2="${laneLeft + laneWidth}" y2="${y}" stroke="${c.improvement}" stroke-width="2" stroke-dasharray="8 5"/>`,
				`<text x="${laneLeft + laneWidth - 8}" y="${y - 6}" text-anchor="end" font-size="11" fill="${c.improvement}">${escapeXml(laneLineLabel(lane.line))}</text>`
			);
		}
	});

	const sides = defaultSides(snapshot.meta.direction);
	const labels: string[] = [];
	for (const node of nodes) {
		if (node.type !== 'improvement' || node.attachedTo === null) continue;
		const step = byId.get(node.attachedTo);
		if (!step) continue;
		parts.push(
			`<line x1="${node.x + node.width / 2}" y1="${node.y + node.height / 2}" x2="${step.x + step.width / 2}" y2="${step.y + step.height / 2}" stroke="${c.improvement}" stroke-width="1.5" stroke-dasharray="4 4"/>`
		);
	}
	for (const edge of snapshot.edges) {
		const source = byId.get(edge.source);
		const target = byId.get(edge.target);
		if (!source || !target) continue;
		const { d, label } = edgePath(edge, source, target, sides);
		const end = edge.arrow === 'none' ? '' : ' marker-end="url(#arrow)"';
		const start = edge.arrow === 'both' ? ' marker-start="url(#arrow)"' : '';
		parts.push(`<path d="${d}" fill="none" stroke="${c.arrow}" stroke-width="1.5"${end}${start}/>`);
		if (edge.label.trim()) {
			const lines = wrapText(edge.label, 160, 3);
			const w = Math.max(...lines.map(textWidth)) + 10;
			const h = lines.length * LINE_HEIGHT + 4;
			labels.push(
				`<rect x="${r1(label.x - w / 2)}" y="${r1(label.y - h / 2)}" width="${w}" height="${h}" rx="4" fill="${c.paper}" stroke="${c.border}"/>`,
				textBlock(lines, r1(label.x), r1(label.y), `font-size="12" fill="${c.text}"`)
			);
		}
	}
	// Notes above arrows, as on the canvas.
	const ordered = [...nodes].sort(
		(a, b) => Number(a.type === 'improvement') - Number(b.type === 'improvement')
	);
	for (const node of ordered) {
		parts.push(drawNode(node, numbers?.get(node.id), c, nodeMeta(node, memberNames)));
	}
	parts.push(...labels, '</svg>');
	return { svg: parts.join(''), width, height, origin: { x: minX, y: minY } };
}
