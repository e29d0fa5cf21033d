import * as Y from 'yjs';
import { appendJson, markdownToFramework } from '$lib/model/framework/markdown';
import { findFrameworkTemplate, initFrameworkDocument } from '$lib/model/framework/templates';
import { KINDS, kindInfo, type DocumentKind } from '$lib/model/kinds';
import type { Locale } from '$lib/paraglide/runtime';
import type { Database } from './db';
import { createFlowUpdate } from './flow-setup';
import { listForReview } from '$lib/model/retro';
import { createRetroBoardUpdate, findActionsToReview, type RetroSetupInput } from './retro-setup';
import { and, eq } from 'drizzle-orm';
import { m } from '../paraglide/messages.js';
import { workspaceTemplates } from './db/schema';
import { badRequest } from './errors';
import { noSuch } from './id-nouns';
import { requireOneOf, requireString } from './validate';

export interface KindSetupContext {
	db: Database;
	workspaceId: string;
	documentId: string;
	actorId: string;
	/** The creator's language: template texts are written in it. */
	locale: Locale;
}

/** What a create request may carry besides kind and title; each kind reads its own fields. */
export type KindSetupInput = RetroSetupInput & { template?: unknown; markdown?: unknown };

/** A long handbook fits; a file this size is not a document someone meant to import. */
export const MAX_MARKDOWN_CHARACTERS = 500_000;

/**
 * The first state of a new document of each kind, as one Yjs update stored
 * with the document row (so it exists complete or not at all). Typed by
 * kind: a new kind does not compile until it says how it starts.
 */
export const KIND_SETUP: {
	[K in DocumentKind]: (input: KindSetupInput, ctx: KindSetupContext) => Promise<Uint8Array>;
} = {
	framework: async (input, ctx) => {
		const info = KINDS.framework;
		const id = requireOneOf(
			input.template ?? info.defaultTemplate,
			'template',
			info.templates.map((t) => t.id)
		);
		const doc = new Y.Doc();
		initFrameworkDocument(doc, findFrameworkTemplate(id)!, ctx.locale);
		// Imported Markdown follows the template (usually blank); its checklist items are keyed by the server.
		if (input.markdown !== undefined && input.markdown !== '') {
			const markdown = requireString(input.markdown, 'markdown', { max: MAX_MARKDOWN_CHARACTERS });
			appendJson(doc.getXmlFragment('content'), markdownToFramework(markdown));
		}
		return Y.encodeStateAsUpdate(doc);
	},
	flow: async (input, ctx) => createFlowUpdate(input, ctx.locale),
	retro: async (input, ctx) =>
		createRetroBoardUpdate(ctx.db, ctx.workspaceId, ctx.documentId, ctx.actorId, input, ctx.locale)
};

/**
 * What the server adds to a document made from a workspace template, beyond
 * the saved content the model writes: what only the database knows. Typed by
 * kind like KIND_SETUP; a new retro lists the earlier retros' open actions
 * for review, however it was started.
 */
const FROM_TEMPLATE: {
	[K in DocumentKind]: ((doc: Y.Doc, ctx: KindSetupContext) => Promise<void>) | null;
} = {
	framework: null,
	flow: null,
	retro: async (doc, ctx) =>
		listForReview(doc, await findActionsToReview(ctx.db, ctx.workspaceId, ctx.documentId))
};

/**
 * The first state of a new document made from a workspace template, as one
 * Yjs update: a fresh document with the template's content and nothing else.
 * The template must be the workspace's own and of the document's kind.
 */
export async function templateUpdate(
	kind: DocumentKind,
	templateId: unknown,
	ctx: KindSetupContext
): Promise<Uint8Array> {
	const id = requireString(templateId, 'savedTemplate', { max: 40 });
	const [row] = await ctx.db
		.select({ kind: workspaceTemplates.kind, content: workspaceTemplates.content })
		.from(workspaceTemplates)
		.where(and(eq(workspaceTemplates.id, id), eq(workspaceTemplates.workspaceId, ctx.workspaceId)));
	if (!row) throw badRequest(noSuch('template'));
	const saved = kindInfo(kind)?.savedContent;
	if (row.kind !== kind || !saved) throw badRequest(m.doclist_template_other_kind());
	const doc = new Y.Doc();
	saved.write(doc, row.content, { creatorId: ctx.actorId });
	await FROM_TEMPLATE[kind]?.(doc, ctx);
	return Y.encodeStateAsUpdate(doc);
}
