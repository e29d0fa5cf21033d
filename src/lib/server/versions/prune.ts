import type { VersionReason } from '../db/schema';

/** Every automatic version of the last day is kept… */
const KEEP_ALL_MS = 24 * 60 * 60 * 1000;
/** …then the last one of each day for 30 days, then the last one of each week. */
const DAILY_FOR_MS = 30 * 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;

export interface PrunableVersion {
	id: string;
	reason: VersionReason;
	createdAt: Date;
}

/**
 * The versions the retention policy drops (docs/document-model.md, "Version
 * history"). Named versions are never dropped, nor is the newest version.
 * Buckets are UTC days and weeks counted from the epoch, so the answer does
 * not depend on when pruning runs beyond which versions have aged into them.
 */
export function versionsToPrune(versions: PrunableVersion[], now: Date): string[] {
	const newestFirst = [...versions].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
	const kept = new Set<string>();
	const drop: string[] = [];
	newestFirst.forEach((version, index) => {
		const age = now.getTime() - version.createdAt.getTime();
		if (version.reason === 'named' || index === 0 || age < KEEP_ALL_MS) return;
		const span = age < DAILY_FOR_MS ? DAY_MS : WEEK_MS;
		const bucket = `${span}:${Math.floor(version.createdAt.getTime() / span)}`;
		if (kept.has(bucket)) drop.push(version.id);
		else kept.add(bucket);
	});
	return drop;
}
