import * as Y from 'yjs';
import { actionSources } from '$lib/model/action-sources';
import { readSearchPassages } from '$lib/model/search/read-document';
import type { SearchPassage } from '$lib/model/search/passages';

/**
 * What a new document's first update (its template) leaves for the task
 * pipeline and the search index, read once at creation. A document's
 * checkpoints (`extracted_seq`, `indexed_seq`) say how far the task list and
 * the passages cover its log; at 0 the sync server extracts and indexes the
 * document when it is first opened, about ten statements per document (a
 * thousand at once when a thousand new documents are opened together).
 * Settling it at creation lets the first open cost nothing:
 *
 * - `extracted`: true when the template has nothing to reconcile (no action,
 *   no mention, no key to repair) and the kind reads mentions without the
 *   workspace's members; a fresh document has no tasks, so the task list
 *   already covers seq 1. Otherwise the first open reconciles, as before.
 * - `passages`: what the index holds for it, written by the caller once the
 *   document exists (`indexDocument`).
 */
export function readInitialState(
	kind: string,
	initial: Uint8Array
): { extracted: boolean; passages: SearchPassage[] } {
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, initial);
		return { extracted: nothingToExtract(kind, doc), passages: readSearchPassages(kind, doc) };
	} finally {
		doc.destroy();
	}
}

function nothingToExtract(kind: string, doc: Y.Doc): boolean {
	const source = actionSources[kind];
	if (!source) return true;
	if (source.mentionsNeedMembers) return false;
	const scan = source.scan(doc);
	if (scan.keysNeedRepair || scan.actions.length > 0) return false;
	return (source.mentions?.(doc, []) ?? []).length === 0;
}
