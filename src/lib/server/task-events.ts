import { EventEmitter } from 'node:events';
import type { DatabaseHandle } from './db';
import { log } from './log';

/** Tells open task lists that tasks of a workspace changed, so they refresh without a reload. */
export interface TasksChanged {
	workspaceId: string;
	taskIds: string[];
}

/** One recorded change: `seq` is its SSE id, contiguous per workspace. */
export interface TaskEvent {
	seq: number;
	taskIds: string[];
}

/** The PostgreSQL channel that wakes task-list streams (payload: the workspace id). */
const CHANNEL = 'opsloom_tasks';
/** Events are kept this long: a browser that was away longer reloads its list anyway when it reconnects. */
export const TASK_EVENT_RETENTION_MS = 24 * 60 * 60 * 1000;
/** A stream reads at most this many events per pass. */
const PAGE = 500;

/**
 * Records the event and raises the workspace's head in one statement: the
 * UPDATE's row lock orders concurrent writers (in any process), so seqs are
 * contiguous and become visible in order. NOTIFY is delivered on commit to
 * every process on the database.
 */
const RECORD = `with h as (update workspaces set task_events_head = task_events_head + 1 where id = $1 returning task_events_head as seq),
e as (insert into task_events (workspace_id, seq, task_ids) select $1, seq, $2::jsonb from h returning seq)
select seq, pg_notify('${CHANNEL}', $1) from e`;

/**
 * Task changes as a log per workspace, in the database: a stream in any
 * process wakes on the announcement and reads what is new after its cursor,
 * so a reconnecting browser (`Last-Event-ID`), on this process or another,
 * misses nothing, and a lost or doubled wake-up changes nothing.
 */
export class TaskEvents {
	private readonly emitter = new EventEmitter();
	private database: Pick<DatabaseHandle, 'execute'> | null = null;

	constructor() {
		// One listener per open task list; many people may have one open.
		this.emitter.setMaxListeners(0);
	}

	/** Records through `database` and wakes this process's streams on its announcements. */
	async listenTo(database: Pick<DatabaseHandle, 'execute' | 'listen'>): Promise<void> {
		this.database = database;
		await database.listen(CHANNEL, (workspaceId) => this.emitter.emit(workspaceId));
	}

	/** Records the change after the caller's commit; resolves once it is recorded (never rejects). */
	publish(event: TasksChanged): Promise<void> {
		if (event.taskIds.length === 0 || !this.database) return Promise.resolve();
		const taskIds = [...new Set(event.taskIds)];
		return this.database.execute(RECORD, [event.workspaceId, JSON.stringify(taskIds)]).then(
			() => {},
			(error: unknown) => {
				log.error('recording a task event failed', { workspaceId: event.workspaceId, error });
			}
		);
	}

	/** The workspace's latest seq: where a fresh stream starts. */
	async head(workspaceId: string): Promise<number> {
		const rows = await this.database!.execute<{ head: string | number }>(
			'select task_events_head as head from workspaces where id = $1',
			[workspaceId]
		);
		return rows.length > 0 ? Number(rows[0].head) : 0;
	}

	/** Events after `afterSeq`, oldest first. */
	async after(workspaceId: string, afterSeq: number): Promise<TaskEvent[]> {
		const rows = await this.database!.execute<{ seq: string | number; task_ids: unknown }>(
			'select seq, task_ids from task_events where workspace_id = $1 and seq > $2 order by seq limit $3',
			[workspaceId, afterSeq, PAGE]
		);
		return rows.map((row) => ({
			seq: Number(row.seq),
			// jsonb arrives parsed from both drivers, or as text from some configurations.
			taskIds: (typeof row.task_ids === 'string'
				? JSON.parse(row.task_ids)
				: row.task_ids) as string[]
		}));
	}

	/** Wakes `listener` whenever the workspace's tasks may have changed. Returns the function that unsubscribes. */
	wake(workspaceId: string, listener: () => void): () => void {
		this.emitter.on(workspaceId, listener);
		return () => this.emitter.off(workspaceId, listener);
	}

	/**
	 * Follows a workspace's events from `afterSeq` (null: from now), calling
	 * `listener` with each in order. Looks again every `pollMs` too, in case a
	 * wake-up was lost with a dropped LISTEN connection. Returns the function
	 * that stops.
	 */
	async follow(
		workspaceId: string,
		afterSeq: number | null,
		listener: (event: TaskEvent) => void,
		pollMs = 15_000
	): Promise<() => void> {
		let cursor = afterSeq ?? 0;
		let ready = false;
		let stopped = false;
		let running: Promise<void> | null = null;
		let again = false;
		const catchUp = () => {
			if (!ready) return;
			if (running) {
				again = true;
				return;
			}
			running = (async () => {
				do {
					again = false;
					for (;;) {
						if (stopped) return;
						const events = await this.after(workspaceId, cursor);
						for (const event of events) {
							if (stopped) return;
							cursor = event.seq;
							listener(event);
						}
						if (events.length < PAGE) break;
					}
				} while (again);
			})()
				.catch((error: unknown) => log.error('task event stream failed', { workspaceId, error }))
				.finally(() => {
					running = null;
				});
		};
		// Listening before reading the head: nothing recorded in between is missed.
		const unsubscribe = this.wake(workspaceId, catchUp);
		try {
			if (afterSeq === null) cursor = await this.head(workspaceId);
		} catch (error) {
			unsubscribe();
			throw error;
		}
		ready = true;
		const poll = setInterval(catchUp, pollMs);
		// What was recorded meanwhile, or what a resumed stream missed.
		catchUp();
		return () => {
			stopped = true;
			clearInterval(poll);
			unsubscribe();
		};
	}
}
