import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { generateId } from '../auth/secrets';
import type { Database, Executor } from '../db';
import { rowsOf } from '../db/rows';
import { documentClients, documentVersions, users, type VersionReason } from '../db/schema';
import { announce, VERSIONS } from '../document-wakeups';
import { versionsToPrune } from './prune';

/** First key of the advisory lock held while saving a version (the second is the id's hash). */
const VERSION_LOCK = 0x76727376; // "vrsv"

export interface VersionState {
	/** Y.encodeStateAsUpdate of the document. */
	state: Uint8Array;
	/** Y.encodeSnapshot of the same moment. */
	snapshot: Uint8Array;
}

export interface NewVersion extends VersionState {
	reason: VersionReason;
	name?: string | null;
	createdBy?: string | null;
	restoredFrom?: string | null;
}

export interface VersionSummary {
	id: string;
	reason: VersionReason;
	name: string | null;
	createdAt: Date;
	createdBy: { id: string; name: string } | null;
	restoredFrom: string | null;
	/** People whose edits fall between the previous version and this one. */
	contributors: { id: string; name: string }[];
}

/** The state and snapshot of `doc` now, for a version. */
export function captureVersionState(doc: Y.Doc): VersionState {
	return { state: Y.encodeStateAsUpdate(doc), snapshot: Y.encodeSnapshot(Y.snapshot(doc)) };
}

/** True when `snapshot` holds exactly what `previous` holds: no insertion and no deletion since. */
export function sameContent(previous: Uint8Array, snapshot: Uint8Array): boolean {
	return Y.equalSnapshots(Y.decodeSnapshot(previous), Y.decodeSnapshot(snapshot));
}

/**
 * Tries the document's version lock for the rest of the transaction: false
 * when another process is saving a version of the same document right now.
 */
export async function tryVersionLock(tx: Executor, documentId: string): Promise<boolean> {
	const result = await tx.execute<{ taken: boolean }>(
		sql`select pg_try_advisory_xact_lock(${VERSION_LOCK}, hashtext(${documentId})) as taken`
	);
	return rowsOf<{ taken: boolean }>(result)[0].taken === true;
}

export async function latestVersion(
	tx: Executor,
	documentId: string
): Promise<{ id: string; snapshot: Uint8Array; createdAt: Date } | null> {
	const [row] = await tx
		.select({
			id: documentVersions.id,
			snapshot: documentVersions.snapshot,
			createdAt: documentVersions.createdAt
		})
		.from(documentVersions)
		.where(eq(documentVersions.documentId, documentId))
		.orderBy(desc(documentVersions.createdAt), desc(documentVersions.id))
		.limit(1);
	return row ?? null;
}

/**
 * Stores a version and prunes automatic ones by the retention policy, in the
 * caller's transaction, and announces the change when it commits: every
 * way a version is saved (autosave, naming, restoring) passes here.
 */
export async function insertVersion(
	tx: Executor,
	documentId: string,
	version: NewVersion,
	now = new Date()
): Promise<string> {
	const id = generateId();
	await tx.insert(documentVersions).values({
		id,
		documentId,
		reason: version.reason,
		name: version.name ?? null,
		createdBy: version.createdBy ?? null,
		restoredFrom: version.restoredFrom ?? null,
		state: version.state,
		snapshot: version.snapshot,
		createdAt: now
	});
	const all = await tx
		.select({
			id: documentVersions.id,
			reason: documentVersions.reason,
			createdAt: documentVersions.createdAt
		})
		.from(documentVersions)
		.where(eq(documentVersions.documentId, documentId));
	const drop = versionsToPrune(all, now);
	if (drop.length > 0) {
		await tx
			.delete(documentVersions)
			.where(and(eq(documentVersions.documentId, documentId), inArray(documentVersions.id, drop)));
	}
	await announce(tx, VERSIONS, documentId);
	return id;
}

/** Records who owns client ids this process learnt, so a version's contributors can be named. */
export async function recordClients(
	tx: Executor,
	documentId: string,
	clientUsers: ReadonlyMap<number, string>
): Promise<void> {
	const rows = [...clientUsers].map(([clientId, userId]) => ({ documentId, clientId, userId }));
	await recordDocumentClients(tx, rows);
}

/**
 * Rows per statement. The embedded engine runs one statement at a time, and
 * the sync server's commits wait behind whichever runs: a wave of a thousand
 * new writers written as one statement (its foreign keys checked row by row)
 * held commits back for 37 ms, and building that statement took the server's
 * thread 30 ms more; under the rooms load 100 rows still took 5-13 ms, 25 rows
 * about 1.5 ms. Short statements of one fixed text, the columns as three
 * arrays, let commits run in between.
 */
const CLIENT_ROWS_PER_STATEMENT = 25;

/** Records the person behind client ids of any number of documents. */
export async function recordDocumentClients(
	tx: Executor,
	rows: { documentId: string; clientId: number; userId: string }[]
): Promise<void> {
	for (let i = 0; i < rows.length; i += CLIENT_ROWS_PER_STATEMENT) {
		const chunk = rows.slice(i, i + CLIENT_ROWS_PER_STATEMENT);
		const documentIds = sql.param(chunk.map((r) => r.documentId));
		const clientIds = sql.param(chunk.map((r) => r.clientId));
		const userIds = sql.param(chunk.map((r) => r.userId));
		await tx.execute(
			sql`insert into ${documentClients} (document_id, client_id, user_id)
				select * from unnest(${documentIds}::text[], ${clientIds}::bigint[], ${userIds}::text[])
				on conflict do nothing`
		);
	}
}

/**
 * The document's versions, newest first. Contributors are read from the
 * snapshots: a client id whose clock grew between one version and the next
 * wrote in that span, and `document_clients` says whose it is. Yjs records no
 * author for a deletion, so someone who only deleted text is not listed; a
 * restore is credited to the person who restored.
 */
export async function listVersions(db: Database, documentId: string): Promise<VersionSummary[]> {
	const rows = await db
		.select({
			id: documentVersions.id,
			reason: documentVersions.reason,
			name: documentVersions.name,
			createdAt: documentVersions.createdAt,
			createdById: documentVersions.createdBy,
			createdByName: users.name,
			restoredFrom: documentVersions.restoredFrom,
			snapshot: documentVersions.snapshot
		})
		.from(documentVersions)
		.leftJoin(users, eq(users.id, documentVersions.createdBy))
		.where(eq(documentVersions.documentId, documentId))
		.orderBy(asc(documentVersions.createdAt), asc(documentVersions.id));
	const owners = await db
		.select({ clientId: documentClients.clientId, userId: users.id, name: users.name })
		.from(documentClients)
		.innerJoin(users, eq(users.id, documentClients.userId))
		.where(eq(documentClients.documentId, documentId));
	const ownerOf = new Map(owners.map((o) => [o.clientId, { id: o.userId, name: o.name }]));
	let before = new Map<number, number>();
	const summaries = rows.map((row): VersionSummary => {
		const sv = Y.decodeSnapshot(row.snapshot).sv;
		const people = new Map<string, { id: string; name: string }>();
		for (const [client, clock] of sv) {
			const owner = ownerOf.get(client);
			if (owner && clock > (before.get(client) ?? 0)) people.set(owner.id, owner);
		}
		before = sv;
		const createdBy =
			row.createdById && row.createdByName
				? { id: row.createdById, name: row.createdByName }
				: null;
		if (row.reason === 'restored' && createdBy) people.set(createdBy.id, createdBy);
		return {
			id: row.id,
			reason: row.reason,
			name: row.name,
			createdAt: row.createdAt,
			createdBy,
			restoredFrom: row.restoredFrom,
			contributors: [...people.values()].sort((a, b) => a.name.localeCompare(b.name))
		};
	});
	return summaries.reverse();
}

export async function findVersionState(
	db: Executor,
	documentId: string,
	versionId: string
): Promise<Uint8Array | null> {
	const [row] = await db
		.select({ state: documentVersions.state })
		.from(documentVersions)
		.where(and(eq(documentVersions.documentId, documentId), eq(documentVersions.id, versionId)));
	return row?.state ?? null;
}
