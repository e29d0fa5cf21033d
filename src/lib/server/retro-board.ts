import { and, eq, inArray, sql } from 'drizzle-orm';
import type * as Y from 'yjs';
import {
	DEFAULT_VOTE_LIMITS,
	findTemplate,
	templateColumns,
	initRetroDocument,
	readRetroMeta,
	type BoardResult,
	type RetroMeta
} from '$lib/model/retro';
import type { Database } from './db';
import { retroVotes, type Role } from './db/schema';
import { requireDocumentRole, type DocumentInfo } from './documents';
import { conflict, forbidden, notFound } from './errors';
import type { SyncHub } from './runtime';
import type { TaskEvents } from './task-events';
import { m } from '../paraglide/messages.js';

/**
 * What every retro operation runs against. Board state lives in the Yjs
 * document, read and written through the sync server's room so that what
 * the server checks is what everyone sees; votes and private cards live in
 * the database.
 */
export interface RetroDeps {
	db: Database;
	sync: SyncHub | null;
	taskEvents: TaskEvents;
}

export interface Board {
	document: DocumentInfo;
	role: Role;
	userId: string;
	sync: SyncHub;
	/** Runs `fn` on the board's document as one server change; `fn` throws to refuse, changing nothing. */
	change<T>(fn: (doc: Y.Doc, meta: RetroMeta) => T): Promise<T>;
}

/**
 * Opens a retro board for a member with at least `needed`. Changes
 * (`write`) are refused on archived boards, as the sync server refuses
 * clients' edits to them.
 */
export async function openBoard(
	deps: RetroDeps,
	documentId: string,
	userId: string,
	{ needed = 'editor', write = true }: { needed?: Role; write?: boolean } = {}
): Promise<Board> {
	const { document, role } = await requireDocumentRole(deps.db, documentId, userId, needed);
	if (document.kind !== 'retro') throw notFound(m.server_retro_not_board());
	if (write && document.archivedAt) {
		throw conflict(m.server_retro_archived());
	}
	const sync = deps.sync;
	// The routes run in the same process as the sync server; without it nothing could be written live.
	if (!sync) throw new Error('the sync server is not running in this process');
	return {
		document,
		role,
		userId,
		sync,
		change: (fn) => sync.changeDocument(documentId, (doc) => fn(doc, ensureBoard(doc, document)))
	};
}

/**
 * A retro created before boards were initialised at creation (or written
 * empty by a script) gets the default board the first time it is used.
 */
function ensureBoard(doc: Y.Doc, document: DocumentInfo): RetroMeta {
	if (doc.getMap('meta').get('kind') !== 'retro') {
		initRetroDocument(doc, {
			facilitatorId: document.createdBy ?? '',
			anonymous: false,
			limits: DEFAULT_VOTE_LIMITS,
			hideTallies: false,
			// In the language of whoever first uses it: the board has no creator's choice to go by.
			columns: templateColumns(findTemplate('start-stop-continue')!)
		});
	}
	return readRetroMeta(doc);
}

/** Unwraps a model result: a missing target becomes a 404, a refusal a 409, with the model's sentence. */
export function unwrap<T>(result: BoardResult<T>): T {
	if (!result.ok) throw result.missing ? notFound(result.problem) : conflict(result.problem);
	return result.value;
}

/** `refusal` says what only the facilitator may do, e.g. m.server_retro_facilitator_timer(). */
export function requireFacilitator(meta: RetroMeta, board: Board, refusal: string): void {
	if (meta.facilitatorId !== board.userId) {
		throw forbidden(refusal);
	}
}

/**
 * Retro operations on one board run one after another within this process:
 * each reads the board, checks its rules and writes, and must not interleave
 * with another doing the same (a card written while the phase moves on, two
 * votes racing for the last unit of a budget). Votes are additionally guarded
 * by a row lock, which also holds across processes.
 */
const queues = new Map<string, Promise<unknown>>();

export function oneAtATime<T>(documentId: string, task: () => Promise<T>): Promise<T> {
	const previous = queues.get(documentId) ?? Promise.resolve();
	const run = previous.then(task, task);
	const settled = run.then(
		() => undefined,
		() => undefined
	);
	queues.set(documentId, settled);
	void settled.then(() => {
		if (queues.get(documentId) === settled) queues.delete(documentId);
	});
	return run;
}

/** Total votes per topic. */
export async function readVoteTotals(
	db: Database,
	documentId: string
): Promise<Map<string, number>> {
	const rows = await db
		.select({ topicId: retroVotes.topicId, total: sql<number>`sum(${retroVotes.count})::int` })
		.from(retroVotes)
		.where(eq(retroVotes.documentId, documentId))
		.groupBy(retroVotes.topicId);
	return new Map(rows.map((r) => [r.topicId, Number(r.total)]));
}

/** Gives back the votes cast on topics that no longer exist (a card that joined a group). */
export async function releaseVotes(db: Database, documentId: string, topicIds: string[]) {
	if (topicIds.length === 0) return;
	await db
		.delete(retroVotes)
		.where(and(eq(retroVotes.documentId, documentId), inArray(retroVotes.topicId, topicIds)));
}
