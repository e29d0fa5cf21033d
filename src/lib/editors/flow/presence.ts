import type { PeerMark } from './flow-view';
import { token } from '$lib/styles/tokens';

/**
 * What each person's tab publishes in awareness while a flow is open, and how
 * others read it. Everything is validated: awareness comes from any client.
 */
export interface ViewportState {
	/** Svelte Flow's transform: screen = canvas * zoom + (x, y). */
	x: number;
	y: number;
	zoom: number;
	/** The size of the canvas on that person's screen. */
	width: number;
	height: number;
}

export interface FlowPresenceState {
	user: { id: string; name: string; color: string };
	/** Canvas coordinates, or null when the pointer is off the canvas. */
	cursor: { x: number; y: number } | null;
	/** Selected node and edge ids. */
	selection: string[];
	viewport: ViewportState | null;
}

export interface FlowPeer extends FlowPresenceState {
	clientId: number;
}

/** More would only be noise on screen; it also bounds what one client can make others draw. */
export const MAX_SHARED_SELECTION = 200;

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null;
const isFiniteNumber = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value);

function readViewport(value: unknown): ViewportState | null {
	if (!isRecord(value)) return null;
	const { x, y, zoom, width, height } = value;
	if (![x, y, zoom, width, height].every(isFiniteNumber)) return null;
	if ((zoom as number) <= 0 || (width as number) <= 0 || (height as number) <= 0) return null;
	return { x, y, zoom, width, height } as ViewportState;
}

function readState(value: unknown): FlowPresenceState | null {
	if (!isRecord(value) || !isRecord(value.user)) return null;
	const { id, name, color } = value.user;
	if (typeof id !== 'string' || typeof name !== 'string') return null;
	const cursor =
		isRecord(value.cursor) && isFiniteNumber(value.cursor.x) && isFiniteNumber(value.cursor.y)
			? { x: value.cursor.x, y: value.cursor.y }
			: null;
	const selection = Array.isArray(value.selection)
		? value.selection
				.filter((item): item is string => typeof item === 'string')
				.slice(0, MAX_SHARED_SELECTION)
		: [];
	return {
		user: {
			id,
			name: name.slice(0, 80),
			color:
				typeof color === 'string' && /^#[0-9a-f]{6}$/i.test(color) ? color : token('color-muted')
		},
		cursor,
		selection,
		viewport: readViewport(value.viewport)
	};
}

/** Everyone else's tabs (one entry per tab), in client id order. */
export function readPeers(states: Map<number, unknown>, selfClientId: number): FlowPeer[] {
	const peers: FlowPeer[] = [];
	for (const [clientId, value] of states) {
		if (clientId === selfClientId) continue;
		const state = readState(value);
		if (state) peers.push({ clientId, ...state });
	}
	return peers.sort((a, b) => a.clientId - b.clientId);
}

/** Node or edge id → the people (not tabs) who have it selected, ordered by name. */
export function selectionMarks(peers: FlowPeer[], selfUserId: string): Map<string, PeerMark[]> {
	const marks = new Map<string, PeerMark[]>();
	const seen = new Set<string>();
	for (const peer of peers) {
		// My own other tab is not a colleague.
		if (peer.user.id === selfUserId) continue;
		for (const id of peer.selection) {
			const key = `${id}\u0000${peer.user.id}`;
			if (seen.has(key)) continue;
			seen.add(key);
			const list = marks.get(id) ?? [];
			list.push({ name: peer.user.name, color: peer.user.color });
			marks.set(id, list);
		}
	}
	for (const list of marks.values()) list.sort((a, b) => a.name.localeCompare(b.name));
	return marks;
}

/**
 * The viewport that shows what `followed` sees, on a canvas of our size: the
 * same centre point and zoom (clamped to our zoom limits).
 */
export function followViewport(
	followed: ViewportState,
	ours: { width: number; height: number },
	zoomLimits: { min: number; max: number }
): { x: number; y: number; zoom: number } {
	const centerX = (followed.width / 2 - followed.x) / followed.zoom;
	const centerY = (followed.height / 2 - followed.y) / followed.zoom;
	const zoom = Math.min(zoomLimits.max, Math.max(zoomLimits.min, followed.zoom));
	return { x: ours.width / 2 - centerX * zoom, y: ours.height / 2 - centerY * zoom, zoom };
}
