import { describe, expect, it } from 'vitest';
import { addDays, isDueTomorrow, isOverdue, isValidTimeZone, todayIn } from './dates';

describe('todayIn', () => {
	// 23:30 UTC on 31 December: already New Year in Berlin and Tokyo, still the 31st in New York.
	const lateUtc = new Date('2026-12-31T23:30:00Z');

	it('gives the calendar day of the workspace zone, not of UTC', () => {
		expect(todayIn('UTC', lateUtc)).toBe('2026-12-31');
		expect(todayIn('Europe/Berlin', lateUtc)).toBe('2027-01-01');
		expect(todayIn('Asia/Tokyo', lateUtc)).toBe('2027-01-01');
		expect(todayIn('America/New_York', lateUtc)).toBe('2026-12-31');
	});

	it('is a day behind UTC in a zone west of it shortly after UTC midnight', () => {
		const earlyUtc = new Date('2026-03-10T02:00:00Z');
		expect(todayIn('America/Los_Angeles', earlyUtc)).toBe('2026-03-09');
		expect(todayIn('Pacific/Kiritimati', earlyUtc)).toBe('2026-03-10');
	});
});

describe('overdue and due tomorrow', () => {
	it('calls a task overdue from the day after its due date, in the zone that decides today', () => {
		const now = new Date('2026-06-01T22:30:00Z');
		// In Berlin it is already 2 June: a task due 1 June is overdue there, not yet in New York.
		expect(isOverdue('2026-06-01', todayIn('Europe/Berlin', now))).toBe(true);
		expect(isOverdue('2026-06-01', todayIn('America/New_York', now))).toBe(false);
		expect(isOverdue(null, '2026-06-02')).toBe(false);
	});

	it('counts tomorrow across month and year ends', () => {
		expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(isDueTomorrow('2027-01-01', '2026-12-31')).toBe(true);
		expect(isDueTomorrow('2026-12-31', '2026-12-31')).toBe(false);
	});
});

describe('isValidTimeZone', () => {
	it('accepts IANA names and refuses anything else', () => {
		expect(isValidTimeZone('Europe/Berlin')).toBe(true);
		expect(isValidTimeZone('UTC')).toBe(true);
		expect(isValidTimeZone('Mars/Olympus')).toBe(false);
		expect(isValidTimeZone('')).toBe(false);
		expect(isValidTimeZone(42)).toBe(false);
	});
});
