import { m } from '$lib/paraglide/messages';
import type { Edge, MarkerType, Node, NodeHandle, Position } from '@xyflow/svelte';
import type { FlowDirection, FlowEdge, FlowNode, FlowSnapshot } from '$lib/model/flow';
import { token } from '$lib/styles/tokens';

/**
 * The Yjs document is the source of truth; Svelte Flow draws plain node and
 * edge objects. These functions turn a snapshot into those objects, reusing
 * the previous object wherever nothing it shows changed: Svelte Flow then
 * skips unchanged nodes (it compares by identity), which keeps a remote edit
 * on a 1,000-node diagram to the work of that one node.
 */

/** Someone else who has this node or edge selected. */
export interface PeerMark {
	name: string;
	color: string;
}

export interface ShapeData extends Record<string, unknown> {
	node: FlowNode;
	/** The step number while numbering is on. */
	number: number | null;
	/** Others who have this shape selected. */
	peers: PeerMark[];
	/** Improvement notes: the label of the step it improves, for the note's footer. */
	stepLabel: string | null;
	/** Improvement notes: the owner's name. */
	ownerName: string | null;
}

export interface ArrowData extends Record<string, unknown> {
	/** Null on the dotted line that ties an improvement note to its step. */
	edge: FlowEdge | null;
	peers: PeerMark[];
}

export type ShapeNode = Node<ShapeData, FlowNode['type']>;
export type ArrowEdge = Edge<ArrowData>;

export const SIDES = ['top', 'right', 'bottom', 'left'] as const;
export type Side = (typeof SIDES)[number];
/** A hidden connection point in the middle of every shape, for the improvement-note tie. */
export const CENTER_HANDLE = 'center';
export const HANDLE_SIZE = 10;
export const ATTACHMENT_PREFIX = 'attach:';

/** Where an arrow leaves and enters a shape when it does not name a connection point. */
export function defaultSides(direction: FlowDirection): { source: Side; target: Side } {
	switch (direction) {
		case 'RL':
			return { source: 'left', target: 'right' };
		case 'TB':
			return { source: 'bottom', target: 'top' };
		case 'BT':
			return { source: 'top', target: 'bottom' };
		default:
			return { source: 'right', target: 'left' };
	}
}

export const isSide = (value: unknown): value is Side =>
	(SIDES as readonly unknown[]).includes(value);

/**
 * Connection points in node coordinates, matching where the node component
 * renders its <Handle>s: Svelte Flow can then route edges of nodes it has not
 * rendered yet (only visible nodes are rendered on large diagrams).
 */
export function handlesFor(width: number, height: number, connectable: boolean): NodeHandle[] {
	const half = HANDLE_SIZE / 2;
	const center: NodeHandle = {
		id: CENTER_HANDLE,
		type: 'source',
		position: 'top' as Position,
		x: width / 2 - half,
		y: height / 2 - half,
		width: HANDLE_SIZE,
		height: HANDLE_SIZE
	};
	if (!connectable) return [center];
	const at = (side: Side, x: number, y: number): NodeHandle => ({
		id: side,
		type: 'source',
		position: side as Position,
		x: x - half,
		y: y - half,
		width: HANDLE_SIZE,
		height: HANDLE_SIZE
	});
	return [
		at('top', width / 2, 0),
		at('right', width, height / 2),
		at('bottom', width / 2, height),
		at('left', 0, height / 2),
		center
	];
}

const NODE_FIELDS = [
	'type',
	'label',
	'x',
	'y',
	'width',
	'height',
	'laneId',
	'ownerRole',
	'sla',
	'description',
	'attachedTo',
	'ownerId',
	'dueDate',
	'done'
] as const satisfies readonly (keyof FlowNode)[];

const EDGE_FIELDS = [
	'source',
	'target',
	'sourceHandle',
	'targetHandle',
	'label',
	'style',
	'arrow'
] as const satisfies readonly (keyof FlowEdge)[];

export function sameNodeContent(a: FlowNode, b: FlowNode): boolean {
	return NODE_FIELDS.every((key) => a[key] === b[key]);
}

export function sameEdge(a: FlowEdge, b: FlowEdge): boolean {
	return EDGE_FIELDS.every((key) => a[key] === b[key]);
}

function samePeers(a: PeerMark[], b: PeerMark[]): boolean {
	return a.length === b.length && a.every((p, i) => p.name === b[i].name && p.color === b[i].color);
}

const NO_PEERS: PeerMark[] = [];

export interface NodeViewInput {
	snapshot: FlowSnapshot;
	/** Step numbers, when numbering is on. */
	numbers: Map<string, number> | null;
	/** Node id → others who selected it. */
	peerSelections: Map<string, PeerMark[]>;
	/** User id → name, for improvement notes' owners. */
	memberNames: Map<string, string>;
	/** Nodes this person is resizing: they keep the size and position on screen. */
	held?: ReadonlySet<string>;
}

/**
 * The Svelte Flow nodes for a snapshot. `previous` is what Svelte Flow holds
 * now (it writes selection, drag state and measurements into it): an
 * unchanged node keeps its object, a changed one keeps its selection, and a
 * node this person is dragging keeps the position under their pointer.
 */
export function buildNodes(input: NodeViewInput, previous: readonly ShapeNode[]): ShapeNode[] {
	const { snapshot, numbers, peerSelections, memberNames } = input;
	const before = new Map<string, ShapeNode>();
	for (const node of previous) before.set(node.id, node);
	const labels = new Map<string, string>();
	for (const node of snapshot.nodes) labels.set(node.id, node.label);

	return snapshot.nodes.map((node) => {
		const old = before.get(node.id);
		const number = numbers?.get(node.id) ?? null;
		const peers = peerSelections.get(node.id) ?? NO_PEERS;
		const stepLabel =
			node.attachedTo !== null
				? (labels.get(node.attachedTo) ?? null) || m.flow_untitled_step()
				: null;
		const ownerName = node.ownerId !== null ? (memberNames.get(node.ownerId) ?? null) : null;
		const dragging = old?.dragging === true;
		const held = old !== undefined && (dragging || input.held?.has(node.id) === true);
		if (old) {
			const data = old.data;
			const placed = held || (old.position.x === node.x && old.position.y === node.y);
			const sized = held || (old.width === node.width && old.height === node.height);
			if (
				placed &&
				sized &&
				sameNodeContent(data.node, node) &&
				data.number === number &&
				data.stepLabel === stepLabel &&
				data.ownerName === ownerName &&
				samePeers(data.peers, peers)
			) {
				return old;
			}
		}
		const connectable = node.type !== 'improvement';
		const width = held && old ? (old.width ?? node.width) : node.width;
		const height = held && old ? (old.height ?? node.height) : node.height;
		const view: ShapeNode = {
			id: node.id,
			type: node.type,
			position: held && old ? old.position : { x: node.x, y: node.y },
			width,
			height,
			measured: { width, height },
			handles: handlesFor(width, height, connectable),
			data: { node, number, peers, stepLabel, ownerName },
			selected: old?.selected ?? false,
			// Notes sit above the arrows that pass under them.
			zIndex: connectable ? 0 : 1
		};
		if (dragging) view.dragging = true;
		return view;
	});
}

export interface EdgeViewInput {
	snapshot: FlowSnapshot;
	peerSelections: Map<string, PeerMark[]>;
}

/** Every arrow is drawn by FlowArrow, which follows the arrow's style and lets its ends be moved. */
export const ARROW_TYPE = 'arrow';
// Hex, not a CSS variable: Svelte Flow builds the marker's element id from its colour.
const ARROWHEAD = {
	type: 'arrowclosed' as MarkerType,
	width: 14,
	height: 14,
	color: token('flow-edge')
};

/** The Svelte Flow edges for a snapshot, plus a dotted tie from each attached improvement note. */
export function buildEdges(input: EdgeViewInput, previous: readonly ArrowEdge[]): ArrowEdge[] {
	const { snapshot, peerSelections } = input;
	const before = new Map<string, ArrowEdge>();
	for (const edge of previous) before.set(edge.id, edge);
	const sides = defaultSides(snapshot.meta.direction);
	const result: ArrowEdge[] = [];

	for (const edge of snapshot.edges) {
		const old = before.get(edge.id);
		const peers = peerSelections.get(edge.id) ?? NO_PEERS;
		if (old?.data?.edge && sameEdge(old.data.edge, edge) && samePeers(old.data.peers, peers)) {
			// Direction changes move unnamed connection points, so those are compared too.
			const sourceHandle = isSide(edge.sourceHandle) ? edge.sourceHandle : sides.source;
			const targetHandle = isSide(edge.targetHandle) ? edge.targetHandle : sides.target;
			if (old.sourceHandle === sourceHandle && old.targetHandle === targetHandle) {
				result.push(old);
				continue;
			}
		}
		const view: ArrowEdge = {
			id: edge.id,
			source: edge.source,
			target: edge.target,
			sourceHandle: isSide(edge.sourceHandle) ? edge.sourceHandle : sides.source,
			targetHandle: isSide(edge.targetHandle) ? edge.targetHandle : sides.target,
			type: ARROW_TYPE,
			label: edge.label || undefined,
			markerEnd: edge.arrow === 'none' ? undefined : ARROWHEAD,
			markerStart: edge.arrow === 'both' ? ARROWHEAD : undefined,
			selected: old?.selected ?? false,
			data: { edge, peers },
			class: peers.length > 0 ? 'peer-selected' : undefined,
			style: peers.length > 0 ? `--peer-color: ${peers[0].color}` : undefined
		};
		result.push(view);
	}

	const ids = new Set(snapshot.nodes.map((n) => n.id));
	for (const node of snapshot.nodes) {
		if (node.type !== 'improvement' || node.attachedTo === null || !ids.has(node.attachedTo)) {
			continue;
		}
		const id = ATTACHMENT_PREFIX + node.id;
		const old = before.get(id);
		if (old && old.target === node.attachedTo) {
			result.push(old);
			continue;
		}
		result.push({
			id,
			source: node.id,
			target: node.attachedTo,
			sourceHandle: CENTER_HANDLE,
			targetHandle: CENTER_HANDLE,
			type: 'straight',
			selectable: false,
			deletable: false,
			focusable: false,
			class: 'attachment-edge',
			data: { edge: null, peers: NO_PEERS }
		});
	}
	return result;
}

/**
 * The same nodes with exactly `ids` selected, reusing every object whose
 * selection does not change (Svelte Flow compares by identity).
 */
export function selectOnly<T extends { id: string; selected?: boolean }>(
	items: readonly T[],
	ids: ReadonlySet<string>
): T[] {
	let changed = false;
	const next = items.map((item) => {
		const selected = ids.has(item.id);
		if (Boolean(item.selected) === selected) return item;
		changed = true;
		return { ...item, selected };
	});
	return changed ? next : (items as T[]);
}

/**
 * The facing sides of two shapes, for an arrow drawn without choosing
 * connection points (from the properties panel): it leaves the side that
 * faces the target and enters the side that faces the source.
 */
export function facingSides(
	source: { x: number; y: number; width: number; height: number },
	target: { x: number; y: number; width: number; height: number }
): { source: Side; target: Side } {
	const dx = target.x + target.width / 2 - (source.x + source.width / 2);
	const dy = target.y + target.height / 2 - (source.y + source.height / 2);
	if (Math.abs(dx) >= Math.abs(dy)) {
		return dx >= 0 ? { source: 'right', target: 'left' } : { source: 'left', target: 'right' };
	}
	return dy >= 0 ? { source: 'bottom', target: 'top' } : { source: 'top', target: 'bottom' };
}

/**
 * Where a flow opens: null when the whole diagram fits at a readable zoom
 * (then fit it), otherwise its top-left corner at a readable zoom, where a
 * flow starts; the minimap shows the rest. Rendering a thousand unreadable
 * shapes at once would also make opening slow for nothing.
 */
export function openingViewport(
	snapshot: FlowSnapshot,
	screen: { width: number; height: number },
	readableZoom: number,
	/** A flow of at most this many shapes is always fitted whole (a phone's narrow screen). */
	fitUpTo = 0,
	padding = 0.15
): { x: number; y: number; zoom: number } | null {
	if (snapshot.nodes.length === 0 || snapshot.nodes.length <= fitUpTo) return null;
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	for (const node of snapshot.nodes) {
		minX = Math.min(minX, node.x);
		minY = Math.min(minY, node.y);
		maxX = Math.max(maxX, node.x + node.width);
		maxY = Math.max(maxY, node.y + node.height);
	}
	const fit = Math.min(
		screen.width / ((maxX - minX) * (1 + padding)),
		screen.height / ((maxY - minY) * (1 + padding))
	);
	if (fit >= readableZoom) return null;
	const zoom = readableZoom * 2;
	const top = Math.min(minY, snapshot.lanes[0]?.top ?? minY);
	return { x: 40 - minX * zoom, y: 20 - top * zoom, zoom };
}

/**
 * What "show the whole flow" shows: every shape and, top to bottom, every
 * lane — so the first lane starts at the top of the view rather than below an
 * empty band, and the last one is not cut off. Null for an empty flow.
 */
export function flowBounds(
	snapshot: FlowSnapshot
): { x: number; y: number; width: number; height: number } | null {
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	for (const node of snapshot.nodes) {
		minX = Math.min(minX, node.x);
		minY = Math.min(minY, node.y);
		maxX = Math.max(maxX, node.x + node.width);
		maxY = Math.max(maxY, node.y + node.height);
	}
	const last = snapshot.lanes.at(-1);
	if (last) {
		minY = Math.min(minY, snapshot.lanes[0].top);
		maxY = Math.max(maxY, last.top + last.height);
		if (!Number.isFinite(minX)) {
			minX = 0;
			maxX = 1200;
		}
	}
	if (!Number.isFinite(minX) || !Number.isFinite(minY)) return null;
	return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/**
 * The viewport showing `bounds` whole and centred on a `screen`, with a
 * `margin` (in screen pixels) on every side, zoomed in no further than `maxZoom`.
 */
export function fitViewport(
	bounds: { x: number; y: number; width: number; height: number },
	screen: { width: number; height: number },
	{ margin = 40, minZoom = 0.05, maxZoom = 1.2 } = {}
): { x: number; y: number; zoom: number } {
	const room = {
		width: Math.max(1, screen.width - 2 * margin),
		height: Math.max(1, screen.height - 2 * margin)
	};
	const zoom = Math.max(
		minZoom,
		Math.min(
			maxZoom,
			room.width / Math.max(1, bounds.width),
			room.height / Math.max(1, bounds.height)
		)
	);
	return {
		x: screen.width / 2 - (bounds.x + bounds.width / 2) * zoom,
		y: screen.height / 2 - (bounds.y + bounds.height / 2) * zoom,
		zoom
	};
}
