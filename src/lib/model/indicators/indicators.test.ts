import { describe, expect, it } from 'vitest';
import {
	analyse,
	effectOf,
	limitsOf,
	median,
	nextPeriod,
	parsePeriod,
	periodOfDay,
	periodStart,
	periodsBetween,
	statusOf,
	type Goal,
	type Point
} from '.';

/** Monthly points of 2026 from January on. */
const months = (values: number[]): Point[] =>
	values.map((value, i) => ({ period: `2026-${String(i + 1).padStart(2, '0')}`, value }));
const flagged = (points: Point[], rule: string, recalc: string[] = []) => {
	const result = analyse(points, recalc);
	return points.filter((_, i) => result.flags[i].includes(rule as never)).map((p) => p.value);
};

describe('periods', () => {
	it('accepts each frequency’s own form and otherwise says why with a code and the text it read', () => {
		expect(parsePeriod('2026-11-30', 'daily')).toEqual({ ok: true, period: '2026-11-30' });
		expect(parsePeriod('2026-W48', 'weekly')).toEqual({ ok: true, period: '2026-W48' });
		expect(parsePeriod('2026-11', 'monthly')).toEqual({ ok: true, period: '2026-11' });
		for (const [value, frequency] of [
			['2026-02-30', 'daily'],
			['2026/11/30', 'daily'],
			['2026-11', 'daily'],
			['2026-13', 'monthly'],
			['2026-11-30', 'monthly'],
			['2025-W53', 'weekly'],
			['2026-W00', 'weekly'],
			['W48', 'weekly']
		] as const) {
			const result = parsePeriod(value, frequency);
			expect(result.ok, `${value} as ${frequency}`).toBe(false);
		}
		expect(parsePeriod('2026-13', 'monthly')).toEqual({
			ok: false,
			problem: 'not_period',
			text: '2026-13'
		});
		expect(parsePeriod(42, 'weekly')).toEqual({ ok: false, problem: 'not_text', text: '' });
	});

	it('knows 2026 has an ISO week 53 that holds New Year’s Day 2027', () => {
		expect(parsePeriod('2026-W53', 'weekly').ok).toBe(true);
		expect(periodOfDay('2026-11-30', 'weekly')).toBe('2026-W49');
		expect(periodOfDay('2027-01-01', 'weekly')).toBe('2026-W53');
		expect(periodOfDay('2027-01-04', 'weekly')).toBe('2027-W01');
		expect(nextPeriod('2026-W53', 'weekly')).toBe('2027-W01');
		expect(periodStart('2026-W49', 'weekly').toISOString().slice(0, 10)).toBe('2026-11-30');
	});

	it('steps through days across a month end and months across a year end', () => {
		expect(periodsBetween('2026-02-27', '2026-03-02', 'daily')).toEqual([
			'2026-02-27',
			'2026-02-28',
			'2026-03-01',
			'2026-03-02'
		]);
		expect(periodsBetween('2026-11', '2027-02', 'monthly')).toEqual([
			'2026-11',
			'2026-12',
			'2027-01',
			'2027-02'
		]);
	});
});

describe('status against target and thresholds', () => {
	const higher: Goal = { direction: 'higher', target: 95, warning: 92, alert: 90 };
	it('reads higher-is-better: meeting the target is on target, past the alert is off', () => {
		expect([96, 95, 94, 92, 91, 90, 89].map((v) => statusOf(v, higher, '2026-11'))).toEqual([
			'on_target',
			'on_target',
			'warning',
			'warning',
			'warning',
			'warning',
			'off_target'
		]);
	});

	it('reads lower-is-better with only a target: missing it is off target', () => {
		const lower: Goal = { direction: 'lower', target: 10, warning: null, alert: null };
		expect(statusOf(9, lower, '2026-11')).toBe('on_target');
		expect(statusOf(11, lower, '2026-11')).toBe('off_target');
	});

	it('reads a range: inside the band on target, outside the alert band off target', () => {
		const range: Goal = { direction: 'range', target: [2, 4], warning: null, alert: [1, 5] };
		expect(statusOf(3, range, '2026-11')).toBe('on_target');
		expect(statusOf(4.5, range, '2026-11')).toBe('warning');
		expect(statusOf(0.5, range, '2026-11')).toBe('off_target');
	});

	it('uses the target of the period and none when nothing is set', () => {
		const stepped: Goal = {
			direction: 'higher',
			target: 90,
			warning: null,
			alert: null,
			targetSteps: [{ from: '2026-07', target: 95 }]
		};
		expect(statusOf(92, stepped, '2026-06')).toBe('on_target');
		expect(statusOf(92, stepped, '2026-07')).toBe('off_target');
		expect(
			statusOf(92, { direction: 'higher', target: null, warning: null, alert: null }, 'x')
		).toBe(null);
	});
});

describe('XmR limits', () => {
	it('computes the centre line, MR-bar and the limits as worked by hand', () => {
		// mean 72/6 = 12; moving ranges 2,1,2,1,2 → MR-bar 1.6;
		// limits 12 ± 2.66·1.6 = 12 ± 4.256; upper range limit 3.268·1.6 = 5.2288.
		const { limits } = limitsOf(months([10, 12, 11, 13, 12, 14]));
		expect(limits).not.toBeNull();
		expect(limits!.centre).toBe(12);
		expect(limits!.mrBar).toBeCloseTo(1.6, 10);
		expect(limits!.upper).toBeCloseTo(16.256, 10);
		expect(limits!.lower).toBeCloseTo(7.744, 10);
		expect(limits!.upperRange).toBeCloseTo(5.2288, 10);
		expect(limits!.count).toBe(6);
	});

	it('gives no limits from fewer than six points, or when every value is the same', () => {
		expect(limitsOf(months([10, 12, 11, 13, 12]))).toEqual({
			limits: null,
			problem: 'too_few_points'
		});
		expect(limitsOf(months([4, 4, 4, 4, 4, 4]))).toEqual({ limits: null, problem: 'no_variation' });
		// With no limits nothing is "outside" them; a later point starts no false alarm.
		const flat = analyse(months([4, 4, 4, 4, 4, 4, 4]));
		expect(flat.segments[0].problem).toBe('no_variation');
		expect(flat.signals).toEqual([]);
	});

	it('recalculates from a chosen period: a step change is two steady processes, not noise', () => {
		const points = months([10, 12, 11, 13, 12, 14, 20, 22, 21, 23, 22, 24]);
		// One set of limits: centre 204/12 = 17, MR-bar (8 + 6 + 8)/11 = 2,
		// limits 17 ± 5.32 = 11.68 … 22.32, so 10, 11, 23 and 24 are outside.
		expect(flagged(points, 'outside_limits')).toEqual([10, 11, 23, 24]);
		const split = analyse(points, ['2026-07']);
		expect(split.segments.map((s) => [s.from, s.to, s.limits?.centre])).toEqual([
			['2026-01', '2026-06', 12],
			['2026-07', '2026-12', 22]
		]);
		expect(split.segments[1].limits!.mrBar).toBeCloseTo(1.6, 10);
		expect(split.signals).toEqual([]);
		// The jump between segments is not a moving range of either.
		expect(split.movingRanges[6]).toBeNull();
	});
});

describe('signal rules', () => {
	it('flags a point outside the limits', () => {
		// centre 113/8 = 14.125, MR-bar 30/7, upper limit 14.125 + 11.4 = 25.525.
		const points = months([10, 12, 11, 13, 12, 14, 11, 30]);
		expect(flagged(points, 'outside_limits')).toEqual([30]);
		expect(analyse(points).signals).toEqual([{ rule: 'outside_limits', periods: ['2026-08'] }]);
	});

	it('flags eight in a row above the centre line, and not seven', () => {
		// centre 86/12 ≈ 7.17: the last eight points are all above it.
		const eight = months([10, 2, 10, 2, 7.5, 8, 7.5, 8, 7.5, 8, 7.5, 8]);
		expect(analyse(eight).signals).toEqual([
			{
				rule: 'run',
				periods: [
					'2026-05',
					'2026-06',
					'2026-07',
					'2026-08',
					'2026-09',
					'2026-10',
					'2026-11',
					'2026-12'
				]
			}
		]);
		// centre 69/10 = 6.9: only seven in a row above it.
		const seven = months([2, 10, 2, 7.5, 8, 7.5, 8, 7.5, 8, 8.5].slice(0, 10));
		expect(analyse(seven).signals.filter((s) => s.rule === 'run')).toEqual([]);
	});

	it('flags six in a row rising; five, or a tie in between, is not a trend', () => {
		const six = months([5, 3, 5, 3, 1, 2, 3, 4, 5, 6, 4, 5]);
		expect(flagged(six, 'trend')).toEqual([1, 2, 3, 4, 5, 6]);
		expect(flagged(months([5, 3, 5, 3, 1, 2, 3, 4, 5, 3, 4, 5]), 'trend')).toEqual([]);
		expect(flagged(months([1, 2, 3, 3, 4, 5, 6, 7]), 'trend')).toEqual([]);
		expect(flagged(months([9, 8, 7, 6, 5, 4, 8]), 'trend')).toEqual([9, 8, 7, 6, 5, 4]);
	});

	it('shows ordinary variation as such: no signal on noise around a steady centre', () => {
		expect(analyse(months([10, 12, 11, 13, 12, 14, 11, 12, 13, 11, 12, 10])).signals).toEqual([]);
	});
});

describe('before/after effect', () => {
	// Minutes to answer; the change fell in June (left out: it holds some of each).
	const points = months([30, 32, 31, 29, 33, 40, 20, 22, 21, 25]);

	it('compares the median of n before with n after, judged by the direction', () => {
		const effect = effectOf(points, '2026-06', 'lower', 15, 3);
		expect(effect.before).toEqual({ count: 3, median: 31 });
		expect(effect.after).toEqual({ count: 3, median: 21 });
		expect(effect.difference).toBe(-10);
		expect(effect.verdict).toBe('better');
		expect(effectOf(points, '2026-06', 'higher', null, 3).verdict).toBe('worse');
		// Within 25–30 is good: 31 is 1 outside the band, 21 is 4 outside.
		expect(effectOf(points, '2026-06', 'range', [25, 30], 3).verdict).toBe('worse');
	});

	it('is too early until both sides have n periods', () => {
		const effect = effectOf(points, '2026-06', 'lower', null, 6);
		expect(effect.after.count).toBe(4);
		expect(effect.verdict).toBe('too_early');
	});

	it('takes the middle pair’s mean for an even count', () => {
		expect(median([4, 1, 3, 2])).toBe(2.5);
		expect(median([])).toBeNull();
	});
});
