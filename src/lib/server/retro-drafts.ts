import { and, asc, eq, sql } from 'drizzle-orm';
import { hasColumn, setDraftCounts } from '$lib/model/retro';
import { generateId } from './auth/secrets';
import type { Database } from './db';
import { retroDrafts } from './db/schema';
import { badRequest, conflict, notFound } from './errors';
import { oneAtATime, openBoard, type Board, type RetroDeps } from './retro-board';
import { requireString } from './validate';
import { phaseName } from '$lib/model/retro/phase-names';
import { m } from '../paraglide/messages.js';

export interface Draft {
	id: string;
	columnId: string;
	text: string;
	createdAt: Date;
}

/** Enough for any meeting; a bound so one person cannot fill the database through a board. */
const MAX_DRAFTS_PER_PERSON = 200;
const MAX_TEXT = 1000;

const draftColumns = {
	id: retroDrafts.id,
	columnId: retroDrafts.columnId,
	text: retroDrafts.text,
	createdAt: retroDrafts.createdAt
};

export async function listMyDrafts(
	db: Database,
	documentId: string,
	userId: string
): Promise<Draft[]> {
	return db
		.select(draftColumns)
		.from(retroDrafts)
		.where(and(eq(retroDrafts.documentId, documentId), eq(retroDrafts.authorId, userId)))
		.orderBy(asc(retroDrafts.createdAt), asc(retroDrafts.id));
}

/** A card's text, private or revealed: 1–1,000 characters. */
export function requireCardText(value: unknown): string {
	return requireString(value, m.server_field_card_text(), { max: MAX_TEXT });
}

/** Checks, in the board's current state, that the column exists and cards may be written. */
async function requireReflecting(board: Board, columnId: string | null): Promise<void> {
	await board.change((doc, meta) => {
		if (meta.phase !== 'reflect') {
			throw conflict(m.server_retro_write_phase({ phase: phaseName(meta.phase) }));
		}
		if (columnId !== null && !hasColumn(doc, columnId)) throw notFound(m.server_retro_no_column());
	});
}

/** Everyone sees how many cards each column is getting; nobody sees whose or what. */
async function publishDraftCounts(deps: RetroDeps, board: Board): Promise<void> {
	const rows = await deps.db
		.select({ columnId: retroDrafts.columnId, n: sql<number>`count(*)::int` })
		.from(retroDrafts)
		.where(eq(retroDrafts.documentId, board.document.id))
		.groupBy(retroDrafts.columnId);
	const counts = new Map(rows.map((r) => [r.columnId, Number(r.n)]));
	await board.change((doc) => setDraftCounts(doc, counts));
}

async function findMyDraft(db: Database, board: Board, draftId: string): Promise<Draft> {
	const [draft] = await db
		.select(draftColumns)
		.from(retroDrafts)
		.where(
			and(
				eq(retroDrafts.id, draftId),
				eq(retroDrafts.documentId, board.document.id),
				eq(retroDrafts.authorId, board.userId)
			)
		);
	// Someone else's draft is as absent as a missing one: its existence is private too.
	if (!draft) throw notFound(m.server_retro_no_own_card());
	return draft;
}

export async function createDraft(
	deps: RetroDeps,
	documentId: string,
	userId: string,
	input: Record<string, unknown>
): Promise<Draft> {
	const columnId = requireString(input.columnId, 'columnId', { max: 64 });
	const text = requireCardText(input.text);
	const board = await openBoard(deps, documentId, userId);
	return oneAtATime(documentId, async () => {
		await requireReflecting(board, columnId);
		const [{ n }] = await deps.db
			.select({ n: sql<number>`count(*)::int` })
			.from(retroDrafts)
			.where(and(eq(retroDrafts.documentId, documentId), eq(retroDrafts.authorId, userId)));
		if (Number(n) >= MAX_DRAFTS_PER_PERSON) {
			throw conflict(m.server_retro_too_many_cards({ max: MAX_DRAFTS_PER_PERSON }));
		}
		const id = generateId();
		await deps.db.insert(retroDrafts).values({ id, documentId, authorId: userId, columnId, text });
		await publishDraftCounts(deps, board);
		return findMyDraft(deps.db, board, id);
	});
}

export async function updateDraft(
	deps: RetroDeps,
	documentId: string,
	userId: string,
	draftId: string,
	input: Record<string, unknown>
): Promise<Draft> {
	const changes: { text?: string; columnId?: string } = {};
	if (input.text !== undefined) changes.text = requireCardText(input.text);
	if (input.columnId !== undefined) {
		changes.columnId = requireString(input.columnId, 'columnId', { max: 64 });
	}
	if (Object.keys(changes).length === 0) throw badRequest(m.server_retro_send_text_or_column());
	const board = await openBoard(deps, documentId, userId);
	return oneAtATime(documentId, async () => {
		await findMyDraft(deps.db, board, draftId);
		await requireReflecting(board, changes.columnId ?? null);
		await deps.db
			.update(retroDrafts)
			.set({ ...changes, updatedAt: new Date() })
			.where(eq(retroDrafts.id, draftId));
		if (changes.columnId) await publishDraftCounts(deps, board);
		return findMyDraft(deps.db, board, draftId);
	});
}

export async function deleteDraft(
	deps: RetroDeps,
	documentId: string,
	userId: string,
	draftId: string
): Promise<void> {
	const board = await openBoard(deps, documentId, userId);
	await oneAtATime(documentId, async () => {
		await findMyDraft(deps.db, board, draftId);
		await requireReflecting(board, null);
		await deps.db.delete(retroDrafts).where(eq(retroDrafts.id, draftId));
		await publishDraftCounts(deps, board);
	});
}

/** Drafts waiting to be revealed, everyone's: for the server's reveal only. */
export async function takeAllDrafts(db: Database, documentId: string) {
	return db
		.select({
			id: retroDrafts.id,
			columnId: retroDrafts.columnId,
			text: retroDrafts.text,
			authorId: retroDrafts.authorId
		})
		.from(retroDrafts)
		.where(eq(retroDrafts.documentId, documentId));
}

export async function countDrafts(db: Database, documentId: string, columnId?: string) {
	const [{ n }] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(retroDrafts)
		.where(
			columnId
				? and(eq(retroDrafts.documentId, documentId), eq(retroDrafts.columnId, columnId))
				: eq(retroDrafts.documentId, documentId)
		);
	return Number(n);
}
