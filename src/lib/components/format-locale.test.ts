import { describe, expect, it } from 'vitest';
import { formatDate, formatRelativeTime } from './relative-time';
import { formatDueDate } from './task-labels';

describe('dates in each language', () => {
	const now = new Date('2026-12-04T12:00:00Z');

	it('writes due days the way each reader expects', () => {
		expect(formatDueDate('2026-12-01', 'en')).toBe('Dec 1, 2026');
		expect(formatDueDate('2026-12-01', 'zh-Hans')).toBe('2026年12月1日');
		expect(formatDueDate('2026-12-01', 'zh-Hant')).toBe('2026年12月1日');
		expect(formatDate('2026-12-01T08:00:00Z', 'zh-Hans')).toBe('2026年12月1日');
	});

	it('says how long ago in the reader’s language', () => {
		expect(formatRelativeTime('2026-12-01T12:00:00Z', now, 'zh-Hans')).toBe('3天前');
		expect(formatRelativeTime('2026-12-01T12:00:00Z', now, 'zh-Hant')).toBe('3 天前');
		expect(formatRelativeTime('2026-12-03T12:00:00Z', now, 'zh-Hans')).toBe('昨天');
		expect(formatRelativeTime('2026-12-04T11:55:00Z', now, 'zh-Hans')).toBe('5分钟前');
		expect(formatRelativeTime('2026-12-04T11:59:50Z', now, 'zh-Hans')).toBe('刚刚');
		expect(formatRelativeTime('2026-12-04T11:59:50Z', now, 'zh-Hant')).toBe('剛剛');
		expect(formatRelativeTime('2026-12-01T12:00:00Z', now, 'en')).toBe('3 days ago');
	});
});
