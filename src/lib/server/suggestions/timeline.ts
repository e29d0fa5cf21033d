import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db';
import { suggestionEvents, users } from '../db/schema';
import { TIMELINE_KINDS, type TimelineKind } from './events';

export interface TimelineEntry {
	id: number;
	kind: TimelineKind;
	/** Null when the author of an anonymous suggestion acted (proposing it). */
	actor: { id: string; name: string } | null;
	data: Record<string, unknown>;
	createdAt: Date;
}

/** What happened to a suggestion, oldest first: proposed, status changes, merges, links. */
export async function readTimeline(db: Database, suggestionId: string): Promise<TimelineEntry[]> {
	const rows = await db
		.select({
			id: suggestionEvents.id,
			kind: suggestionEvents.kind,
			actorId: suggestionEvents.actorId,
			actorName: users.name,
			data: suggestionEvents.data,
			createdAt: suggestionEvents.createdAt
		})
		.from(suggestionEvents)
		.leftJoin(users, eq(users.id, suggestionEvents.actorId))
		.where(
			and(
				eq(suggestionEvents.suggestionId, suggestionId),
				inArray(suggestionEvents.kind, [...TIMELINE_KINDS])
			)
		)
		.orderBy(asc(suggestionEvents.id));
	return rows.map((r) => ({
		id: r.id,
		kind: r.kind as TimelineKind,
		actor: r.actorId && r.actorName ? { id: r.actorId, name: r.actorName } : null,
		data: r.data,
		createdAt: r.createdAt
	}));
}
