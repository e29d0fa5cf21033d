import * as Y from 'yjs';
import { restoreFrameworkContent } from '../../model/framework/history/restore-content';
import { m } from '../../paraglide/messages.js';
import type { Database } from '../db';
import { requireDocumentRole } from '../documents';
import { badRequest, conflict, notFound } from '../errors';
import { noSuch } from '../id-nouns';
import type { DocumentChanger } from '../tasks';
import { requireString } from '../validate';
import { VERSIONED_KINDS } from './kinds';
import {
	captureVersionState,
	findVersionState,
	insertVersion,
	latestVersion,
	listVersions,
	sameContent,
	type VersionSummary
} from './store';

export interface VersionDeps {
	db: Database;
	/** The sync server's way to read and change a live document (SyncHub.changeDocument). */
	changeDocument: DocumentChanger;
}

/** Reading versions: any member who can read the document. */
export async function requireVersionedDocument(
	db: Database,
	documentId: string,
	userId: string,
	needed: 'viewer' | 'editor' = 'viewer'
) {
	const access = await requireDocumentRole(db, documentId, userId, needed);
	if (!VERSIONED_KINDS.has(access.document.kind)) throw badRequest(m.versions_kind_unsupported());
	if (needed === 'editor' && access.document.archivedAt) {
		throw conflict(m.versions_document_archived());
	}
	return access;
}

async function summaryOf(db: Database, documentId: string, id: string): Promise<VersionSummary> {
	const found = (await listVersions(db, documentId)).find((v) => v.id === id);
	if (!found) throw new Error(`version ${id} vanished right after insert`);
	return found;
}

/** Saves what the document holds now as a version with a name; named versions are never pruned. */
export async function nameVersion(
	deps: VersionDeps,
	documentId: string,
	actorId: string,
	input: { name?: unknown }
): Promise<VersionSummary> {
	await requireVersionedDocument(deps.db, documentId, actorId, 'editor');
	const name = requireString(input.name, m.versions_field_name(), { max: 200 });
	// A transaction that changes nothing sends nothing: this only reads the live state.
	const state = await deps.changeDocument(documentId, (doc) => captureVersionState(doc));
	const id = await deps.db.transaction((tx) =>
		insertVersion(tx, documentId, { ...state, reason: 'named', name, createdBy: actorId })
	);
	return summaryOf(deps.db, documentId, id);
}

/** A version's stored state, for viewing and comparing it. */
export async function readVersion(
	db: Database,
	documentId: string,
	userId: string,
	versionId: string
): Promise<{ version: VersionSummary; state: Uint8Array }> {
	await requireVersionedDocument(db, documentId, userId);
	const state = await findVersionState(db, documentId, versionId);
	const version = (await listVersions(db, documentId)).find((v) => v.id === versionId);
	if (!state || !version) throw notFound(noSuch('version'));
	return { version, state };
}

/**
 * Restores a version's content as a new change: the server edits the live
 * document into the old content (changing only what differs, so comment
 * anchors in unchanged text hold) through the ordinary durable path, and
 * everyone's open editor receives it like any edit. The state just before is
 * kept as a version too, so restoring that one undoes the restore.
 */
export async function restoreVersion(
	deps: VersionDeps,
	documentId: string,
	actorId: string,
	versionId: string
): Promise<VersionSummary> {
	await requireVersionedDocument(deps.db, documentId, actorId, 'editor');
	const stored = await findVersionState(deps.db, documentId, versionId);
	if (!stored) throw notFound(noSuch('version'));
	const old = new Y.Doc();
	Y.applyUpdate(old, stored);
	const { before, after } = await deps.changeDocument(documentId, (doc) => {
		const before = captureVersionState(doc);
		restoreFrameworkContent(doc, old);
		return { before, after: captureVersionState(doc) };
	});
	old.destroy();
	const now = Date.now();
	const id = await deps.db.transaction(async (tx) => {
		const latest = await latestVersion(tx, documentId);
		if (!latest || !sameContent(latest.snapshot, before.snapshot)) {
			await insertVersion(tx, documentId, { ...before, reason: 'before_restore' }, new Date(now));
		}
		return insertVersion(
			tx,
			documentId,
			{ ...after, reason: 'restored', createdBy: actorId, restoredFrom: versionId },
			new Date(now + 1)
		);
	});
	return summaryOf(deps.db, documentId, id);
}
