import type { Figure } from './scenario';
import type { ScenarioName, ServerKind } from './options';

export interface Row {
	scenario: ScenarioName;
	figure: string;
	unit: string;
	better: Figure['better'];
	ours: Figure | null;
	reference: Figure | null;
	/** ours / reference; null when either is missing or the reference is 0. */
	ratio: number | null;
	/** With --rounds: each round's ratio, in round order (ratio is their median). */
	roundRatios?: (number | null)[];
}

export interface RunOutcome {
	scenario: ScenarioName;
	server: ServerKind;
	/** Which round (1, 2, …) of --rounds this run belongs to. */
	round: number;
	figures: Figure[];
	details: Record<string, unknown>;
	connectionErrors: number;
	connectionCloses: number;
	/** 1-minute load average when the run started and ended: other work on the machine skews every figure. */
	loadBefore: number;
	loadAfter: number;
	error: string | null;
}

/** Pairs each figure of ours with the reference's figure of the same name. */
export function buildRows(outcomes: RunOutcome[], scenarios: ScenarioName[]): Row[] {
	const rows: Row[] = [];
	for (const scenario of scenarios) {
		const find = (server: ServerKind) =>
			outcomes.find((o) => o.scenario === scenario && o.server === server);
		const ours = find('ours');
		const reference = find('reference');
		const names: { figure: string; unit: string; better: Figure['better'] }[] = [];
		for (const outcome of [ours, reference]) {
			for (const f of outcome?.figures ?? []) {
				if (!names.some((n) => n.figure === f.figure)) names.push(f);
			}
		}
		for (const { figure, unit, better } of names) {
			const o = ours?.figures.find((f) => f.figure === figure) ?? null;
			const r = reference?.figures.find((f) => f.figure === figure) ?? null;
			const ratio =
				o && r && Number.isFinite(o.value) && Number.isFinite(r.value) && r.value !== 0
					? o.value / r.value
					: null;
			rows.push({ scenario, figure, unit, better, ours: o, reference: r, ratio });
		}
	}
	return rows;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Several rounds' rows as one table: each figure's median over the rounds
 * for either server, and as its ratio the median of the rounds' own ratios
 * (each taken between two runs minutes apart, so on the same machine),
 * not the ratio of the two medians. A round missing a figure (a failed run)
 * is left out of that figure's medians.
 */
export function combineRounds(rounds: Row[][]): Row[] {
	const byKey = new Map<string, Row[]>();
	for (const rows of rounds) {
		for (const row of rows) {
			const key = `${row.scenario}\u0000${row.figure}`;
			byKey.set(key, [...(byKey.get(key) ?? []), row]);
		}
	}
	const combine = (figures: (Figure | null)[]): Figure | null => {
		const present = figures.filter((f): f is Figure => f !== null && Number.isFinite(f.value));
		if (present.length === 0) return figures.find((f) => f !== null) ?? null;
		const { figure, unit, better } = present[0];
		return { figure, unit, better, value: median(present.map((f) => f.value)) };
	};
	return [...byKey.values()].map((rows) => {
		const ratios = rows.map((r) => r.ratio).filter((r): r is number => r !== null);
		return {
			...rows[0],
			ours: combine(rows.map((r) => r.ours)),
			reference: combine(rows.map((r) => r.reference)),
			ratio: ratios.length > 0 ? median(ratios) : null,
			roundRatios: rows.map((r) => r.ratio)
		};
	});
}

function formatNumber(value: number): string {
	if (!Number.isFinite(value)) return 'n/a';
	const abs = Math.abs(value);
	const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
	return value.toLocaleString('en', {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits
	});
}

function formatCell(figure: Figure | null, failed: boolean): string {
	if (!figure) return failed ? 'FAILED' : '-';
	const value = `${formatNumber(figure.value)} ${figure.unit}`;
	return figure.display ? `${value} (${figure.display})` : value;
}

export function formatTable(rows: Row[], outcomes: RunOutcome[]): string {
	const failed = (scenario: ScenarioName, server: ServerKind) =>
		outcomes.some((o) => o.scenario === scenario && o.server === server && o.error);
	const header = ['scenario', 'figure', 'ours', 'reference', 'ratio'];
	const body = rows.map((row) => [
		row.scenario,
		row.figure,
		formatCell(row.ours, failed(row.scenario, 'ours')),
		formatCell(row.reference, failed(row.scenario, 'reference')),
		row.ratio === null
			? '-'
			: `${row.ratio.toFixed(2)}x${row.better === 'none' ? '' : ` (${row.better} is better)`}`
	]);
	// A scenario that failed before producing any figure still gets a line.
	for (const outcome of outcomes) {
		if (outcome.error && !rows.some((r) => r.scenario === outcome.scenario)) {
			body.push([outcome.scenario, '(no figures)', '', '', '']);
		}
	}
	const widths = header.map((h, i) => Math.max(h.length, ...body.map((line) => line[i].length)));
	const line = (cells: string[]) =>
		cells
			.map((c, i) => c.padEnd(widths[i]))
			.join(' | ')
			.trimEnd();
	const separator = widths.map((w) => '-'.repeat(w)).join('-|-');
	const out = [line(header), separator];
	let previous = '';
	for (const cells of body) {
		if (previous && cells[0] !== previous) out.push(separator);
		previous = cells[0];
		out.push(line(cells));
	}
	return out.join('\n');
}
