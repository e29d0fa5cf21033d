import { and, asc, desc, eq, gt } from 'drizzle-orm';
import type { Database } from '../db';
import { suggestionEvents } from '../db/schema';
import { log } from '../log';
import type { SuggestionEvents } from './events';

/** A lost wake-up delays an update by this much at most. */
const POLL_MS = 15_000;
const PAGE = 200;

/**
 * A workspace's suggestion changes as Server-Sent Events, for `eventStream`:
 * `event: suggestion`, `id: <event id>`, data `{suggestionId, kind}`. Ids
 * only, never who acted: what a suggestion says is read through the API,
 * which applies the reader's rights and the anonymity rule. `Last-Event-ID`
 * resumes; a fresh stream starts at the newest event.
 */
export async function followSuggestions(
	deps: { db: Database; events: SuggestionEvents },
	workspaceId: string,
	lastEventId: string | null
): Promise<(send: (frame: string) => void) => () => void> {
	const resume = lastEventId !== null ? Number(lastEventId) : NaN;
	let cursor =
		Number.isSafeInteger(resume) && resume >= 0 ? resume : await latestId(deps.db, workspaceId);
	return (send) => {
		let stopped = false;
		let running: Promise<void> | null = null;
		let again = false;
		const catchUp = (): Promise<void> => {
			if (running) {
				again = true;
				return running;
			}
			running = (async () => {
				do {
					again = false;
					if (stopped) return;
					const rows = await deps.db
						.select({
							id: suggestionEvents.id,
							suggestionId: suggestionEvents.suggestionId,
							kind: suggestionEvents.kind
						})
						.from(suggestionEvents)
						.where(
							and(eq(suggestionEvents.workspaceId, workspaceId), gt(suggestionEvents.id, cursor))
						)
						.orderBy(asc(suggestionEvents.id))
						.limit(PAGE);
					for (const row of rows) {
						send(
							`event: suggestion\nid: ${row.id}\ndata: ${JSON.stringify({ suggestionId: row.suggestionId, kind: row.kind })}\n\n`
						);
						cursor = row.id;
					}
					if (rows.length === PAGE) again = true;
				} while (again);
			})()
				.catch((error: unknown) => log.error('suggestion stream failed', { workspaceId, error }))
				.finally(() => {
					running = null;
				});
			return running;
		};
		const unsubscribe = deps.events.subscribe(workspaceId, () => void catchUp());
		const poll = setInterval(() => void catchUp(), POLL_MS);
		void catchUp();
		return () => {
			stopped = true;
			clearInterval(poll);
			unsubscribe();
		};
	};
}

async function latestId(db: Database, workspaceId: string): Promise<number> {
	const [row] = await db
		.select({ id: suggestionEvents.id })
		.from(suggestionEvents)
		.where(eq(suggestionEvents.workspaceId, workspaceId))
		.orderBy(desc(suggestionEvents.id))
		.limit(1);
	return row?.id ?? 0;
}
