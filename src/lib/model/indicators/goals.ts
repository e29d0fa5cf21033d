import { comparePeriods } from './periods';

/**
 * What "better" means for an indicator and where its lines are. A level is a
 * number for "higher is better" and "lower is better", and a band
 * `[low, high]` for "within a range".
 */
export const DIRECTIONS = ['higher', 'lower', 'range'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export type Level = number | [number, number];

export const STATUSES = ['on_target', 'warning', 'off_target'] as const;
export type Status = (typeof STATUSES)[number];

export interface Goal {
	direction: Direction;
	target: Level | null;
	/** Past this: warning. */
	warning: Level | null;
	/** Past this: off target, and the owner is told (an alert). */
	alert: Level | null;
	/** Targets that change over time: each applies from its period until the next. */
	targetSteps?: { from: string; target: Level }[];
}

/** Whether `value` is worse than `level` in `direction` (on the level itself is not past it). */
export function isPast(value: number, level: Level, direction: Direction): boolean {
	if (Array.isArray(level)) return value < level[0] || value > level[1];
	return direction === 'lower' ? value > level : value < level;
}

/** The target that applies to `period`: the last step starting at or before it, else the base target. */
export function targetFor(goal: Goal, period: string): Level | null {
	let target = goal.target;
	for (const step of [...(goal.targetSteps ?? [])].sort((a, b) => comparePeriods(a.from, b.from))) {
		if (step.from <= period) target = step.target;
	}
	return target;
}

/**
 * The status of one value, the first rule that holds: past the alert
 * threshold → off target; past the warning threshold → warning; misses the
 * target → warning when an alert threshold says how bad is bad, else off
 * target; otherwise on target. Nothing to compare with → null.
 */
export function statusOf(value: number, goal: Goal, period: string): Status | null {
	const target = targetFor(goal, period);
	if (target === null && goal.warning === null && goal.alert === null) return null;
	if (goal.alert !== null && isPast(value, goal.alert, goal.direction)) return 'off_target';
	if (goal.warning !== null && isPast(value, goal.warning, goal.direction)) return 'warning';
	if (target !== null && isPast(value, target, goal.direction)) {
		return goal.alert !== null || goal.warning !== null ? 'warning' : 'off_target';
	}
	return 'on_target';
}

/** Why a level does not fit its direction; the caller words it. */
export type LevelProblem = 'not_range' | 'range_reversed' | 'not_number';

/** Whether a level has the shape its direction needs (a band for a range, a number otherwise). */
export function levelProblem(level: unknown, direction: Direction): LevelProblem | null {
	if (level === null || level === undefined) return null;
	if (direction === 'range') {
		if (
			!Array.isArray(level) ||
			level.length !== 2 ||
			!level.every((n) => typeof n === 'number' && Number.isFinite(n))
		)
			return 'not_range';
		if (level[0] > level[1]) return 'range_reversed';
		return null;
	}
	if (typeof level !== 'number' || !Number.isFinite(level)) return 'not_number';
	return null;
}

/**
 * How far a value is from good, signed so that smaller is better: the value
 * itself (negated for "higher"), or its distance outside the target band.
 */
export function badness(value: number, direction: Direction, target: Level | null): number {
	if (direction === 'higher') return -value;
	if (direction === 'lower') return value;
	if (!Array.isArray(target)) return 0;
	return value < target[0] ? target[0] - value : value > target[1] ? value - target[1] : 0;
}
