import { and, eq } from 'drizzle-orm';
import {
	DIRECTIONS,
	FREQUENCIES,
	INDICATOR_LIMITS,
	levelProblem,
	parsePeriod,
	type Direction,
	type Frequency,
	type IndicatorView,
	type Level
} from '$lib/model/indicators';
import type { Database } from '../db';
import { indicatorCategories, memberships } from '../db/schema';
import { badRequest } from '../errors';
import { m } from '../../paraglide/messages.js';
import { refuseUnstorable, requireOneOf, requireString } from '../validate';
import type { IndicatorRow } from './access';
import { fieldProblem, levelProblemText, periodProblemText } from './problems';

/** How many periods a list (targetSteps, recalculateFrom) holds at most. */
const MAX_PERIODS = 50;

/** An indicator's definition as sent (POST: all required fields; PATCH: any subset). */
export type IndicatorDefinition = Pick<
	IndicatorView,
	| 'name'
	| 'definition'
	| 'unit'
	| 'direction'
	| 'frequency'
	| 'target'
	| 'warning'
	| 'alert'
	| 'targetSteps'
	| 'recalculateFrom'
	| 'categoryId'
	| 'dataSource'
> & { ownerId: string | null };

function text(value: unknown, field: string, max: number): string {
	if (value === undefined || value === null) return '';
	if (typeof value !== 'string') throw badRequest(m.indsrv_field_text({ field }));
	refuseUnstorable(value, field);
	const trimmed = value.trim();
	if (trimmed.length > max) throw badRequest(m.indsrv_field_too_long({ field, max }));
	return trimmed;
}

function level(value: unknown, field: string, direction: Direction): Level | null {
	if (value === undefined || value === null || value === '') return null;
	const problem = levelProblem(value, direction);
	if (problem) throw badRequest(fieldProblem(field, levelProblemText(problem)));
	return value as Level;
}

function periods(value: unknown, field: string, frequency: Frequency): string[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value) || value.length > MAX_PERIODS) {
		throw badRequest(m.indsrv_periods_list({ field, max: MAX_PERIODS }));
	}
	return [
		...new Set(
			value.map((item, i) => {
				const parsed = parsePeriod(item, frequency);
				if (!parsed.ok)
					throw badRequest(fieldProblem(`${field}[${i}]`, periodProblemText(parsed, frequency)));
				return parsed.period;
			})
		)
	].sort();
}

async function member(db: Database, workspaceId: string, value: unknown): Promise<string | null> {
	if (value === undefined || value === null || value === '') return null;
	if (typeof value !== 'string') throw badRequest(m.indsrv_owner_not_id());
	const [row] = await db
		.select({ userId: memberships.userId })
		.from(memberships)
		.where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, value)));
	if (!row) throw badRequest(m.indsrv_owner_not_member());
	return value;
}

async function category(db: Database, workspaceId: string, value: unknown): Promise<string | null> {
	if (value === undefined || value === null || value === '') return null;
	if (typeof value !== 'string') throw badRequest(m.indsrv_category_not_id());
	const [row] = await db
		.select({ id: indicatorCategories.id })
		.from(indicatorCategories)
		.where(
			and(eq(indicatorCategories.id, value), eq(indicatorCategories.workspaceId, workspaceId))
		);
	if (!row) throw badRequest(m.indsrv_category_not_here());
	return value;
}

/**
 * Reads a definition: every field of `input` over `current` (an update) or
 * over the defaults (a new indicator). Levels are checked against the
 * direction that will hold, so changing the direction alone to "range" with
 * a number target is refused.
 */
export async function readDefinition(
	db: Database,
	workspaceId: string,
	input: Record<string, unknown>,
	current: IndicatorRow | null
): Promise<IndicatorDefinition> {
	const has = (key: string) => key in input;
	const direction =
		has('direction') || !current
			? requireOneOf(input.direction, 'direction', DIRECTIONS)
			: current.direction;
	const frequency =
		has('frequency') || !current
			? requireOneOf(input.frequency, 'frequency', FREQUENCIES)
			: current.frequency;
	const pick = <T>(key: string, read: () => T, existing: T | undefined, fallback: T): T =>
		has(key) ? read() : current ? (existing as T) : fallback;
	const targetSteps = pick(
		'targetSteps',
		() => {
			const steps = input.targetSteps;
			if (steps === null || steps === undefined) return [];
			if (!Array.isArray(steps) || steps.length > MAX_PERIODS)
				throw badRequest(m.indsrv_target_steps_list({ max: MAX_PERIODS }));
			return steps.map((step, i) => {
				const item = (step ?? {}) as Record<string, unknown>;
				const from = parsePeriod(item.from, frequency);
				if (!from.ok)
					throw badRequest(
						fieldProblem(`targetSteps[${i}].from`, periodProblemText(from, frequency))
					);
				const target = level(item.target, `targetSteps[${i}].target`, direction);
				if (target === null)
					throw badRequest(m.indsrv_field_required({ field: `targetSteps[${i}].target` }));
				return { from: from.period, target };
			});
		},
		current?.targetSteps,
		[]
	);
	const definition: IndicatorDefinition = {
		name:
			has('name') || !current
				? requireString(input.name, 'name', { max: INDICATOR_LIMITS.name })
				: current.name,
		definition: pick(
			'definition',
			() => text(input.definition, 'definition', INDICATOR_LIMITS.text),
			current?.definition,
			''
		),
		unit: pick('unit', () => text(input.unit, 'unit', INDICATOR_LIMITS.unit), current?.unit, ''),
		dataSource: pick(
			'dataSource',
			() => text(input.dataSource, 'dataSource', INDICATOR_LIMITS.note),
			current?.dataSource,
			''
		),
		direction,
		frequency,
		target: has('target') ? level(input.target, 'target', direction) : (current?.target ?? null),
		warning: has('warning')
			? level(input.warning, 'warning', direction)
			: (current?.warning ?? null),
		alert: has('alert') ? level(input.alert, 'alert', direction) : (current?.alert ?? null),
		targetSteps,
		recalculateFrom: pick(
			'recalculateFrom',
			() => periods(input.recalculateFrom, 'recalculateFrom', frequency),
			current?.recalculateFrom,
			[]
		),
		ownerId: has('ownerId')
			? await member(db, workspaceId, input.ownerId)
			: (current?.ownerId ?? null),
		categoryId: has('categoryId')
			? await category(db, workspaceId, input.categoryId)
			: (current?.categoryId ?? null)
	};
	// Levels kept from before must still fit a changed direction.
	for (const field of ['target', 'warning', 'alert'] as const) {
		const problem = levelProblem(definition[field], direction);
		if (problem)
			throw badRequest(
				m.indsrv_field_problem_for_direction({
					field,
					problem: levelProblemText(problem),
					direction
				})
			);
	}
	return definition;
}
