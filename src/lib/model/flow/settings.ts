import type * as Y from 'yjs';
import { metaOf, ok, refuse, type FlowDirection, type FlowResult } from './shape';
import { isFlowDirection } from './validate';

/** Shows or hides step numbers (the numbers themselves are computed, see numberSteps). */
export function setFlowNumbering(doc: Y.Doc, numbering: boolean): FlowResult {
	if (typeof numbering !== 'boolean') return refuse('Numbering is on or off.');
	if (metaOf(doc).get('numbering') !== numbering) metaOf(doc).set('numbering', numbering);
	return ok(null);
}

/** The main direction of the flow, used by auto-layout and the Mermaid export. */
export function setFlowDirection(doc: Y.Doc, direction: FlowDirection): FlowResult {
	if (!isFlowDirection(direction)) return refuse('A flow runs LR, RL, TB or BT.');
	if (metaOf(doc).get('direction') !== direction) metaOf(doc).set('direction', direction);
	return ok(null);
}
