import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from './relative-time';

describe('formatRelativeTime', () => {
	const now = new Date('2026-03-10T12:00:00Z');
	it('reads like a person would say it', () => {
		expect(formatRelativeTime(new Date('2026-03-10T11:59:40Z'), now)).toBe('just now');
		expect(formatRelativeTime(new Date('2026-03-10T11:55:00Z'), now)).toBe('5 minutes ago');
		expect(formatRelativeTime(new Date('2026-03-09T12:00:00Z'), now)).toBe('yesterday');
		expect(formatRelativeTime('2026-02-17T12:00:00Z', now)).toBe('3 weeks ago');
	});
});
