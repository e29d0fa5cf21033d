import { describe, expect, it } from 'vitest';
import { versionsToPrune, type PrunableVersion } from './prune';

const now = new Date('2026-12-01T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

describe('the retention policy for versions', () => {
	it('keeps a day of everything, then one a day, then one a week, and every named version', () => {
		const versions: PrunableVersion[] = [
			{ id: 'recent-1', reason: 'auto', createdAt: hoursAgo(1) },
			{ id: 'recent-2', reason: 'auto', createdAt: hoursAgo(2) },
			// 2026-11-28: two automatic ones; the later one stays.
			{ id: 'day-late', reason: 'auto', createdAt: new Date('2026-11-28T18:00:00Z') },
			{ id: 'day-early', reason: 'before_restore', createdAt: new Date('2026-11-28T09:00:00Z') },
			{ id: 'day-named', reason: 'named', createdAt: new Date('2026-11-28T08:00:00Z') },
			// Two months back, same week: one stays.
			{ id: 'week-late', reason: 'auto', createdAt: new Date('2026-10-03T10:00:00Z') },
			{ id: 'week-early', reason: 'restored', createdAt: new Date('2026-10-02T10:00:00Z') },
			{ id: 'old-named', reason: 'named', createdAt: new Date('2025-01-01T10:00:00Z') }
		];
		expect(versionsToPrune(versions, now).sort()).toEqual(['day-early', 'week-early']);
	});

	it('never drops the newest version, however old', () => {
		expect(
			versionsToPrune([{ id: 'only', reason: 'auto', createdAt: new Date('2020-01-01') }], now)
		).toEqual([]);
	});
});
