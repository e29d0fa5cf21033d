import * as Y from 'yjs';
import { FLOW_TEMPLATES, initFlowDocument } from '$lib/model/flow';
import type { Locale } from '$lib/paraglide/runtime';
import { requireOneOf } from './validate';

/**
 * The first state of a new flow, as one Yjs update stored with the document
 * row: the chosen template's lanes and steps (a blank flow has none), named
 * in the creator's language.
 */
export function createFlowUpdate(input: { template?: unknown }, locale: Locale): Uint8Array {
	const templateId = requireOneOf(
		input.template ?? 'blank',
		'template',
		FLOW_TEMPLATES.map((t) => t.id)
	);
	const doc = new Y.Doc();
	const result = initFlowDocument(doc, templateId, locale);
	// An empty document and a known template: refusing here would be a bug.
	if (!result.ok) throw new Error(`flow template ${templateId}: ${result.problem}`);
	return Y.encodeStateAsUpdate(doc);
}
