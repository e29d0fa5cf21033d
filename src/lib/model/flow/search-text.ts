import type * as Y from 'yjs';
import { passages, type SearchPassage } from '../search-text';
import { readFlowContent } from './content';

/** A flow's text for search: lane titles, then each step's label and description (keyed by step id). */
export function flowSearchText(doc: Y.Doc): SearchPassage[] {
	const content = readFlowContent(doc);
	return passages([
		...content.lanes.map((lane) => ({ text: lane.title, key: null })),
		...content.nodes.flatMap((node) => [
			{ text: node.label, key: node.id },
			{ text: node.description, key: node.id }
		])
	]);
}
