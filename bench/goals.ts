import type { Row } from './report';

/**
 * What issue 16 asks of the sync server, as checks over one run's rows: a
 * ratio to the reference measured in the same run (robust on a shared
 * machine) or an absolute bound (memory, which load does not change much).
 * With --rounds a ratio goal is judged on the median of the rounds' ratios.
 */
interface Goal {
	scenario: Row['scenario'];
	figure: string;
	check: { ratioAtMost: number } | { oursAtMost: number };
	/** Only meaningful at full size (1,000 documents). */
	fullSizeOnly?: boolean;
}

const GOALS: Goal[] = [
	{ scenario: 'rooms', figure: 'latency p99', check: { ratioAtMost: 1 } },
	{ scenario: 'fan-out', figure: 'latency p99', check: { ratioAtMost: 1 } },
	{ scenario: 'rooms', figure: 'connect all clients', check: { ratioAtMost: 2 } },
	{ scenario: 'rooms', figure: 'server idle RSS', check: { oursAtMost: 200 } },
	{ scenario: 'rooms', figure: 'server peak RSS', check: { oursAtMost: 300 }, fullSizeOnly: true },
	{
		scenario: 'cold-load',
		figure: 'load after restart, all text (median)',
		check: { ratioAtMost: 0.1 }
	},
	{
		scenario: 'cold-load',
		figure: 'load on running server, all text (median)',
		check: { ratioAtMost: 0.1 }
	}
];

/** One line per goal whose figures this run has: the goal, the figure, met or not. */
export function formatGoals(rows: Row[], quick: boolean): string[] {
	const lines: string[] = [];
	for (const goal of GOALS) {
		const row = rows.find((r) => r.scenario === goal.scenario && r.figure === goal.figure);
		if (!row?.ours) continue;
		let wanted: string;
		let actual: string;
		let met: boolean | null;
		if ('ratioAtMost' in goal.check) {
			wanted = `ours/reference <= ${goal.check.ratioAtMost}`;
			actual = row.ratio === null ? 'no ratio' : `${row.ratio.toFixed(2)}x`;
			if (row.roundRatios && row.ratio !== null) {
				const each = row.roundRatios.map((r) => (r === null ? 'n/a' : `${r.toFixed(2)}x`));
				actual += ` (median of rounds: ${each.join(', ')})`;
			}
			met = row.ratio === null ? null : row.ratio <= goal.check.ratioAtMost;
		} else {
			wanted = `ours <= ${goal.check.oursAtMost} ${row.unit}`;
			actual = `${row.ours.value.toFixed(0)} ${row.unit}`;
			met = row.ours.value <= goal.check.oursAtMost;
		}
		const verdict =
			met === null
				? 'n/a'
				: quick && goal.fullSizeOnly
					? 'n/a (quick sizes)'
					: met
						? 'MET'
						: 'NOT MET';
		lines.push(`${goal.scenario} ${goal.figure}: ${wanted}: ${actual}: ${verdict}`);
	}
	return lines.length > 0 ? ['', 'Goals (issue 16):', ...lines] : [];
}
