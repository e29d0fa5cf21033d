import { log } from '../../src/lib/server/log';

/** Extraction runs this long after the last change to a document… */
const QUIET_MS = 750;
/** …but never later than this after the first change it has not covered, however busy the document. */
const MAX_WAIT_MS = 3_000;

/**
 * Debounces the extraction of actions per document. Extraction reads the
 * in-memory document after edits settle; it never sits between receiving an
 * update and relaying it.
 */
export class ExtractionScheduler {
	private readonly pending = new Map<
		string,
		{ timer: NodeJS.Timeout; firstAt: number; run: () => Promise<void> }
	>();
	private readonly running = new Map<string, Promise<void>>();

	schedule(documentId: string, run: () => Promise<void>): void {
		const now = Date.now();
		const existing = this.pending.get(documentId);
		if (existing) clearTimeout(existing.timer);
		const firstAt = existing?.firstAt ?? now;
		const delay = Math.max(0, Math.min(QUIET_MS, firstAt + MAX_WAIT_MS - now));
		const timer = setTimeout(() => void this.runNow(documentId), delay);
		this.pending.set(documentId, { timer, firstAt, run });
	}

	/** Runs a pending extraction at once (before a document unloads) and waits for any in flight. */
	async flush(documentId: string): Promise<void> {
		if (this.pending.has(documentId)) await this.runNow(documentId);
		await this.running.get(documentId);
	}

	private async runNow(documentId: string): Promise<void> {
		const entry = this.pending.get(documentId);
		if (!entry) return;
		clearTimeout(entry.timer);
		this.pending.delete(documentId);
		// One extraction per document at a time; a change meanwhile schedules the next.
		const previous = this.running.get(documentId);
		if (previous) await previous;
		const job = entry.run().catch((error: unknown) => {
			log.error('extracting actions failed', { documentId, error });
		});
		this.running.set(documentId, job);
		await job;
		if (this.running.get(documentId) === job) this.running.delete(documentId);
	}
}
