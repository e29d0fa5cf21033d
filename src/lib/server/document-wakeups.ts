import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import type { DatabaseHandle, Executor } from './db';
import { log } from './log';

/** A burst of changes (a reply and a resolve; a restore's two versions) becomes one wake-up. */
const SETTLE_MS = 50;

/** What is woken: the PostgreSQL channel it travels on, and the SSE event a stream sends. */
export interface WakeupTopic {
	channel: string;
	event: string;
}

/** A document's comment threads: a thread or reply written, edited, resolved, reopened or deleted. */
export const COMMENTS: WakeupTopic = { channel: 'opsloom_comments', event: 'comments' };

/** A document's version list: a version saved (automatically, by name, by a restore) or pruned. */
export const VERSIONS: WakeupTopic = { channel: 'opsloom_versions', event: 'versions' };

/** Sends the wake-up for `documentId` when the transaction `db` belongs to commits. */
export async function announce(
	db: Executor,
	topic: WakeupTopic,
	documentId: string
): Promise<void> {
	await db.execute(sql`select pg_notify(${topic.channel}, ${documentId})`);
}

/**
 * "Something about this document changed; read it again": a wake-up per
 * document on one PostgreSQL channel, for a list a browser shows live (its
 * comment threads, its versions). It carries nothing: the browser reads the
 * list again through the API, which applies the reader's rights, so a lost,
 * late or doubled wake-up changes nothing. It is announced inside the
 * writer's transaction, so it goes out when that commits (never if it rolls
 * back), to every process listening: the writer may run in another process
 * than the one holding a reader's stream.
 */
export class DocumentWakeups {
	private readonly emitter = new EventEmitter();

	constructor(private readonly topic: WakeupTopic) {
		// One listener per open stream.
		this.emitter.setMaxListeners(0);
	}

	async listenTo(database: Pick<DatabaseHandle, 'listen'>): Promise<void> {
		await database.listen(this.topic.channel, (documentId) => {
			try {
				this.publish(documentId);
			} catch (error) {
				log.error('relaying a document wake-up failed', {
					channel: this.topic.channel,
					documentId,
					error
				});
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

	/**
	 * A document's wake-ups as Server-Sent Events, for `eventStream`: `event:
	 * <event>` with no content. The browser reads the list again on each one
	 * and whenever the stream (re)connects, so nothing missed while
	 * disconnected stays missed and no resume id is needed. Returns the
	 * stream's `start`.
	 */
	follow(documentId: string): (send: (frame: string) => void) => () => void {
		return (send) => {
			let timer: ReturnType<typeof setTimeout> | undefined;
			const unsubscribe = this.subscribe(documentId, () => {
				if (timer) return;
				timer = setTimeout(() => {
					timer = undefined;
					send(`event: ${this.topic.event}\ndata: {}\n\n`);
				}, SETTLE_MS);
			});
			return () => {
				clearTimeout(timer);
				unsubscribe();
			};
		};
	}
}
