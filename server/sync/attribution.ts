import { eq } from 'drizzle-orm';
import type { Executor } from '../../src/lib/server/db';
import { documentClients } from '../../src/lib/server/db/schema';
import type { Room } from './room';

/**
 * Says who wrote an item of a document, by its Yjs client id.
 *
 * The rule: a client id belongs to the person whose authenticated connection
 * first delivered items of it (Room.clientUsers), recorded per document in
 * `document_clients` so the answer survives restarts and other processes.
 * The room's own client id is the server writing on someone's behalf (task
 * list write-back, retro operations): the service that made that change
 * notified with the real actor, so extraction stays silent about it. A client
 * id nobody recorded (a crash between commit and extraction) is "someone":
 * notified, without a name.
 */
export class Attribution {
	private known: Map<number, string> | null = null;
	private persisted = new Set<number>();

	/** @param shared Other processes record client ids too: read what they stored on every refresh. */
	constructor(
		private readonly room: Room,
		private readonly documentId: string,
		private readonly shared = false
	) {}

	/** Stores what the room learnt since the last call and loads what earlier sessions stored. */
	async refresh(db: Executor): Promise<void> {
		if (!this.known || this.shared) {
			const rows = await db
				.select({ clientId: documentClients.clientId, userId: documentClients.userId })
				.from(documentClients)
				.where(eq(documentClients.documentId, this.documentId));
			this.known ??= new Map();
			for (const r of rows) this.known.set(r.clientId, r.userId);
			for (const r of rows) this.persisted.add(r.clientId);
		}
		const fresh: { documentId: string; clientId: number; userId: string }[] = [];
		for (const [clientId, userId] of this.room.clientUsers) {
			if (this.persisted.has(clientId)) continue;
			if (!this.known.has(clientId)) this.known.set(clientId, userId);
			fresh.push({ documentId: this.documentId, clientId, userId: this.known.get(clientId)! });
		}
		if (fresh.length > 0) {
			await db.insert(documentClients).values(fresh).onConflictDoNothing();
			for (const f of fresh) this.persisted.add(f.clientId);
		}
	}

	/** `server` for the room's own writes, else the person (null when unknown). */
	actorOf(
		clientId: number | null | undefined
	): { server: true } | { server: false; userId: string | null } {
		if (clientId === this.room.doc.clientID) return { server: true };
		if (clientId === null || clientId === undefined) return { server: false, userId: null };
		return { server: false, userId: this.known?.get(clientId) ?? null };
	}
}
