import { and, asc, count, eq } from 'drizzle-orm';
import { kindInfo } from '$lib/model/kinds';
import { m } from '../paraglide/messages.js';
import type { Database } from './db';
import { users, workspaceTemplates, type DocumentKind } from './db/schema';
import { requireDocumentRole } from './documents';
import { badRequest, conflict, notFound } from './errors';
import { generateId } from './auth/secrets';
import { noSuch } from './id-nouns';
import type { SyncHub } from './runtime';
import { requireString } from './validate';
import { requireWorkspaceRole } from './workspaces';

export interface WorkspaceTemplate {
	id: string;
	workspaceId: string;
	kind: DocumentKind;
	name: string;
	sourceDocumentId: string | null;
	createdBy: string | null;
	createdByName: string | null;
	createdAt: Date;
}

export interface TemplateDeps {
	db: Database;
	/** The sync server of this process: it holds the live document the template is copied from. */
	sync: SyncHub | null;
}

/** Enough for any team's starting points; more would make the new-document chooser unusable. */
export const MAX_TEMPLATES_PER_WORKSPACE = 100;

const columns = {
	id: workspaceTemplates.id,
	workspaceId: workspaceTemplates.workspaceId,
	kind: workspaceTemplates.kind,
	name: workspaceTemplates.name,
	sourceDocumentId: workspaceTemplates.sourceDocumentId,
	createdBy: workspaceTemplates.createdBy,
	createdByName: users.name,
	createdAt: workspaceTemplates.createdAt
};

/**
 * Saves a copy of a document's current content as a template of its
 * workspace (which must be `workspaceId`), under `name`. Editors and owners only; kinds whose registry
 * entry has no `savedContent` are refused with a 400.
 */
export async function saveTemplate(
	deps: TemplateDeps,
	workspaceId: string,
	documentId: string,
	actorId: string,
	input: { name: unknown }
): Promise<WorkspaceTemplate> {
	const { document } = await requireDocumentRole(deps.db, documentId, actorId, 'editor');
	// A document of another workspace is not one this workspace can copy.
	if (document.workspaceId !== workspaceId) throw notFound(m.server_no_such_document());
	const name = requireString(input.name, m.doclist_field_template_name(), { max: 80 });
	const saved = kindInfo(document.kind)?.savedContent;
	if (!saved) throw badRequest(m.doclist_template_kind_unsupported());
	const [{ n }] = await deps.db
		.select({ n: count() })
		.from(workspaceTemplates)
		.where(eq(workspaceTemplates.workspaceId, document.workspaceId));
	if (n >= MAX_TEMPLATES_PER_WORKSPACE) {
		throw conflict(m.doclist_template_limit({ max: MAX_TEMPLATES_PER_WORKSPACE }));
	}
	if (!deps.sync) throw new Error('the sync server is not running in this process');
	const content = await deps.sync.changeDocument(documentId, (doc) => saved.read(doc));
	const id = generateId();
	await deps.db.insert(workspaceTemplates).values({
		id,
		workspaceId: document.workspaceId,
		kind: document.kind,
		name,
		content,
		sourceDocumentId: documentId,
		createdBy: actorId
	});
	return (await findTemplate(deps.db, document.workspaceId, id))!;
}

/** The workspace's templates, by kind and name; for any member. */
export async function listTemplates(
	db: Database,
	workspaceId: string,
	actorId: string,
	{ kind }: { kind?: DocumentKind } = {}
): Promise<WorkspaceTemplate[]> {
	await requireWorkspaceRole(db, workspaceId, actorId);
	return db
		.select(columns)
		.from(workspaceTemplates)
		.leftJoin(users, eq(users.id, workspaceTemplates.createdBy))
		.where(
			and(
				eq(workspaceTemplates.workspaceId, workspaceId),
				kind ? eq(workspaceTemplates.kind, kind) : undefined
			)
		)
		.orderBy(
			asc(workspaceTemplates.kind),
			asc(workspaceTemplates.name),
			asc(workspaceTemplates.id)
		);
}

async function findTemplate(
	db: Database,
	workspaceId: string,
	id: string
): Promise<WorkspaceTemplate | null> {
	const [row] = await db
		.select(columns)
		.from(workspaceTemplates)
		.leftJoin(users, eq(users.id, workspaceTemplates.createdBy))
		.where(and(eq(workspaceTemplates.id, id), eq(workspaceTemplates.workspaceId, workspaceId)));
	return row ?? null;
}

/** Deletes a workspace template; documents made from it keep their content. Editors and owners only. */
export async function deleteTemplate(
	db: Database,
	workspaceId: string,
	templateId: string,
	actorId: string
): Promise<void> {
	await requireWorkspaceRole(db, workspaceId, actorId, 'editor');
	const deleted = await db
		.delete(workspaceTemplates)
		.where(
			and(eq(workspaceTemplates.id, templateId), eq(workspaceTemplates.workspaceId, workspaceId))
		)
		.returning({ id: workspaceTemplates.id });
	if (deleted.length === 0) throw notFound(noSuch('template'));
}
