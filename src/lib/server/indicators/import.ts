import { eq } from 'drizzle-orm';
import { INDICATOR_LIMITS, parseCsv, parseNumber, parsePeriod } from '$lib/model/indicators';
import type { Database, Executor } from '../db';
import { indicators } from '../db/schema';
import { badRequest } from '../errors';
import { m } from '../../paraglide/messages.js';
import { requireEditor, type IndicatorAccess, type IndicatorRow } from './access';
import {
	applyChanges,
	findDuplicates,
	planChanges,
	type MeasurementInput,
	type Problem,
	type RecordOutcome
} from './measurements';
import { periodProblemText } from './problems';

/** Header names people write, in the three languages; compared lower-cased and trimmed. */
const COLUMNS = {
	indicator: ['indicator', 'indicator_id', 'indicatorid', 'name', '指标', '指標'],
	period: ['period', 'date', 'week', 'month', '周期', '週期', '日期'],
	value: ['value', '值', '数值', '數值'],
	note: ['note', 'notes', '备注', '備註']
} as const;

/** Rows of the preview returned (the counts cover every row). */
const PREVIEW_ROWS = 500;

export interface ImportRow {
	line: number;
	indicatorId: string;
	indicatorName: string;
	period: string;
	value: number;
	oldValue: number | null;
	action: 'add' | 'update' | 'unchanged';
}

export interface ImportResult {
	dryRun: boolean;
	/** False while any row is bad: then nothing was (or would be) imported. */
	valid: boolean;
	problems: Problem[];
	counts: RecordOutcome & { rows: number };
	/** The first rows, as they would be (or were) imported. */
	preview: ImportRow[];
}

function columnIndex(header: string[], names: readonly string[]): number {
	return header.findIndex((h) => (names as readonly string[]).includes(h.trim().toLowerCase()));
}

/**
 * Imports `indicator,period,value[,note]` rows into the workspace's
 * indicators (named by id or by name). Every row is checked first; any bad
 * row is named with its reason and nothing is imported. A period that has a
 * value is updated, not duplicated. With `dryRun` it only says what it would do.
 */
export async function importCsv(
	db: Database,
	access: IndicatorAccess,
	text: string,
	{ dryRun, actorId }: { dryRun: boolean; actorId: string }
): Promise<ImportResult> {
	requireEditor(access);
	const rows = parseCsv(text);
	if (rows.length === 0) throw badRequest(m.indsrv_import_empty());
	const header = rows[0].cells;
	const at = {
		indicator: columnIndex(header, COLUMNS.indicator),
		period: columnIndex(header, COLUMNS.period),
		value: columnIndex(header, COLUMNS.value),
		note: columnIndex(header, COLUMNS.note)
	};
	const missing = (['indicator', 'period', 'value'] as const).filter((c) => at[c] < 0);
	if (missing.length > 0) {
		throw badRequest(m.indsrv_import_columns_missing({ columns: missing.join(', ') }));
	}
	const data = rows.slice(1);
	if (data.length > INDICATOR_LIMITS.batch) {
		throw badRequest(
			m.indsrv_import_too_many_rows({ max: INDICATOR_LIMITS.batch, rows: data.length })
		);
	}

	const all = await db
		.select()
		.from(indicators)
		.where(eq(indicators.workspaceId, access.workspaceId));
	const byId = new Map(all.map((i) => [i.id, i]));
	const byName = new Map<string, IndicatorRow[]>();
	for (const indicator of all) {
		const key = indicator.name.trim().toLowerCase();
		byName.set(key, [...(byName.get(key) ?? []), indicator]);
	}

	const problems: Problem[] = [];
	const perIndicator = new Map<
		string,
		{ indicator: IndicatorRow; items: (MeasurementInput & { line: number })[] }
	>();
	for (const { line, cells } of data) {
		const where = { at: `row ${line}`, line };
		const name = (cells[at.indicator] ?? '').trim();
		let indicator = byId.get(name) ?? null;
		if (!indicator) {
			const named = byName.get(name.toLowerCase()) ?? [];
			const active = named.filter((i) => !i.archivedAt);
			if (active.length > 1) {
				problems.push({
					...where,
					field: 'indicator',
					message: m.indsrv_name_ambiguous({ name, count: active.length })
				});
				continue;
			}
			indicator = active[0] ?? named[0] ?? null;
		}
		if (!indicator) {
			problems.push({
				...where,
				field: 'indicator',
				message: name
					? m.indsrv_no_indicator_named({ name: name.slice(0, 60) })
					: m.indsrv_is_empty()
			});
			continue;
		}
		if (indicator.archivedAt) {
			problems.push({
				...where,
				field: 'indicator',
				message: m.indsrv_indicator_archived({ name: indicator.name })
			});
			continue;
		}
		const period = parsePeriod(cells[at.period] ?? '', indicator.frequency);
		if (!period.ok)
			problems.push({
				...where,
				field: 'period',
				message: periodProblemText(period, indicator.frequency)
			});
		const rawValue = cells[at.value] ?? '';
		const value = parseNumber(rawValue);
		if (value === null) {
			problems.push({
				...where,
				field: 'value',
				message: rawValue.trim()
					? m.indsrv_not_a_number({ text: rawValue.trim().slice(0, 40) })
					: m.indsrv_is_empty()
			});
		}
		const note = at.note >= 0 ? (cells[at.note] ?? '').trim() : '';
		if (note.length > INDICATOR_LIMITS.note) {
			problems.push({
				...where,
				field: 'note',
				message: m.indsrv_at_most_characters({ max: INDICATOR_LIMITS.note })
			});
		}
		if (!period.ok || value === null) continue;
		const group = perIndicator.get(indicator.id) ?? { indicator, items: [] };
		group.items.push({ period: period.period, value, note: note || undefined, line });
		perIndicator.set(indicator.id, group);
	}
	for (const { indicator, items } of perIndicator.values()) {
		const dupes: Problem[] = [];
		findDuplicates(
			items.map((i) => ({ period: i.period, at: `row ${i.line}`, line: i.line })),
			dupes
		);
		problems.push(
			...dupes.map((p) => ({
				...p,
				message: m.indsrv_problem_for_indicator({ problem: p.message, name: indicator.name })
			}))
		);
	}
	problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));

	const counts = { rows: data.length, added: 0, updated: 0, removed: 0, unchanged: 0 };
	const preview: ImportRow[] = [];
	const valid = problems.length === 0;
	// Planned and applied in one transaction, so the audit's "old" is what was replaced.
	const run = async (tx: Executor) => {
		for (const { indicator, items } of perIndicator.values()) {
			const { changes, outcome } = await planChanges(tx, indicator.id, items);
			counts.added += outcome.added;
			counts.updated += outcome.updated;
			counts.unchanged += outcome.unchanged;
			if (!dryRun) await applyChanges(tx, indicator, changes, actorId, 'import');
			const byPeriod = new Map(changes.map((c) => [c.period, c]));
			for (const item of items) {
				if (preview.length >= PREVIEW_ROWS) break;
				const change = byPeriod.get(item.period);
				preview.push({
					line: item.line,
					indicatorId: indicator.id,
					indicatorName: indicator.name,
					period: item.period,
					value: item.value as number,
					oldValue: change ? change.oldValue : (item.value as number),
					action: !change ? 'unchanged' : change.oldValue === null ? 'add' : 'update'
				});
			}
		}
		preview.sort((a, b) => a.line - b.line);
	};
	if (valid) {
		if (dryRun) await run(db);
		else await db.transaction(run);
	}
	return { dryRun, valid, problems, counts, preview };
}
