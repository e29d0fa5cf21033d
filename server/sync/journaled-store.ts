import { log } from '../../src/lib/server/log';
import type { DocumentStore, NewUpdate, StoredDocument } from './document-store';
import { UpdateJournal, type NumberedUpdate } from './update-journal';

/** What the journaled store needs of the database's store besides the DocumentStore calls. */
export interface NumberingStore extends DocumentStore {
	/**
	 * Stores updates whose seqs the caller gave them, skipping any at or below
	 * its document's head (stored already), and raises each head; returns how
	 * many were stored. Updates of documents that no longer exist are dropped.
	 */
	appendNumbered(updates: NumberedUpdate[], touched: string[]): Promise<number>;
}

export interface JournaledStoreDeps {
	store: NumberingStore;
	/** Where the journal's segments are kept; null keeps them in memory only. */
	dir: string | null;
	/** Journaled updates reach the database at most this often (default 25 ms). */
	applyIntervalMs?: number;
}

const DEFAULT_APPLY_INTERVAL_MS = 25;
const MAX_RETRY_DELAY_MS = 5_000;
/** Past this many updates not yet in the database, appends wait for it: memory is finite. */
const MAX_PENDING = 50_000;
/** Heads of documents with nothing pending are forgotten past this many (asked for again when needed). */
const MAX_HEADS = 20_000;

/**
 * The document store of the embedded engine, with a journal in front.
 *
 * On PGlite a commit costs 1-2 ms of the engine's WebAssembly whatever its
 * size, and relaying waited for it: the rooms bench's p50 was 5 ms against
 * the reference's 0.3 ms, and its tail followed the engine's thread
 * competing for two cores. Here `append` numbers the updates itself (one
 * process is the only writer of an embedded database, so its counters are
 * the database's), writes them to the journal in one write(2) and returns:
 * from then on they survive a crash of the process exactly as a commit of
 * the engine (which runs with fsync off) would. A timer stores them in the
 * database in one statement per 25 ms or so, off the relay's path; the
 * journal segment goes once its updates are there.
 *
 * Reads that must see every update (a document's load, compaction, the scan
 * for unextracted documents) first wait until what is pending for them is
 * stored. On start, what the journal still holds is stored before any read.
 * `append` has one caller at a time, the group commit, as with every store.
 */
export class JournaledStore implements DocumentStore {
	private readonly inner: NumberingStore;
	private readonly journal: UpdateJournal;
	private readonly intervalMs: number;
	/** Each document's highest seq given out (stored or pending). */
	private readonly headOf = new Map<string, number>();
	/** Updates journaled but not yet stored, in order, with the journal serial of the last. */
	private pending: NumberedUpdate[] = [];
	private pendingTouched = new Set<string>();
	private pendingSerial = 0;
	/** How many updates of each document are pending or being stored. */
	private unstored = new Map<string, number>();
	private timer: NodeJS.Timeout | null = null;
	private applying: Promise<void> | null = null;
	private storedWaiters: { serial: number; resolve: () => void }[] = [];
	private storedSerial = 0;
	private closed = false;
	/** Resolves once what earlier runs left in the journal is in the database. */
	readonly ready: Promise<void>;

	constructor(deps: JournaledStoreDeps) {
		this.inner = deps.store;
		this.intervalMs = deps.applyIntervalMs ?? DEFAULT_APPLY_INTERVAL_MS;
		const { journal, recovered } = UpdateJournal.open(deps.dir);
		this.journal = journal;
		this.ready = this.recover(recovered);
		// Never unhandled: every method awaits it and rethrows.
		this.ready.catch(() => {});
	}

	private async recover(recovered: NumberedUpdate[]): Promise<void> {
		if (recovered.length === 0) return;
		// A batch whose write failed halfway was written again whole, with the
		// same seqs: the first copy of each is enough.
		const seen = new Set<string>();
		const unique = recovered.filter((u) => {
			const key = `${u.documentId}\u0000${u.seq}`;
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		});
		const stored = await this.inner.appendNumbered(unique, []);
		log.info('stored the updates the sync journal held from the last run', {
			updates: unique.length,
			new: stored
		});
		this.journal.discardRecovered();
	}

	async load(documentId: string): Promise<StoredDocument> {
		await this.ready;
		await this.storedFor(documentId);
		const stored = await this.inner.load(documentId);
		// Only if unknown: a head held here is never behind the database's.
		if (stored.headSeq !== undefined && !this.headOf.has(documentId)) {
			this.headOf.set(documentId, stored.headSeq);
		}
		return stored;
	}

	async loadSince(documentId: string, afterSeq: number): Promise<StoredDocument> {
		await this.ready;
		await this.storedFor(documentId);
		return this.inner.loadSince(documentId, afterSeq);
	}

	async heads(documentIds: string[]): Promise<Map<string, number>> {
		await this.ready;
		const stored = await this.inner.heads(documentIds);
		for (const [id, head] of stored) {
			const mine = this.headOf.get(id);
			if (mine !== undefined && mine > head) stored.set(id, mine);
		}
		return stored;
	}

	async append(updates: NewUpdate[], touched: string[]): Promise<(number | null)[]> {
		await this.ready;
		if (this.closed) throw new Error('the document store is closed');
		if (updates.length === 0) return [];
		if (this.pending.length >= MAX_PENDING) await this.storedThrough(this.pendingSerial);
		// Taken before any await: the heads of documents with nothing pending may
		// be forgotten meanwhile, and the database's are current for those.
		const heads = new Map<string, number>();
		const unknown: string[] = [];
		for (const id of new Set(updates.map((u) => u.documentId))) {
			const head = this.headOf.get(id);
			if (head === undefined) unknown.push(id);
			else heads.set(id, head);
		}
		if (unknown.length > 0) {
			for (const [id, head] of await this.inner.heads(unknown)) heads.set(id, head);
		}
		const given = new Map<string, number>();
		const seqs: (number | null)[] = [];
		const numbered: NumberedUpdate[] = [];
		for (const { documentId, data } of updates) {
			const head = given.get(documentId) ?? heads.get(documentId);
			// No such document (deleted): nothing is stored, as in the database.
			if (head === undefined) {
				seqs.push(null);
				continue;
			}
			const seq = head + 1;
			given.set(documentId, seq);
			seqs.push(seq);
			numbered.push({ documentId, seq, data });
		}
		if (numbered.length === 0) return seqs;
		// Throws before anything changes here: the group commit tries again.
		const serial = this.journal.write(numbered);
		for (const [id, seq] of given) this.headOf.set(id, seq);
		for (const update of numbered) {
			this.pending.push(update);
			this.unstored.set(update.documentId, (this.unstored.get(update.documentId) ?? 0) + 1);
		}
		for (const id of touched) this.pendingTouched.add(id);
		this.pendingSerial = serial;
		this.schedule();
		return seqs;
	}

	async findUnextracted(kinds: readonly string[]) {
		await this.ready;
		await this.storedThrough(this.pendingSerial);
		return this.inner.findUnextracted(kinds);
	}

	async findUnindexed(kinds: readonly string[]) {
		await this.ready;
		await this.storedThrough(this.pendingSerial);
		return this.inner.findUnindexed(kinds);
	}

	async recordExtracted(through: Map<string, number>): Promise<void> {
		await this.ready;
		return this.inner.recordExtracted(through);
	}

	async compact(documentId: string, snapshot: Uint8Array, throughSeq: number): Promise<boolean> {
		await this.ready;
		// The rows it folds must be there to be deleted.
		await this.storedFor(documentId);
		return this.inner.compact(documentId, snapshot, throughSeq);
	}

	/** Resolves once everything appended so far is in the database. */
	async flush(): Promise<void> {
		await this.ready;
		await this.storedThrough(this.pendingSerial);
	}

	/** Stores what is pending and closes the journal; appends after this fail. */
	async close(): Promise<void> {
		await this.flush().catch(() => {});
		this.closed = true;
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
		await this.applying;
		this.journal.close();
	}

	/** Waits until the updates of `documentId` given out so far are stored. */
	private storedFor(documentId: string): Promise<void> {
		if (!this.unstored.has(documentId)) return Promise.resolve();
		return this.storedThrough(this.pendingSerial);
	}

	private storedThrough(serial: number): Promise<void> {
		if (serial <= this.storedSerial) return Promise.resolve();
		this.schedule(0);
		return new Promise((resolve) => this.storedWaiters.push({ serial, resolve }));
	}

	private schedule(delayMs = this.intervalMs): void {
		if (this.applying) return;
		if (this.timer && delayMs > 0) return;
		if (this.timer) clearTimeout(this.timer);
		this.timer = setTimeout(() => {
			this.timer = null;
			this.applying = this.apply().finally(() => {
				this.applying = null;
				if (this.pending.length > 0) this.schedule(this.storedWaiters.length > 0 ? 0 : undefined);
			});
		}, delayMs);
	}

	private async apply(): Promise<void> {
		const batch = this.pending;
		const touched = [...this.pendingTouched];
		const serial = this.pendingSerial;
		this.pending = [];
		this.pendingTouched = new Set();
		if (batch.length === 0) return;
		for (let attempt = 1; ; attempt++) {
			try {
				const stored = await this.inner.appendNumbered(batch, touched);
				if (stored < batch.length) {
					log.warn('updates of documents deleted while open were not stored', {
						updates: batch.length - stored
					});
				}
				break;
			} catch (error) {
				// Kept in the journal and here; nothing is lost by waiting.
				log.error('storing journaled document updates failed; retrying', {
					attempt,
					updates: batch.length,
					error
				});
				await new Promise((r) => setTimeout(r, Math.min(MAX_RETRY_DELAY_MS, 50 * 2 ** attempt)));
			}
		}
		for (const update of batch) {
			const left = (this.unstored.get(update.documentId) ?? 1) - 1;
			if (left > 0) this.unstored.set(update.documentId, left);
			else this.unstored.delete(update.documentId);
		}
		this.storedSerial = serial;
		this.journal.release(serial);
		const waiting = this.storedWaiters;
		this.storedWaiters = [];
		for (const waiter of waiting) {
			if (waiter.serial <= serial) waiter.resolve();
			else this.storedWaiters.push(waiter);
		}
		if (this.headOf.size > MAX_HEADS) {
			for (const id of this.headOf.keys()) {
				if (!this.unstored.has(id)) this.headOf.delete(id);
			}
		}
	}
}
