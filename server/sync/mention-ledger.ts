import { and, eq, inArray } from 'drizzle-orm';
import { newMentions, type DocumentMention } from '../../src/lib/model/framework/mentions';
import type { Executor } from '../../src/lib/server/db';
import { documentMentions } from '../../src/lib/server/db/schema';
import { notifyMentions } from '../../src/lib/server/notifications/triggers';

/**
 * The mentions a document held at its last extraction, kept in
 * `document_mentions` so that a restart (or another process taking the
 * document over) notifies only mentions written since. The notification's
 * dedupe key (`mention:<document>:<node>`) guards the same event a second
 * time, should two extractions race.
 */
export class MentionLedger {
	private seen: Set<string> | null = null;

	constructor(private readonly documentId: string) {}

	async load(db: Executor): Promise<void> {
		if (this.seen) return;
		const rows = await db
			.select({ mentionId: documentMentions.mentionId })
			.from(documentMentions)
			.where(eq(documentMentions.documentId, this.documentId));
		this.seen = new Set(rows.map((r) => r.mentionId));
	}

	/** Notifies the new mentions and stores the current set; call in the extraction's transaction. */
	async record(
		db: Executor,
		document: { id: string; workspaceId: string },
		current: DocumentMention[],
		actorOf: (
			mention: DocumentMention
		) => { server: true } | { server: false; userId: string | null }
	): Promise<void> {
		const seen = this.seen!;
		const added = newMentions(seen, current);
		const currentIds = new Set(current.map((m) => m.id));
		const gone = [...seen].filter((id) => !currentIds.has(id));
		if (added.length > 0) {
			await notifyMentions(
				{ db },
				document,
				added.flatMap((mention) => {
					const actor = actorOf(mention);
					return actor.server ? [] : [{ mention, actorId: actor.userId }];
				})
			);
			await db
				.insert(documentMentions)
				.values(
					added.map((m) => ({ documentId: this.documentId, mentionId: m.id, userId: m.userId }))
				)
				.onConflictDoNothing();
		}
		if (gone.length > 0) {
			await db
				.delete(documentMentions)
				.where(
					and(
						eq(documentMentions.documentId, this.documentId),
						inArray(documentMentions.mentionId, gone)
					)
				);
		}
		// Only after the transaction's statements succeeded; a failed run is retried from the old set.
		this.seen = currentIds;
	}
}
