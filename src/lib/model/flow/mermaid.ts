import { m } from '../../paraglide/messages';
import type * as Y from 'yjs';
import { writeFlowContent } from './content';
import { mermaidContent } from './mermaid-import';
import type { MermaidError } from './mermaid-parse';
import { snapshotOf } from './read';
import type { FlowSnapshot } from './shape';

/**
 * Mermaid flowchart import and export. flowToMermaid writes a chart that
 * Mermaid renders and that mermaidToFlow reads back into the same diagram;
 * hand-written Mermaid is read too (see mermaid-parse.ts for what is covered).
 */
export { flowToMermaid } from './mermaid-export';
export { MAX_MERMAID_LENGTH } from './mermaid-import';
export { MAX_IMPORTED_EDGES, MAX_IMPORTED_NODES } from './mermaid-parse';
export type { MermaidError };

export type MermaidImport<T> = { ok: true; value: T } | { ok: false; errors: MermaidError[] };

/** "Line 3: …", for showing a parse error to a person. */
export function describeMermaidError(error: MermaidError): string {
	return m.flow_err_line({ line: error.line, message: error.message });
}

/** The diagram Mermaid text describes, as a snapshot; nothing is written anywhere. */
export function mermaidToFlow(text: string): MermaidImport<FlowSnapshot> {
	const result = mermaidContent(text);
	return result.ok ? { ok: true, value: snapshotOf(result.content) } : result;
}

/**
 * Replaces the diagram (lanes, nodes, arrows, numbering, direction) with the
 * one the Mermaid text describes, in one transaction, so collaborators see
 * one change and one undo step. Text with errors changes nothing.
 */
export function importMermaid(
	doc: Y.Doc,
	text: string
): MermaidImport<{ lanes: number; nodes: number; edges: number }> {
	const result = mermaidContent(text);
	if (!result.ok) return result;
	writeFlowContent(doc, result.content);
	const { lanes, nodes, edges } = result.content;
	return { ok: true, value: { lanes: lanes.length, nodes: nodes.length, edges: edges.length } };
}
