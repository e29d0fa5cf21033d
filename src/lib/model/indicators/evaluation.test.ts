import { describe, expect, it } from 'vitest';
import { buildSeries, evaluationValueOf, markdownCell, monthOfPeriod, readRatings } from '.';

const daily = {
	id: 'i',
	name: 'Resolution',
	unit: '%',
	direction: 'higher' as const,
	frequency: 'daily' as const,
	target: 85,
	warning: null,
	alert: null,
	recalculateFrom: []
};

describe('evaluation values', () => {
	it('gives a week to the month of its Thursday, a day to its own month', () => {
		// 2026-W44 runs Monday 26 October to Sunday 1 November; its Thursday is 29 October.
		expect(monthOfPeriod('2026-W44', 'weekly')).toBe('2026-10');
		// 2026-W45 starts on Monday 2 November.
		expect(monthOfPeriod('2026-W45', 'weekly')).toBe('2026-11');
		// 2020-W53 runs 28 December 2020 to 3 January 2021; Thursday 31 December.
		expect(monthOfPeriod('2020-W53', 'weekly')).toBe('2020-12');
		expect(monthOfPeriod('2026-11-30', 'daily')).toBe('2026-11');
		expect(monthOfPeriod('2026-11', 'monthly')).toBe('2026-11');
	});

	it('takes the latest value in the month with its status and signal; none gives nulls', () => {
		const values = [90, 92, 88, 91, 89, 93, 90, 87, 91, 89, 92, 90];
		const points = [
			...values.map((value, i) => ({
				period: `2026-10-${String(i + 1).padStart(2, '0')}`,
				value
			})),
			{ period: '2026-11-02', value: 91 },
			{ period: '2026-11-03', value: 70 }
		];
		const series = buildSeries(daily, points);
		expect(evaluationValueOf(daily, series, '2026-11')).toEqual({
			indicatorId: 'i',
			name: 'Resolution',
			unit: '%',
			direction: 'higher',
			period: '2026-11-03',
			value: 70,
			target: 85,
			status: 'off_target',
			signal: true
		});
		expect(evaluationValueOf(daily, series, '2026-10')).toMatchObject({
			period: '2026-10-12',
			value: 90,
			status: 'on_target',
			signal: false
		});
		expect(evaluationValueOf(daily, series, '2026-12')).toMatchObject({
			period: null,
			value: null,
			target: null,
			status: null,
			signal: false
		});
	});
});

describe('ratings', () => {
	it('accepts 1 to 5 or null with a comment, each aspect optional', () => {
		expect(
			readRatings({ team: { rating: 5, comment: ' 好 ' }, customer_feedback: { rating: null } })
		).toEqual({
			ok: true,
			ratings: {
				team: { rating: 5, comment: '好' },
				customer_feedback: { rating: null, comment: '' }
			}
		});
		expect(readRatings({})).toEqual({ ok: true, ratings: {} });
	});

	it('names the first bad field', () => {
		expect(readRatings([])).toEqual({ ok: false, field: 'ratings' });
		expect(readRatings({ mood: { rating: 3 } })).toEqual({ ok: false, field: 'ratings.mood' });
		expect(readRatings({ team: 3 })).toEqual({ ok: false, field: 'ratings.team' });
		for (const rating of [0, 6, 2.5, '3']) {
			expect(readRatings({ team: { rating } })).toEqual({
				ok: false,
				field: 'ratings.team.rating'
			});
		}
		expect(readRatings({ team: { rating: 3, comment: 'x'.repeat(2001) } })).toEqual({
			ok: false,
			field: 'ratings.team.comment'
		});
	});
});

describe('markdown cells', () => {
	it('escapes pipes and backslashes and folds line breaks', () => {
		expect(markdownCell('a | b')).toBe('a \\| b');
		expect(markdownCell('C:\\x')).toBe('C:\\\\x');
		expect(markdownCell('one\n  two')).toBe('one two');
	});
});
