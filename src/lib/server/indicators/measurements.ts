import { and, eq, inArray, sql } from 'drizzle-orm';
import { INDICATOR_LIMITS, parsePeriod, type Frequency } from '$lib/model/indicators';
import type { Database, Executor } from '../db';
import { indicators, measurements } from '../db/schema';
import { badRequest } from '../errors';
import { m } from '../../paraglide/messages.js';
import { refuseUnstorable } from '../validate';
import type { IndicatorRow } from './access';
import { periodProblemText } from './problems';
import { refreshIndicator } from './refresh';

export type MeasurementSource = 'grid' | 'api' | 'import';

/** One value to record; `value: null` removes the period's value, `note: undefined` keeps the note. */
export interface MeasurementInput {
	period: string;
	value: number | null;
	note?: string | null;
}

export interface Problem {
	/** Where, as a stable identifier: `measurements[2]` for the API, `row 4` for a CSV. */
	at: string;
	/** The CSV line, so a reader can be told "row 4" in their language. */
	line?: number;
	field: string;
	/** In the request's language. */
	message: string;
}

/** Checks one item of a JSON body; the problems name the item and field. */
export function readMeasurement(
	raw: unknown,
	at: string,
	frequency: Frequency,
	problems: Problem[]
): MeasurementInput | null {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
		problems.push({ at, field: '', message: m.indsrv_item_not_object() });
		return null;
	}
	const item = raw as Record<string, unknown>;
	const period = parsePeriod(item.period, frequency);
	if (!period.ok)
		problems.push({ at, field: 'period', message: periodProblemText(period, frequency) });
	const value = item.value;
	if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) {
		problems.push({ at, field: 'value', message: m.indsrv_value_not_number_or_null() });
	}
	let note: string | null | undefined = undefined;
	if (item.note !== undefined) {
		if (item.note !== null && typeof item.note !== 'string') {
			problems.push({ at, field: 'note', message: m.indsrv_must_be_text() });
		} else if (typeof item.note === 'string') {
			refuseUnstorable(item.note, `${at}.note`);
			if (item.note.length > INDICATOR_LIMITS.note)
				problems.push({
					at,
					field: 'note',
					message: m.indsrv_at_most_characters({ max: INDICATOR_LIMITS.note })
				});
			note = item.note.trim() || null;
		} else note = null;
	}
	if (!period.ok || (value !== null && typeof value !== 'number')) return null;
	return { period: period.period, value: value as number | null, note };
}

/** One problem as a reader sees it: "row 4.value “lots” is not a number". */
export function describeProblem(p: Problem): string {
	if (p.line !== undefined && p.field)
		return m.indsrv_problem_row_field({ line: p.line, field: p.field, problem: p.message });
	const at = p.line !== undefined ? m.indsrv_row({ line: p.line }) : p.at;
	return p.field
		? m.indsrv_problem_at_field({ at, field: p.field, problem: p.message })
		: m.indsrv_problem_at({ at, problem: p.message });
}

/** The error message of a refused batch: its first five problems and how many more. */
export function describeProblems(problems: Problem[]): string {
	const shown = problems.slice(0, 5).map(describeProblem).join(m.indsrv_problem_separator());
	return problems.length > 5
		? m.indsrv_nothing_recorded_more({ problems: shown, more: problems.length - 5 })
		: m.indsrv_nothing_recorded({ problems: shown });
}

/**
 * Refuses a batch that names one period twice: which value was meant? An
 * item's `line` (CSV) is where it is, for people, instead of `at`.
 */
export function findDuplicates(
	items: { period: string; at: string; line?: number }[],
	problems: Problem[]
) {
	const seen = new Map<string, string>();
	for (const item of items) {
		const first = seen.get(item.period);
		if (first)
			problems.push({
				at: item.at,
				line: item.line,
				field: 'period',
				message: m.indsrv_period_given_twice({ period: item.period, first })
			});
		else
			seen.set(item.period, item.line !== undefined ? m.indsrv_row({ line: item.line }) : item.at);
	}
}

export interface RecordOutcome {
	added: number;
	updated: number;
	removed: number;
	unchanged: number;
}

export interface PlannedChange {
	period: string;
	oldValue: number | null;
	newValue: number | null;
	oldNote: string | null;
	newNote: string | null;
}

const CHUNK = 2000;

/** What recording `items` would change, compared with what is stored. */
export async function planChanges(
	db: Executor,
	indicatorId: string,
	items: MeasurementInput[]
): Promise<{ changes: PlannedChange[]; outcome: RecordOutcome }> {
	const existing = new Map<string, { value: number; note: string | null }>();
	for (let i = 0; i < items.length; i += CHUNK) {
		const periods = items.slice(i, i + CHUNK).map((m) => m.period);
		const rows = await db
			.select({ period: measurements.period, value: measurements.value, note: measurements.note })
			.from(measurements)
			.where(and(eq(measurements.indicatorId, indicatorId), inArray(measurements.period, periods)));
		for (const row of rows) existing.set(row.period, row);
	}
	const outcome: RecordOutcome = { added: 0, updated: 0, removed: 0, unchanged: 0 };
	const changes: PlannedChange[] = [];
	for (const item of items) {
		const old = existing.get(item.period) ?? null;
		const newNote =
			item.value === null ? null : item.note === undefined ? (old?.note ?? null) : item.note;
		if (old === null && item.value === null) {
			outcome.unchanged += 1;
			continue;
		}
		if (old !== null && old.value === item.value && old.note === newNote) {
			outcome.unchanged += 1;
			continue;
		}
		if (old === null) outcome.added += 1;
		else if (item.value === null) outcome.removed += 1;
		else outcome.updated += 1;
		changes.push({
			period: item.period,
			oldValue: old?.value ?? null,
			newValue: item.value,
			oldNote: old?.note ?? null,
			newNote
		});
	}
	return { changes, outcome };
}

/**
 * Applies planned changes in the caller's transaction, with one audit row per
 * change, and refreshes the indicator's summary (and tells its owner of a new
 * episode). The indicator row is locked first so two uploads to one indicator
 * do not interleave their audit trails.
 */
export async function applyChanges(
	tx: Executor,
	indicator: IndicatorRow,
	changes: PlannedChange[],
	actorId: string,
	source: MeasurementSource
): Promise<void> {
	await tx
		.select({ id: indicators.id })
		.from(indicators)
		.where(eq(indicators.id, indicator.id))
		.for('update');
	// Rows go in as one JSON parameter per statement rather than as thousands
	// of bound values: building a drizzle insert of 2,000 rows × 6 columns cost
	// more than running it (an import of 100,000 rows spent most of its time
	// in query building), and the JSON form reads the same on both engines.
	const now = new Date().toISOString();
	const upserts = changes.filter((c) => c.newValue !== null);
	for (let i = 0; i < upserts.length; i += CHUNK) {
		const rows = upserts
			.slice(i, i + CHUNK)
			.map((c) => ({ period: c.period, value: c.newValue, note: c.newNote }));
		await tx.execute(sql`
			insert into measurements (indicator_id, period, value, note, updated_by, updated_at)
			select ${indicator.id}, r.period, r.value, r.note, ${actorId}, ${now}::timestamptz
			from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
				as r(period text, value double precision, note text)
			on conflict (indicator_id, period) do update set
				value = excluded.value, note = excluded.note,
				updated_by = excluded.updated_by, updated_at = excluded.updated_at`);
	}
	const removals = changes.filter((c) => c.newValue === null).map((c) => c.period);
	for (let i = 0; i < removals.length; i += CHUNK) {
		await tx
			.delete(measurements)
			.where(
				and(
					eq(measurements.indicatorId, indicator.id),
					inArray(measurements.period, removals.slice(i, i + CHUNK))
				)
			);
	}
	for (let i = 0; i < changes.length; i += CHUNK) {
		// `i` keeps the audit trail's ids in the order of the changes.
		const rows = changes.slice(i, i + CHUNK).map((c, at) => ({ ...c, at }));
		await tx.execute(sql`
			insert into measurement_changes
				(indicator_id, period, old_value, new_value, old_note, new_note, source, changed_by, created_at)
			select ${indicator.id}, r.period, r."oldValue", r."newValue", r."oldNote", r."newNote",
				${source}, ${actorId}, ${now}::timestamptz
			from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
				as r(at integer, period text, "oldValue" double precision, "newValue" double precision,
					"oldNote" text, "newNote" text)
			order by r.at`);
	}
	if (changes.length > 0) await refreshIndicator(tx, indicator.id);
}

/** Records a batch for one indicator: all of it or, with any bad item, none of it. */
export async function recordMeasurements(
	db: Database,
	indicator: IndicatorRow,
	items: MeasurementInput[],
	actorId: string,
	source: MeasurementSource
): Promise<RecordOutcome> {
	if (items.length > INDICATOR_LIMITS.batch) {
		throw badRequest(m.indsrv_batch_max({ max: INDICATOR_LIMITS.batch }));
	}
	return db.transaction(async (tx) => {
		const { changes, outcome } = await planChanges(tx, indicator.id, items);
		await applyChanges(tx, indicator, changes, actorId, source);
		return outcome;
	});
}
