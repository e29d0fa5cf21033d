import { describe, expect, it } from 'vitest';
import { formatGoals } from './goals';
import { buildRows, combineRounds, type RunOutcome } from './report';
import type { Figure } from './scenario';

function outcome(
	server: RunOutcome['server'],
	round: number,
	p99: number,
	rss: number
): RunOutcome {
	const figures: Figure[] = [
		{ figure: 'latency p99', unit: 'ms', value: p99, better: 'lower' },
		{ figure: 'server idle RSS', unit: 'MB', value: rss, better: 'lower' }
	];
	return {
		scenario: 'rooms',
		server,
		round,
		figures,
		details: {},
		connectionErrors: 0,
		connectionCloses: 0,
		loadBefore: 0,
		loadAfter: 0,
		error: null
	};
}

function rounds(...pairs: [number, number][]) {
	return pairs.map(([ours, reference], i) =>
		buildRows(
			[outcome('ours', i + 1, ours, 180), outcome('reference', i + 1, reference, 60)],
			['rooms']
		)
	);
}

describe('combineRounds', () => {
	it('takes the median of the rounds’ own ratios, not the ratio of the medians', () => {
		// Ratios 2.0, 0.5, 0.8: median 0.8. Medians of the values: 10 / 10 = 1.0.
		const [p99] = combineRounds(rounds([10, 5], [5, 10], [12, 15]));
		expect(p99.ours?.value).toBe(10);
		expect(p99.reference?.value).toBe(10);
		expect(p99.ratio).toBeCloseTo(0.8);
		expect(p99.roundRatios).toEqual([2, 0.5, 0.8]);
	});

	it('averages the middle two of an even number of rounds', () => {
		const [p99] = combineRounds(rounds([10, 10], [30, 10]));
		expect(p99.ours?.value).toBe(20);
		expect(p99.ratio).toBeCloseTo(2);
	});

	it('leaves a round whose run failed out of that figure', () => {
		const failed = buildRows([outcome('ours', 2, 99, 180)], ['rooms']);
		const [p99] = combineRounds([...rounds([10, 10]), failed]);
		expect(p99.ratio).toBe(1);
		expect(p99.roundRatios).toEqual([1, null]);
		expect(p99.ours?.value).toBeCloseTo((10 + 99) / 2);
	});

	it('judges a ratio goal on the median and lists every round', () => {
		const combined = combineRounds(rounds([10, 5], [5, 10], [12, 15]));
		const lines = formatGoals(combined, false);
		expect(lines).toContain(
			'rooms latency p99: ours/reference <= 1: 0.80x (median of rounds: 2.00x, 0.50x, 0.80x): MET'
		);
		expect(lines).toContain('rooms server idle RSS: ours <= 200 MB: 180 MB: MET');
	});
});
