import {
	and,
	asc,
	desc,
	eq,
	gte,
	isNotNull,
	isNull,
	sql,
	type Placeholder,
	type SQL
} from 'drizzle-orm';
import { publishAccessChange } from './auth/revocations';
import type { Database } from './db';
import {
	docUpdates,
	documentPins,
	documents,
	memberships,
	users,
	DOCUMENT_KINDS,
	type DocumentKind,
	type Role
} from './db/schema';
import { generateId } from './auth/secrets';
import { badRequest, forbidden, notFound } from './errors';
import { m } from '../paraglide/messages.js';
import { roleName } from './labels';
import { requireOneOf, requireString } from './validate';
import { requireWorkspaceRole, roleAtLeast } from './workspaces';
import { KIND_SETUP, templateUpdate, type KindSetupInput } from './kind-setup';
import { readInitialState } from './initial-checkpoints';
import { indexDocument } from './search/index-document';
import { log } from './log';
import { getLocale, type Locale } from '$lib/paraglide/runtime';
import { DEFAULT_DOCUMENT_LIST_QUERY, type DocumentListQuery } from '$lib/model/document-list';

export interface DocumentInfo {
	id: string;
	workspaceId: string;
	kind: DocumentKind;
	title: string;
	createdBy: string | null;
	createdByName: string | null;
	createdAt: Date;
	updatedAt: Date;
	archivedAt: Date | null;
	/** When it was pinned to the workspace home; null when it is not pinned. */
	pinnedAt: Date | null;
}

const columns = {
	id: documents.id,
	workspaceId: documents.workspaceId,
	kind: documents.kind,
	title: documents.title,
	createdBy: documents.createdBy,
	createdByName: users.name,
	createdAt: documents.createdAt,
	updatedAt: documents.updatedAt,
	archivedAt: documents.archivedAt,
	pinnedAt: documentPins.pinnedAt
};

export async function createDocument(
	db: Database,
	workspaceId: string,
	actorId: string,
	input: { kind: unknown; title: unknown; savedTemplate?: unknown } & KindSetupInput,
	// Templates are written in the creator's language; the request's by default.
	locale: Locale = getLocale()
): Promise<DocumentInfo> {
	await requireWorkspaceRole(db, workspaceId, actorId, 'editor');
	const kind = requireOneOf(input.kind, m.server_field_kind(), DOCUMENT_KINDS);
	const title = requireString(input.title, m.server_field_title(), { max: 200 });
	const id = generateId();
	// Every kind starts from its template, written in `locale` and stored text from then on,
	// or from a copy of one of the workspace's own templates.
	const setup = { db, workspaceId, documentId: id, actorId, locale };
	const initial =
		input.savedTemplate !== undefined && input.savedTemplate !== null
			? await templateUpdate(kind, input.savedTemplate, setup)
			: await KIND_SETUP[kind](input, setup);
	const state = readInitialState(kind, initial);
	await db.transaction(async (tx) => {
		// head_seq counts the initial update: the sync server numbers the next one 2.
		await tx.insert(documents).values({
			id,
			workspaceId,
			kind,
			title,
			createdBy: actorId,
			headSeq: 1,
			extractedSeq: state.extracted ? 1 : 0
		});
		await tx.insert(docUpdates).values({ documentId: id, seq: 1, data: initial });
	});
	// Indexed now so that opening it later costs no writes (initial-checkpoints.ts).
	// Should this fail, indexed_seq stays 0 and the sync server indexes it on open.
	try {
		await indexDocument(db, id, 1, state.passages);
	} catch (error) {
		log.warn('indexing a new document failed; it is indexed when opened', {
			documentId: id,
			error
		});
	}
	const created = await findDocument(db, id);
	if (!created) throw new Error(`document ${id} vanished right after insert`);
	return created;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A workspace's documents, active or archived, filtered and sorted as the
 * list's query says (src/lib/model/document-list.ts). `now` is there for tests.
 */
export async function listDocuments(
	db: Database,
	workspaceId: string,
	{
		archived = false,
		pinned = false,
		query = DEFAULT_DOCUMENT_LIST_QUERY,
		now = new Date()
	}: { archived?: boolean; pinned?: boolean; query?: DocumentListQuery; now?: Date } = {}
): Promise<DocumentInfo[]> {
	const filters: SQL[] = [
		eq(documents.workspaceId, workspaceId),
		archived ? isNotNull(documents.archivedAt) : isNull(documents.archivedAt)
	];
	if (pinned) filters.push(isNotNull(documentPins.pinnedAt));
	if (query.kind) filters.push(eq(documents.kind, query.kind));
	if (query.owner) filters.push(eq(documents.createdBy, query.owner));
	if (query.editedWithinDays) {
		filters.push(
			gte(documents.updatedAt, new Date(now.getTime() - query.editedWithinDays * DAY_MS))
		);
	}
	// The most recently edited first within a kind, and as the tie-break of equal titles.
	const order =
		query.sort === 'title'
			? [asc(sql`lower(${documents.title})`), desc(documents.updatedAt)]
			: query.sort === 'kind'
				? [asc(documents.kind), desc(documents.updatedAt)]
				: [desc(documents.updatedAt)];
	return db
		.select(columns)
		.from(documents)
		.leftJoin(users, eq(users.id, documents.createdBy))
		.leftJoin(documentPins, eq(documentPins.documentId, documents.id))
		.where(and(...filters))
		.orderBy(...order, asc(documents.id));
}

/** The documents pinned to a workspace's home, the latest pin first; archived ones wait for their restore. */
export async function listPinnedDocuments(
	db: Database,
	workspaceId: string
): Promise<DocumentInfo[]> {
	return db
		.select(columns)
		.from(documentPins)
		.innerJoin(documents, eq(documents.id, documentPins.documentId))
		.leftJoin(users, eq(users.id, documents.createdBy))
		.where(and(eq(documents.workspaceId, workspaceId), isNull(documents.archivedAt)))
		.orderBy(desc(documentPins.pinnedAt), asc(documents.id));
}

export async function findDocument(db: Database, id: string): Promise<DocumentInfo | null> {
	const [row] = await db
		.select(columns)
		.from(documents)
		.leftJoin(users, eq(users.id, documents.createdBy))
		.leftJoin(documentPins, eq(documentPins.documentId, documents.id))
		.where(eq(documents.id, id));
	return row ?? null;
}

export type DocumentAccess =
	| { ok: true; document: DocumentInfo; role: Role }
	| { ok: false; reason: 'not_found' | 'forbidden' };

/**
 * Who may do what with a document: its workspace membership decides. Used by
 * routes and by the sync server on every upgrade, hence one query.
 */
export async function getDocumentAccess(
	db: Database,
	documentId: string,
	userId: string
): Promise<DocumentAccess> {
	const [row] = await accessQuery(db, documentId, userId);
	return toAccess(row);
}

function accessQuery(db: Database, documentId: string | Placeholder, userId: string | Placeholder) {
	return db
		.select({ ...columns, role: memberships.role })
		.from(documents)
		.leftJoin(users, eq(users.id, documents.createdBy))
		.leftJoin(documentPins, eq(documentPins.documentId, documents.id))
		.leftJoin(
			memberships,
			and(eq(memberships.workspaceId, documents.workspaceId), eq(memberships.userId, userId))
		)
		.where(eq(documents.id, documentId));
}

function toAccess(row: (DocumentInfo & { role: Role | null }) | undefined): DocumentAccess {
	if (!row) return { ok: false, reason: 'not_found' };
	const { role, ...document } = row;
	if (!role) return { ok: false, reason: 'forbidden' };
	return { ok: true, document, role };
}

/**
 * getDocumentAccess with the statement built once: the sync server asks it
 * for every upgrade, and building the query (three joins) cost about as much
 * CPU as the embedded engine took to run it.
 */
export function prepareDocumentAccess(
	db: Database
): (documentId: string, userId: string) => Promise<DocumentAccess> {
	const prepared = accessQuery(
		db,
		sql.placeholder('documentId'),
		sql.placeholder('userId')
	).prepare('sync_document_access');
	return async (documentId, userId) => {
		const [row] = await prepared.execute({ documentId, userId });
		return toAccess(row);
	};
}

export async function requireDocumentRole(
	db: Database,
	documentId: string,
	userId: string,
	needed: Role = 'viewer'
): Promise<{ document: DocumentInfo; role: Role }> {
	const access = await getDocumentAccess(db, documentId, userId);
	if (!access.ok) {
		throw access.reason === 'not_found'
			? notFound(m.server_no_such_document())
			: forbidden(m.server_document_not_member());
	}
	if (!roleAtLeast(access.role, needed)) {
		throw forbidden(m.server_document_role_needed({ needed: roleName(needed) }));
	}
	return access;
}

export async function updateDocument(
	db: Database,
	documentId: string,
	actorId: string,
	input: { title?: unknown; archived?: unknown }
): Promise<DocumentInfo> {
	await requireDocumentRole(db, documentId, actorId, 'editor');
	const changes: Partial<typeof documents.$inferInsert> = {};
	if (input.title !== undefined) {
		changes.title = requireString(input.title, m.server_field_title(), { max: 200 });
		changes.updatedAt = new Date();
	}
	if (input.archived !== undefined) {
		if (typeof input.archived !== 'boolean') {
			throw badRequest(m.server_field_boolean({ field: 'archived' }));
		}
		changes.archivedAt = input.archived ? new Date() : null;
	}
	if (Object.keys(changes).length > 0) {
		await db.update(documents).set(changes).where(eq(documents.id, documentId));
	}
	// Archiving freezes the document for everyone, also on sockets opened before.
	if (changes.archivedAt !== undefined) publishAccessChange({ documentId });
	return (await findDocument(db, documentId))!;
}
