import { fragmentToJson, frameworkToMarkdown } from '$lib/model/framework/markdown';
import { CONTENT_FIELD } from '$lib/model/framework/shape';
import { m } from '../paraglide/messages.js';
import type { Database } from './db';
import { requireDocumentRole } from './documents';
import { badRequest } from './errors';
import type { SyncHub } from './runtime';

export interface MarkdownDeps {
	db: Database;
	/** The sync server of this process: it holds the live document. */
	sync: SyncHub | null;
}

/** A framework document as Markdown, for any member (viewers may read it anyway). */
export async function exportFrameworkMarkdown(
	deps: MarkdownDeps,
	documentId: string,
	userId: string
): Promise<{ title: string; markdown: string }> {
	const { document } = await requireDocumentRole(deps.db, documentId, userId, 'viewer');
	if (document.kind !== 'framework') throw badRequest(m.documents_markdown_not_framework());
	if (!deps.sync) throw new Error('the sync server is not running in this process');
	const markdown = await deps.sync.changeDocument(documentId, (doc) =>
		frameworkToMarkdown(fragmentToJson(doc.getXmlFragment(CONTENT_FIELD)))
	);
	return { title: document.title, markdown };
}
