import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import type { DatabaseHandle, Executor } from '../db';
import { log } from '../log';

/** The PostgreSQL channel that carries "someone has new notifications" (payload: their user id). */
const CHANNEL = 'opsloom_notifications';

/**
 * Announces new notifications for these people when the caller's transaction
 * commits (and never if it rolls back): PostgreSQL delivers NOTIFY on commit,
 * to every process listening, so a notification created by a job in another
 * process reaches the stream a browser holds here.
 */
export async function announce(db: Executor, recipientIds: Iterable<string>): Promise<void> {
	for (const id of new Set(recipientIds)) {
		await db.execute(sql`select pg_notify(${CHANNEL}, ${id})`);
	}
}

/**
 * Tells a person's open notification streams that they have something new.
 * The event carries no content: the stream reads what is new from the
 * database after its cursor, so an event that arrives early, late or twice
 * changes nothing, and a stream that missed one catches up on the next.
 */
export class NotificationEvents {
	private readonly emitter = new EventEmitter();

	constructor() {
		// One listener per open tab; many people have the app open.
		this.emitter.setMaxListeners(0);
	}

	/** Relays the database's announcements to this process's streams. */
	async listenTo(database: Pick<DatabaseHandle, 'listen'>): Promise<void> {
		await database.listen(CHANNEL, (recipientId) => {
			try {
				this.publish([recipientId]);
			} catch (error) {
				log.error('relaying a notification event failed', { recipientId, error });
			}
		});
	}

	publish(recipientIds: Iterable<string>): void {
		for (const id of new Set(recipientIds)) this.emitter.emit(id);
	}

	/** Returns the function that unsubscribes. */
	subscribe(recipientId: string, listener: () => void): () => void {
		this.emitter.on(recipientId, listener);
		return () => this.emitter.off(recipientId, listener);
	}
}
