import { log } from '../../src/lib/server/log';
import type { DocumentStore, NewUpdate } from './document-store';

export interface PendingWrite extends NewUpdate {
	/** Called in the order writes were added, once the write is durable, with the seq it was stored at. */
	onCommitted(seq: number): void;
}

/** Documents are marked "edited" at most this often: the write is not free. */
const TOUCH_INTERVAL_MS = 10_000;
const MAX_RETRY_DELAY_MS = 5_000;

export interface GroupCommitDeps {
	store: Pick<DocumentStore, 'append'>;
	/**
	 * Under load, commits start at most this often (default 0). Each statement
	 * costs the embedded engine about a millisecond of CPU (in its worker
	 * thread) whatever its size, so back-to-back tiny batches would spend most
	 * of a core on overhead; pacing lets a batch gather for a few milliseconds
	 * instead. A lone write (no commit in the last interval) is committed at once.
	 */
	minIntervalMs?: number;
}

/**
 * Group commit: every write queued during one turn of the event loop (across
 * all documents) is committed in one transaction, and only then are their
 * callbacks run, which relay the updates. While a transaction is in flight the
 * next batch gathers, so the database sees one transaction at a time however
 * many clients write. A failed commit is retried with backoff, never dropped:
 * clients were not told about those writes yet, and the in-memory document
 * still holds them.
 */
export class GroupCommit {
	private queue: PendingWrite[] = [];
	private tasks: { name: string; documentId: string; run: () => Promise<void> }[] = [];
	private scheduled = false;
	private running = false;
	private idleWaiters: (() => void)[] = [];
	private touchedAt = new Map<string, number>();
	private lastCommitAt = 0;

	constructor(private readonly deps: GroupCommitDeps) {}

	add(write: PendingWrite): void {
		this.queue.push(write);
		this.schedule();
	}

	/** Runs `run` between two commits, e.g. a compaction that must not interleave with appends. */
	addTask(name: string, documentId: string, run: () => Promise<void>): void {
		this.tasks.push({ name, documentId, run });
		this.schedule();
	}

	/** Resolves once everything queued so far (and anything queued meanwhile) is committed. */
	idle(): Promise<void> {
		if (!this.running && !this.scheduled && this.queue.length === 0 && this.tasks.length === 0) {
			return Promise.resolve();
		}
		return new Promise((resolve) => this.idleWaiters.push(resolve));
	}

	private schedule(): void {
		if (this.scheduled || this.running) return;
		this.scheduled = true;
		setImmediate(() => {
			this.scheduled = false;
			void this.run();
		});
	}

	private async run(): Promise<void> {
		this.running = true;
		try {
			while (this.queue.length > 0 || this.tasks.length > 0) {
				if (this.queue.length > 0) {
					const earliest = this.lastCommitAt + (this.deps.minIntervalMs ?? 0);
					// Until `earliest` by the clock: a timer may fire up to a millisecond early
					// (the loop's cached time).
					for (
						let wait = earliest - performance.now();
						wait > 0;
						wait = earliest - performance.now()
					) {
						await new Promise((r) => setTimeout(r, Math.max(1, wait)));
					}
					this.lastCommitAt = performance.now();
					const batch = this.queue;
					this.queue = [];
					const seqs = await this.commit(batch);
					this.callBack(batch, seqs);
				}
				const task = this.tasks.shift();
				if (task) {
					try {
						await task.run();
					} catch (error) {
						log.error(`${task.name} failed`, { documentId: task.documentId, error });
					}
				}
			}
		} finally {
			this.running = false;
			const waiters = this.idleWaiters;
			this.idleWaiters = [];
			for (const resolve of waiters) resolve();
		}
	}

	private callBack(batch: PendingWrite[], seqs: (number | null)[]): void {
		const gone = new Set<string>();
		batch.forEach((write, i) => {
			const seq = seqs[i];
			if (seq !== null) write.onCommitted(seq);
			else gone.add(write.documentId);
		});
		// Not stored, so not relayed either: nobody may see what a crash would lose.
		for (const documentId of gone) {
			log.error('a document was deleted while open; its latest updates were not stored', {
				documentId
			});
		}
	}

	/**
	 * A retry after an error whose outcome is unknown (the connection dropped
	 * while the commit was in flight) may store the same updates twice, under
	 * new seqs: harmless, since Yjs ignores an update it has already applied.
	 */
	private async commit(batch: PendingWrite[]): Promise<(number | null)[]> {
		const rows = batch.map(({ documentId, data }) => ({ documentId, data }));
		const now = Date.now();
		const touched: string[] = [];
		for (const { documentId } of batch) {
			const last = this.touchedAt.get(documentId) ?? 0;
			if (now - last >= TOUCH_INTERVAL_MS) {
				this.touchedAt.set(documentId, now);
				touched.push(documentId);
			}
		}
		for (let attempt = 1; ; attempt++) {
			try {
				return await this.deps.store.append(rows, touched);
			} catch (error) {
				const documentIds = [...new Set(rows.map((r) => r.documentId))].slice(0, 20);
				log.error('committing document updates failed; retrying', {
					attempt,
					documentIds,
					rows: rows.length,
					error
				});
				await new Promise((r) => setTimeout(r, Math.min(MAX_RETRY_DELAY_MS, 50 * 2 ** attempt)));
			}
		}
	}

	forget(documentId: string): void {
		this.touchedAt.delete(documentId);
	}
}
