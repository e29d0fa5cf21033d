import * as Y from 'yjs';
export { mapOf, newId } from '../yjs-maps';

/**
 * The shared shape of a `flow` document (schema version 1), documented in
 * docs/document-model.md. Every editor writes every root; there is no
 * server-only part.
 *
 * - `meta` (Y.Map): schemaVersion, kind ('flow'), numbering, direction.
 * - `lanes` (Y.Map<laneId, Y.Map>): { id, title, height, line, order }. Drawn
 *   top to bottom by ascending `order` (ties by id), starting at y = 0.
 *   A map with a fractional `order` rather than a Y.Array because Yjs cannot
 *   move an array item: a move would be delete + re-insert, so two people
 *   moving the same lane at once would end with two copies of it, and a rename
 *   made while someone else moved the lane would be lost.
 * - `nodes` (Y.Map<nodeId, Y.Map>): shapes. `y` is relative to the top of the
 *   node's lane when `laneId` is set, so moving or resizing a lane moves its
 *   nodes without touching them, and concurrent lane and node moves converge.
 * - `edges` (Y.Map<edgeId, Y.Map>): connections between nodes.
 */
export const FLOW_SCHEMA_VERSION = 1;
export const FLOW_KIND = 'flow';

export const FLOW_NODE_TYPES = [
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
] as const;
export type FlowNodeType = (typeof FLOW_NODE_TYPES)[number];

export const FLOW_NODE_TYPE_LABELS: Record<FlowNodeType, string> = {
	start: 'Start',
	end: 'End',
	process: 'Process step',
	decision: 'Decision',
	document: 'Document',
	data: 'Data / database',
	manual: 'Manual step',
	handoff: 'Hand-off',
	note: 'Note',
	improvement: 'Improvement note'
};

/** The size a new node gets when its creator does not say; the editor may resize it. */
export const DEFAULT_NODE_SIZES: Record<FlowNodeType, { width: number; height: number }> = {
	start: { width: 120, height: 48 },
	end: { width: 120, height: 48 },
	process: { width: 160, height: 64 },
	decision: { width: 140, height: 90 },
	document: { width: 160, height: 72 },
	data: { width: 150, height: 72 },
	manual: { width: 160, height: 64 },
	handoff: { width: 150, height: 60 },
	note: { width: 180, height: 90 },
	improvement: { width: 200, height: 100 }
};

/** Notes annotate the process; they are not steps of it (checks and numbering skip them). */
export function isStepType(type: FlowNodeType): boolean {
	return type !== 'note' && type !== 'improvement';
}

export function isFlowNodeType(value: unknown): value is FlowNodeType {
	return (FLOW_NODE_TYPES as readonly unknown[]).includes(value);
}

export const EDGE_STYLES = ['straight', 'step', 'smooth'] as const;
export type EdgeStyle = (typeof EDGE_STYLES)[number];
export const EDGE_ARROWS = ['end', 'none', 'both'] as const;
export type EdgeArrow = (typeof EDGE_ARROWS)[number];
export const DEFAULT_EDGE_STYLE: EdgeStyle = 'smooth';

/** The service blueprint's named lines; a lane's line is drawn along its bottom edge. */
export const LANE_LINES = ['interaction', 'visibility', 'internal-interaction'] as const;
export type LaneLine = (typeof LANE_LINES)[number];
export const LANE_LINE_LABELS: Record<LaneLine, string> = {
	interaction: 'Line of interaction',
	visibility: 'Line of visibility',
	'internal-interaction': 'Line of internal interaction'
};

export const FLOW_DIRECTIONS = ['LR', 'RL', 'TB', 'BT'] as const;
export type FlowDirection = (typeof FLOW_DIRECTIONS)[number];

export const DEFAULT_LANE_HEIGHT = 160;
export const MIN_LANE_HEIGHT = 60;
export const MAX_LANE_HEIGHT = 4000;
export const MAX_LANES = 50;

export interface FlowMeta {
	/** null when the document has not been stamped yet. */
	schemaVersion: number | null;
	kind: string | null;
	/** Whether the editor shows step numbers (computed, see numberSteps). */
	numbering: boolean;
	/** The main direction of the flow, used by auto-layout and the Mermaid export. */
	direction: FlowDirection;
}

export interface FlowLane {
	id: string;
	title: string;
	height: number;
	/** A named blueprint line drawn below this lane, or null. */
	line: LaneLine | null;
	/** Computed: the sum of the heights of the lanes above. */
	top: number;
}

export interface FlowNode {
	id: string;
	type: FlowNodeType;
	label: string;
	/** Top-left corner, absolute (in a snapshot) canvas pixels. */
	x: number;
	y: number;
	width: number;
	height: number;
	laneId: string | null;
	/** Who does the step (a role, not a person). */
	ownerRole: string;
	/** The step's target time, free text ("4h", "next business day"). */
	sla: string;
	description: string;
	/** Improvement notes only (null / false on other nodes): the step it improves. */
	attachedTo: string | null;
	/** Improvement notes only: a workspace member's user id. */
	ownerId: string | null;
	/** Improvement notes only: 'YYYY-MM-DD'. */
	dueDate: string | null;
	done: boolean;
}

export interface FlowEdge {
	id: string;
	source: string;
	target: string;
	sourceHandle: string | null;
	targetHandle: string | null;
	label: string;
	style: EdgeStyle;
	arrow: EdgeArrow;
}

/** A plain, absolute-position copy of a flow: what the editor, checks and exporters read. */
export interface FlowSnapshot {
	meta: FlowMeta;
	/** Top to bottom. */
	lanes: FlowLane[];
	/** Sorted by id, so two replicas holding the same document read the same snapshot. */
	nodes: FlowNode[];
	edges: FlowEdge[];
}

/** Either what a write did, or a sentence saying why it changed nothing. */
export type FlowResult<T = null> = { ok: true; value: T } | { ok: false; problem: string };

export const ok = <T>(value: T): FlowResult<T> => ({ ok: true, value });
export const refuse = <T>(problem: string): FlowResult<T> => ({ ok: false, problem });

export const metaOf = (doc: Y.Doc) => doc.getMap<unknown>('meta');
export const lanesOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('lanes');
export const nodesOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('nodes');
export const edgesOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('edges');

/**
 * Stamps `meta` with the schema version and kind where they are missing (a
 * flow created without a template starts empty). Only call this once the
 * document is synced, so an empty local copy does not race the stored stamp.
 * Returns true when it wrote something.
 */
export function ensureFlowMeta(doc: Y.Doc): boolean {
	const meta = metaOf(doc);
	let wrote = false;
	doc.transact(() => {
		if (!meta.has('schemaVersion')) {
			meta.set('schemaVersion', FLOW_SCHEMA_VERSION);
			wrote = true;
		}
		if (!meta.has('kind')) {
			meta.set('kind', FLOW_KIND);
			wrote = true;
		}
	});
	return wrote;
}
