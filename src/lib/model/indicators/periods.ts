/**
 * Periods of an indicator, as text that sorts in time order: a calendar day
 * `2026-11-30` (daily), an ISO 8601 week `2026-W48` (weekly, Monday to
 * Sunday, week 1 holds the year's first Thursday) or a month `2026-11`
 * (monthly). The frequency decides which form is accepted; anything else is
 * a problem code that the caller words in its reader's language (with
 * `PERIOD_EXAMPLES` as the expected form).
 */
export const FREQUENCIES = ['daily', 'weekly', 'monthly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

const DAY_MS = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export const PERIOD_EXAMPLES: Record<Frequency, string> = {
	daily: '2026-11-30',
	weekly: '2026-W48',
	monthly: '2026-11'
};

/**
 * Why a value is no period: `not_text` (not a string at all) or `not_period`
 * (`text`, cut to 40 characters, is not of the frequency's form).
 */
export type PeriodProblem = 'not_text' | 'not_period';
export type PeriodResult =
	{ ok: true; period: string } | { ok: false; problem: PeriodProblem; text: string };

function utcDate(year: number, month: number, day: number): Date {
	const date = new Date(Date.UTC(year, month - 1, day));
	// Date.UTC reads years 0–99 as 1900–1999 (month overflow still carries).
	if (year < 100) date.setUTCFullYear(date.getUTCFullYear() - 1900);
	return date;
}

function dayKey(date: Date): string {
	return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** The ISO year and week of a day. */
function isoWeekOf(date: Date): { year: number; week: number } {
	const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
	const thursday = new Date(date.getTime() + (3 - weekday) * DAY_MS);
	const year = thursday.getUTCFullYear();
	const firstThursday = utcDate(year, 1, 4);
	const firstMonday = firstThursday.getTime() - ((firstThursday.getUTCDay() + 6) % 7) * DAY_MS;
	return { year, week: Math.floor((thursday.getTime() - firstMonday) / (7 * DAY_MS)) + 1 };
}

/** Monday of ISO week `week` of ISO year `year`. */
function mondayOfWeek(year: number, week: number): Date {
	const jan4 = utcDate(year, 1, 4);
	const firstMonday = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY_MS;
	return new Date(firstMonday + (week - 1) * 7 * DAY_MS);
}

function weeksInYear(year: number): number {
	return isoWeekOf(utcDate(year, 12, 28)).week;
}

/** Reads a period written for `frequency`. */
export function parsePeriod(value: unknown, frequency: Frequency): PeriodResult {
	if (typeof value !== 'string') return { ok: false, problem: 'not_text', text: '' };
	const text = value.trim();
	const fail = (): PeriodResult => ({ ok: false, problem: 'not_period', text: text.slice(0, 40) });
	if (frequency === 'daily') {
		const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
		if (!match) return fail();
		const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
		const date = utcDate(year, month, day);
		if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return fail();
		return { ok: true, period: text };
	}
	if (frequency === 'weekly') {
		const match = /^(\d{4})-W(\d{2})$/.exec(text);
		if (!match) return fail();
		const [year, week] = [Number(match[1]), Number(match[2])];
		if (week < 1 || week > weeksInYear(year)) return fail();
		return { ok: true, period: text };
	}
	const match = /^(\d{4})-(\d{2})$/.exec(text);
	if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) return fail();
	return { ok: true, period: text };
}

/** The period (of `frequency`) a calendar day `YYYY-MM-DD` falls in. */
export function periodOfDay(day: string, frequency: Frequency): string {
	if (frequency === 'daily') return day;
	if (frequency === 'monthly') return day.slice(0, 7);
	const [year, month, date] = day.split('-').map(Number);
	const { year: isoYear, week } = isoWeekOf(utcDate(year, month, date));
	return `${pad(isoYear, 4)}-W${pad(week)}`;
}

/** The first day of a (valid) period, at UTC midnight: where a chart places it. */
export function periodStart(period: string, frequency: Frequency): Date {
	if (frequency === 'daily') {
		const [y, m, d] = period.split('-').map(Number);
		return utcDate(y, m, d);
	}
	if (frequency === 'weekly') {
		const [y, w] = period.split('-W').map(Number);
		return mondayOfWeek(y, w);
	}
	const [y, m] = period.split('-').map(Number);
	return utcDate(y, m, 1);
}

/** The period after `period`. */
export function nextPeriod(period: string, frequency: Frequency): string {
	const start = periodStart(period, frequency);
	if (frequency === 'monthly') {
		const next = utcDate(start.getUTCFullYear(), start.getUTCMonth() + 2, 1);
		return dayKey(next).slice(0, 7);
	}
	const next = new Date(start.getTime() + (frequency === 'daily' ? 1 : 7) * DAY_MS);
	return periodOfDay(dayKey(next), frequency);
}

/** The periods from `from` to `to`, both included; at most `limit` of them. */
export function periodsBetween(
	from: string,
	to: string,
	frequency: Frequency,
	limit = 400
): string[] {
	const out: string[] = [];
	for (let p = from; p <= to && out.length < limit; p = nextPeriod(p, frequency)) out.push(p);
	return out;
}

/** The day `YYYY-MM-DD` of a moment in UTC. */
export function dayOf(at: Date): string {
	return dayKey(at);
}

/**
 * Orders periods of one frequency: their ISO forms (2026-12-01, 2026-W49,
 * 2026-12) sort as plain strings. Not `localeCompare`, whose collation cost
 * most of a five-year series' analysis.
 */
export function comparePeriods(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
