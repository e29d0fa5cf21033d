import { m } from '../../paraglide/messages';
import { hasUnstorableCharacters } from '../text';
import { normalizeDate } from '../actions';
import {
	EDGE_ARROWS,
	EDGE_STYLES,
	FLOW_DIRECTIONS,
	isFlowNodeType,
	LANE_LINES,
	MAX_LANE_HEIGHT,
	MIN_LANE_HEIGHT,
	type EdgeArrow,
	type EdgeStyle,
	type FlowDirection,
	type LaneLine
} from './shape';

/**
 * Checks for values that reach the model from people and scripts: each answers
 * a sentence saying what is wrong, or null. Limits keep one document from
 * growing without bound; they are far above what a diagram needs.
 */
export const MAX_LABEL = 500;
export const MAX_LANE_TITLE = 100;
export const MAX_ROLE = 100;
export const MAX_SLA = 100;
export const MAX_DESCRIPTION = 5000;
export const MAX_ID = 100;
/** Canvas coordinates beyond this are a bug or an attack, not a diagram. */
export const MAX_COORDINATE = 10_000_000;
export const MIN_NODE_SIZE = 10;
export const MAX_NODE_SIZE = 4000;

export function textProblem(value: unknown, what: string, max: number): string | null {
	if (typeof value !== 'string') return m.flow_err_text({ what });
	if (value.length > max) return m.flow_err_too_long({ what, max });
	return null;
}

/**
 * Ids are map keys and handle names; the editor makes short ones, but a stock
 * client may write any string, so the rule every reader and writer shares is
 * only what can be stored and carried: not empty, not too long, no control
 * characters. (Mermaid text never contains ids: nodes are n1, n2… there.)
 */
export function idProblem(value: unknown, what: string): string | null {
	if (
		typeof value !== 'string' ||
		value === '' ||
		value.length > MAX_ID ||
		hasUnstorableCharacters(value)
	) {
		return m.flow_err_id({ what, max: MAX_ID });
	}
	return null;
}

export function coordinateProblem(value: unknown, what: string): string | null {
	if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > MAX_COORDINATE) {
		return m.flow_err_coordinate({ what, max: MAX_COORDINATE });
	}
	return null;
}

export function sizeProblem(value: unknown, what: string): string | null {
	if (typeof value !== 'number' || !(value >= MIN_NODE_SIZE && value <= MAX_NODE_SIZE)) {
		return m.flow_err_size({ what, min: MIN_NODE_SIZE, max: MAX_NODE_SIZE });
	}
	return null;
}

export function laneHeightProblem(value: unknown): string | null {
	if (typeof value !== 'number' || !(value >= MIN_LANE_HEIGHT && value <= MAX_LANE_HEIGHT)) {
		return m.flow_err_lane_height({ min: MIN_LANE_HEIGHT, max: MAX_LANE_HEIGHT });
	}
	return null;
}

export function dueDateProblem(value: unknown): string | null {
	if (value === null || normalizeDate(value) !== null) return null;
	return m.flow_err_due_date();
}

export function userIdProblem(value: unknown): string | null {
	if (value === null) return null;
	return idProblem(value, m.flow_what_owner());
}

export const isEdgeStyle = (value: unknown): value is EdgeStyle =>
	(EDGE_STYLES as readonly unknown[]).includes(value);
export const isEdgeArrow = (value: unknown): value is EdgeArrow =>
	(EDGE_ARROWS as readonly unknown[]).includes(value);
export const isLaneLine = (value: unknown): value is LaneLine =>
	(LANE_LINES as readonly unknown[]).includes(value);
export const isFlowDirection = (value: unknown): value is FlowDirection =>
	(FLOW_DIRECTIONS as readonly unknown[]).includes(value);
export { isFlowNodeType };

/** Positions and sizes are whole pixels, so lane arithmetic (top + offset) is exact. */
export const pixels = (value: number): number => Math.round(value) + 0;
