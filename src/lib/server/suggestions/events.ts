import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import type { DatabaseHandle, Executor } from '../db';
import { suggestionEvents } from '../db/schema';
import { log } from '../log';

/** The PostgreSQL channel that carries "suggestions of this workspace changed" (payload: workspace id). */
const CHANNEL = 'opsloom_suggestions';

/** Kinds shown in a suggestion's timeline; the others only wake live streams. */
export const TIMELINE_KINDS = [
	'created',
	'status',
	'merged',
	'unmerged',
	'hidden',
	'unhidden',
	'signed',
	'task',
	'retro_topic',
	'flow_note'
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];
export type SuggestionEventKind = TimelineKind | 'edited' | 'vote' | 'comment';

export interface SuggestionEventInput {
	workspaceId: string;
	suggestionId: string;
	kind: SuggestionEventKind;
	/** Null when the actor is the author of an anonymous suggestion: the log never links them. */
	actorId: string | null;
	data?: Record<string, unknown>;
}

/**
 * Records what happened in the caller's transaction and announces it when
 * that commits: the event's id is the SSE id a reconnecting browser resumes
 * from, so a change and its event are never seen apart.
 */
export async function recordEvent(db: Executor, input: SuggestionEventInput): Promise<number> {
	const [row] = await db
		.insert(suggestionEvents)
		.values({ ...input, data: input.data ?? {} })
		.returning({ id: suggestionEvents.id });
	await db.execute(sql`select pg_notify(${CHANNEL}, ${input.workspaceId})`);
	return row.id;
}

/**
 * Wakes a workspace's open suggestion streams. Like notifications, an event
 * carries nothing: streams read what is new after their cursor, so a lost,
 * late or doubled wake-up changes nothing.
 */
export class SuggestionEvents {
	private readonly emitter = new EventEmitter();

	constructor() {
		this.emitter.setMaxListeners(0);
	}

	async listenTo(database: Pick<DatabaseHandle, 'listen'>): Promise<void> {
		await database.listen(CHANNEL, (workspaceId) => {
			try {
				this.publish(workspaceId);
			} catch (error) {
				log.error('relaying a suggestion event failed', { workspaceId, error });
			}
		});
	}

	publish(workspaceId: string): void {
		this.emitter.emit(workspaceId);
	}

	subscribe(workspaceId: string, listener: () => void): () => void {
		this.emitter.on(workspaceId, listener);
		return () => this.emitter.off(workspaceId, listener);
	}
}
