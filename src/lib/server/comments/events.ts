import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import type { DatabaseHandle, Executor } from '../db';
import { log } from '../log';

/** The PostgreSQL channel that carries "comments of this document changed" (payload: document id). */
const CHANNEL = 'opsloom_comments';

/**
 * Announces a change to a document's comments when the caller's transaction
 * commits (never if it rolls back), to every process listening.
 */
export async function announceComments(db: Executor, documentId: string): Promise<void> {
	await db.execute(sql`select pg_notify(${CHANNEL}, ${documentId})`);
}

/**
 * Wakes a document's open comment streams. The wake-up carries nothing: a
 * browser reads the threads again through the API, which applies the
 * reader's rights, so a lost, late or doubled wake-up changes nothing.
 */
export class CommentEvents {
	private readonly emitter = new EventEmitter();

	constructor() {
		// One listener per open editor.
		this.emitter.setMaxListeners(0);
	}

	async listenTo(database: Pick<DatabaseHandle, 'listen'>): Promise<void> {
		await database.listen(CHANNEL, (documentId) => {
			try {
				this.publish(documentId);
			} catch (error) {
				log.error('relaying a comment event failed', { documentId, error });
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
