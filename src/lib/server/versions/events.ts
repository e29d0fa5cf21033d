import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import type { DatabaseHandle, Executor } from '../db';
import { log } from '../log';

/** The PostgreSQL channel that carries "versions of this document changed" (payload: document id). */
const CHANNEL = 'opsloom_versions';

/**
 * Announces a change to a document's version list (a version saved,
 * automatically, by name or by a restore; automatic ones pruned) when the
 * caller's transaction commits, to every process listening: the autosave may
 * run in another process than the one holding a reader's stream.
 */
export async function announceVersions(db: Executor, documentId: string): Promise<void> {
	await db.execute(sql`select pg_notify(${CHANNEL}, ${documentId})`);
}

/**
 * Wakes a document's open version streams. Like the comments' wake-ups
 * (comments/events.ts) it carries nothing: the browser reads the list again
 * through the API, which applies the reader's rights, so a lost, late or
 * doubled wake-up changes nothing.
 */
export class VersionEvents {
	private readonly emitter = new EventEmitter();

	constructor() {
		// One listener per open history panel.
		this.emitter.setMaxListeners(0);
	}

	async listenTo(database: Pick<DatabaseHandle, 'listen'>): Promise<void> {
		await database.listen(CHANNEL, (documentId) => {
			try {
				this.publish(documentId);
			} catch (error) {
				log.error('relaying a version event failed', { documentId, error });
			}
		});
	}

	publish(documentId: string): void {
		this.emitter.emit(documentId);
	}

	subscribe(documentId: string, listener: () => void): () => void {
		this.emitter.on(documentId, listener);
		return () => this.emitter.off(documentId, listener);
	}
}
