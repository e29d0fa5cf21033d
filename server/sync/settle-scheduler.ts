import { log } from '../../src/lib/server/log';
import type { DocumentCheckpoints } from './document-store';
import type { Room } from './room';

/** A consumer runs this long after the last change to a document… */
export const QUIET_MS = 750;
/** …but never later than this after the first change it has not covered, however busy the document. */
export const MAX_WAIT_MS = 3_000;
/** How often the one timer looks for documents that settled. */
const TICK_MS = 100;
/**
 * Settle runs in flight at once, over all documents and consumers. The
 * embedded engine has one connection, shared with the group commit (whose
 * statements its worker runs first, see pglite-worker.ts): a few at a time
 * keep a wave of extractions from filling that connection's queue.
 */
const MAX_RUNNING = 2;
/** The scheduler's own work between two turns of the event loop. */
const SLICE_MS = 5;

/**
 * Work that follows a document's content once edits settle, off the relay
 * path: action extraction (action-extraction.ts), search indexing. It reads
 * the room's in-memory document; everything up to `room.committedThrough` is
 * committed when it runs.
 */
export interface SettleConsumer {
	/** For log lines. */
	readonly name: string;
	/** Whether changes to this room concern the consumer (called on every change: keep it cheap). */
	handles(room: Room): boolean;
	/** Never runs twice at once for one room; a change meanwhile schedules another run. */
	settle(room: Room): Promise<void>;
	/**
	 * The room just loaded. Returns true when what is stored already covers
	 * its content (by `checkpoints`) and the consumer took the loaded state as
	 * its starting point without touching the database; false runs `settle`
	 * as after a change. Without it, every load runs `settle`.
	 */
	adoptLoaded?(room: Room, checkpoints: DocumentCheckpoints | null): boolean;
}

interface Pending {
	room: Room;
	firstAt: number;
	lastAt: number;
	consumers: Set<SettleConsumer>;
}

/**
 * One scheduler for all documents and all consumers: a change only records
 * the time in a map (no timer per document, nothing awaited), and one timer
 * starts the runs of documents that were quiet for QUIET_MS or waited
 * MAX_WAIT_MS, a few at a time.
 */
export class SettleScheduler {
	private readonly consumers: SettleConsumer[] = [];
	private readonly pending = new Map<string, Pending>();
	/** Runs in flight, per document and consumer. */
	private readonly running = new Map<string, Map<SettleConsumer, Promise<void>>>();
	private runningCount = 0;
	private readonly slotWaiters: (() => void)[] = [];
	private draining = false;
	private timer: NodeJS.Timeout | null = null;

	/** Adds a consumer of every later change; returns how to remove it. */
	subscribe(consumer: SettleConsumer): () => void {
		this.consumers.push(consumer);
		return () => {
			const i = this.consumers.indexOf(consumer);
			if (i >= 0) this.consumers.splice(i, 1);
			for (const entry of this.pending.values()) entry.consumers.delete(consumer);
		};
	}

	/** The room loaded or committed a change (its own, another process's or the server's). */
	changed(room: Room): void {
		let entry: Pending | undefined;
		for (const consumer of this.consumers) {
			if (!consumer.handles(room)) continue;
			entry ??= this.entryFor(room);
			entry.consumers.add(consumer);
		}
		if (entry && !this.timer) {
			this.timer = setInterval(() => this.tick(), TICK_MS);
			this.timer.unref();
		}
	}

	/**
	 * The room loaded: consumers that cannot take the loaded state as covered
	 * run as after a change (a crash may have left the last changes
	 * unextracted). Opening a thousand documents whose task list and index are
	 * current then costs no statement here.
	 */
	loaded(room: Room, checkpoints: DocumentCheckpoints | null): void {
		let entry: Pending | undefined;
		for (const consumer of this.consumers) {
			if (!consumer.handles(room) || consumer.adoptLoaded?.(room, checkpoints)) continue;
			entry ??= this.entryFor(room);
			entry.consumers.add(consumer);
		}
		if (entry && !this.timer) {
			this.timer = setInterval(() => this.tick(), TICK_MS);
			this.timer.unref();
		}
	}

	/** Runs what is pending for the room at once (before it unloads) and waits for what is in flight. */
	async flush(room: Room): Promise<void> {
		const entry = this.pending.get(room.documentId);
		if (entry?.room === room) {
			this.pending.delete(room.documentId);
			await Promise.all([...entry.consumers].map((consumer) => this.run(room, consumer, true)));
		}
		await Promise.all(this.running.get(room.documentId)?.values() ?? []);
	}

	async flushAll(rooms: Iterable<Room>): Promise<void> {
		await Promise.all([...rooms].map((room) => this.flush(room)));
	}

	close(): void {
		if (this.timer) clearInterval(this.timer);
		this.timer = null;
		this.pending.clear();
	}

	private entryFor(room: Room): Pending {
		const now = Date.now();
		const entry = this.pending.get(room.documentId);
		if (entry && entry.room === room) {
			entry.lastAt = now;
			return entry;
		}
		const fresh = { room, firstAt: now, lastAt: now, consumers: new Set<SettleConsumer>() };
		this.pending.set(room.documentId, fresh);
		return fresh;
	}

	private tick(): void {
		if (this.draining) return;
		this.draining = true;
		void this.drain().finally(() => {
			this.draining = false;
		});
	}

	/**
	 * Starts the due runs, at most MAX_RUNNING at a time. Most runs find
	 * nothing changed and end within a microtask, so the loop also yields to
	 * the event loop every SLICE_MS: a thousand documents settling at once
	 * must not hold up the commits and relays in between.
	 */
	private async drain(): Promise<void> {
		const now = Date.now();
		let sliceStart = performance.now();
		for (const [documentId, entry] of [...this.pending]) {
			if (now - entry.lastAt < QUIET_MS && now - entry.firstAt < MAX_WAIT_MS) continue;
			for (const consumer of [...entry.consumers]) {
				// One run per room and consumer: it stays pending until the current one ends.
				if (this.running.get(documentId)?.has(consumer)) continue;
				while (this.runningCount >= MAX_RUNNING) {
					await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
				}
				if (performance.now() - sliceStart > SLICE_MS) {
					await new Promise((resolve) => setImmediate(resolve));
					sliceStart = performance.now();
				}
				// A flush may have taken it meanwhile.
				if (this.pending.get(documentId) !== entry || !entry.consumers.delete(consumer)) continue;
				if (this.running.get(documentId)?.has(consumer)) {
					entry.consumers.add(consumer);
					continue;
				}
				void this.run(entry.room, consumer, false);
			}
			if (entry.consumers.size === 0 && this.pending.get(documentId) === entry) {
				this.pending.delete(documentId);
			}
		}
		if (this.pending.size === 0 && this.timer) {
			clearInterval(this.timer);
			this.timer = null;
		}
	}

	private async run(room: Room, consumer: SettleConsumer, flushing: boolean): Promise<void> {
		let runs = this.running.get(room.documentId);
		const previous = runs?.get(consumer);
		if (previous) {
			if (!flushing) return;
			await previous;
			runs = this.running.get(room.documentId);
		}
		if (!runs) {
			runs = new Map();
			this.running.set(room.documentId, runs);
		}
		this.runningCount += 1;
		const job = consumer.settle(room).catch((error: unknown) => {
			log.error(`${consumer.name} failed`, { documentId: room.documentId, error });
		});
		runs.set(consumer, job);
		try {
			await job;
		} finally {
			this.runningCount -= 1;
			this.slotWaiters.shift()?.();
			if (runs.get(consumer) === job) runs.delete(consumer);
			if (runs.size === 0 && this.running.get(room.documentId) === runs) {
				this.running.delete(room.documentId);
			}
		}
	}
}
