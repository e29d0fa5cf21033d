import { and, eq } from 'drizzle-orm';
import { addImprovementNote } from '$lib/model/flow';
import { addServerCard } from '$lib/model/retro';
import type { SuggestionLink } from '$lib/model/suggestions';
import { suggestions } from '../db/schema';
import { findDocument } from '../documents';
import { generateId } from '../auth/secrets';
import { m } from '$lib/paraglide/messages';
import { conflict, notFound } from '../errors';
import { fieldError } from './fields';
import { requireTarget as requireStep } from './targets';
import { log } from '../log';
import type { SuggestionAccess } from './access';
import type { SuggestionDeps } from './deps';
import { recordEvent } from './events';

/*
 * Taking a suggestion elsewhere: a topic on a retro board, an improvement
 * note on a flow step. Both are written by the server into the shared
 * document (SyncHub.changeDocument) with no author — the shared document is
 * readable by everyone and Yjs records who wrote what, so an anonymous
 * suggestion's author must never write there. The text carries a link back;
 * the suggestion keeps a link to the place.
 */

const MAX_TEXT = 300;

async function requireTarget(
	deps: SuggestionDeps,
	access: SuggestionAccess,
	documentId: unknown,
	kind: 'retro' | 'flow'
) {
	if (typeof documentId !== 'string' || documentId === '') {
		throw fieldError('documentId', m.suggestions_error_required);
	}
	const document = await findDocument(deps.db, documentId);
	if (!document || document.workspaceId !== access.workspaceId) {
		throw fieldError('documentId', m.suggestions_error_not_workspace_document);
	}
	if (document.kind !== kind) {
		throw fieldError(
			'documentId',
			kind === 'retro' ? m.suggestions_error_not_retro : m.suggestions_error_not_flow
		);
	}
	if (document.archivedAt) throw conflict(m.suggestions_error_archived());
	if (!deps.sync) throw new Error('the sync server is not running in this process');
	return { document, sync: deps.sync };
}

async function readSuggestion(deps: SuggestionDeps, access: SuggestionAccess, id: string) {
	const [row] = await deps.db
		.select()
		.from(suggestions)
		.where(and(eq(suggestions.id, id), eq(suggestions.workspaceId, access.workspaceId)));
	if (!row) throw notFound(m.suggestions_error_not_found());
	if (row.mergedIntoId) throw conflict(m.suggestions_error_use_target());
	return row;
}

function textFor(title: string, url: string): string {
	// In the language of whoever takes it there: the meeting they run reads it.
	const head = m.suggestions_doc_text({ title });
	return `${head.length > MAX_TEXT - url.length - 3 ? `${head.slice(0, MAX_TEXT - url.length - 4)}…` : head} — ${url}`;
}

async function addLink(
	deps: SuggestionDeps,
	access: SuggestionAccess,
	id: string,
	link: SuggestionLink,
	kind: 'retro_topic' | 'flow_note'
) {
	await deps.db.transaction(async (tx) => {
		const [row] = await tx.select().from(suggestions).where(eq(suggestions.id, id)).for('update');
		await tx
			.update(suggestions)
			.set({ links: [...row.links, link], updatedAt: new Date(), attendedAt: new Date() })
			.where(eq(suggestions.id, id));
		await recordEvent(tx, {
			workspaceId: access.workspaceId,
			suggestionId: id,
			kind,
			actorId: access.userId,
			data: { ...link }
		});
	});
}

/** `{documentId, columnId?}`: a topic (a card with no author) on a retro board. */
export async function takeToReviewMeeting(
	deps: SuggestionDeps,
	access: SuggestionAccess,
	id: string,
	input: Record<string, unknown>,
	url: string
): Promise<void> {
	const row = await readSuggestion(deps, access, id);
	const { document, sync } = await requireTarget(deps, access, input.documentId, 'retro');
	const columnId = typeof input.columnId === 'string' ? input.columnId : undefined;
	const topicId = generateId();
	const result = await sync.changeDocument(document.id, (doc) =>
		addServerCard(doc, { id: topicId, text: textFor(row.title, url), columnId })
	);
	if (!result.ok) throw result.missing ? notFound(result.problem) : conflict(result.problem);
	await addLink(
		deps,
		access,
		id,
		{ kind: 'retro_topic', documentId: document.id, topicId },
		'retro_topic'
	);
	log.info('suggestion taken to a review meeting', { suggestionId: id, documentId: document.id });
}

/** `{documentId, nodeId}`: an improvement note on that flow step, which extraction makes a task. */
export async function attachToFlowStep(
	deps: SuggestionDeps,
	access: SuggestionAccess,
	id: string,
	input: Record<string, unknown>,
	url: string
): Promise<void> {
	const row = await readSuggestion(deps, access, id);
	const { document, sync } = await requireTarget(deps, access, input.documentId, 'flow');
	if (typeof input.nodeId !== 'string' || input.nodeId === '') {
		throw fieldError('nodeId', m.suggestions_error_required);
	}
	const nodeId = input.nodeId;
	await requireStep(deps, document, nodeId, 'nodeId');
	const result = await sync.changeDocument(document.id, (doc) =>
		addImprovementNote(doc, nodeId, textFor(row.title, url))
	);
	if (!result.ok) throw fieldError('nodeId', m.suggestions_error_no_step);
	await addLink(
		deps,
		access,
		id,
		{ kind: 'flow_step', documentId: document.id, nodeId },
		'flow_note'
	);
}
