import { m } from '$lib/paraglide/messages';
import { numberSteps, readFlow } from '$lib/model/flow';
import { readTopics, topicLabel } from '$lib/model/retro';
import type { SuggestionLink } from '$lib/model/suggestions';
import { findDocument, type DocumentInfo } from '../documents';
import { badRequest } from '../errors';
import type { SuggestionDeps } from './deps';
import { fieldError } from './fields';

/*
 * What a suggestion can point to inside a document: the steps of a
 * flowchart and the topics of a retro board, read from the live document
 * (no change is made, so nothing is written or relayed).
 */

export interface LinkTarget {
	id: string;
	label: string;
}

/** Steps in step order (notes and improvement notes are not steps). */
async function flowSteps(deps: SuggestionDeps, documentId: string): Promise<LinkTarget[]> {
	if (!deps.sync) return [];
	return deps.sync.changeDocument(documentId, (doc) => {
		const snapshot = readFlow(doc);
		const numbers = numberSteps(snapshot);
		return snapshot.nodes
			.filter((node) => node.type !== 'note' && node.type !== 'improvement')
			.map((node) => {
				const n = numbers.get(node.id);
				const label = node.label.trim() || node.type;
				return { id: node.id, label: n ? `${n}. ${label}` : label, order: n ?? Infinity };
			})
			.sort((a, b) => a.order - b.order || a.label.localeCompare(b.label))
			.map(({ id, label }) => ({ id, label }));
	});
}

async function retroTopics(deps: SuggestionDeps, documentId: string): Promise<LinkTarget[]> {
	if (!deps.sync) return [];
	return deps.sync.changeDocument(documentId, (doc) =>
		readTopics(doc).map((topic) => ({ id: topic.id, label: topicLabel(topic) }))
	);
}

/** The steps of a flowchart or the topics of a retro board of this workspace. */
export async function listLinkTargets(
	deps: SuggestionDeps,
	workspaceId: string,
	documentId: unknown
): Promise<{ document: DocumentInfo; targets: LinkTarget[] }> {
	if (typeof documentId !== 'string' || documentId === '' || documentId.length > 100) {
		throw fieldError('documentId', m.suggestions_error_required);
	}
	const document = await findDocument(deps.db, documentId);
	if (!document || document.workspaceId !== workspaceId) {
		throw fieldError('documentId', m.suggestions_error_not_workspace_document);
	}
	if (document.kind === 'flow') return { document, targets: await flowSteps(deps, document.id) };
	if (document.kind === 'retro') return { document, targets: await retroTopics(deps, document.id) };
	throw badRequest(m.suggestions_error_not_flow({ field: 'documentId' }));
}

/** Throws a 400 naming `field` when the step or topic is not in the document (checked when a sync server runs). */
export async function requireTarget(
	deps: SuggestionDeps,
	document: DocumentInfo,
	targetId: string,
	field: string
): Promise<void> {
	if (!deps.sync) return;
	const targets =
		document.kind === 'flow'
			? await flowSteps(deps, document.id)
			: await retroTopics(deps, document.id);
	if (!targets.some((t) => t.id === targetId)) {
		throw fieldError(
			field,
			document.kind === 'flow' ? m.suggestions_error_no_step : m.suggestions_error_no_topic
		);
	}
}

export interface ShownLink {
	kind: SuggestionLink['kind'];
	documentId: string;
	/** Null when the document is gone or archived. */
	documentTitle: string | null;
	/** The step or topic as it is called now; null when it is no longer there. */
	targetLabel: string | null;
	targetId: string | null;
}

/** A suggestion's links with today's names, for its page. */
export async function describeLinks(
	deps: SuggestionDeps,
	workspaceId: string,
	links: SuggestionLink[]
): Promise<ShownLink[]> {
	const shown: ShownLink[] = [];
	const cache = new Map<string, LinkTarget[]>();
	for (const link of links) {
		const document = await findDocument(deps.db, link.documentId);
		const present = document && document.workspaceId === workspaceId && !document.archivedAt;
		const targetId =
			link.kind === 'flow_step' ? link.nodeId : link.kind === 'retro_topic' ? link.topicId : null;
		let targetLabel: string | null = null;
		if (present && targetId && deps.sync) {
			if (!cache.has(document.id)) {
				cache.set(
					document.id,
					document.kind === 'flow'
						? await flowSteps(deps, document.id)
						: await retroTopics(deps, document.id)
				);
			}
			targetLabel = cache.get(document.id)!.find((t) => t.id === targetId)?.label ?? null;
		}
		shown.push({
			kind: link.kind,
			documentId: link.documentId,
			documentTitle: present ? document.title : null,
			targetLabel,
			targetId
		});
	}
	return shown;
}
