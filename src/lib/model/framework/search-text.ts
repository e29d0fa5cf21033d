import * as Y from 'yjs';
import { passages, type SearchPassage } from '../search-text';
import { CONTENT_FIELD } from './shape';

/** Blocks whose text is one passage; lists, quotes and tables are walked into. */
const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'codeBlock']);

/**
 * The text of one block with mentions as `@Name`. Y.XmlText.toString()
 * renders marks as tags, so the text is read from its deltas.
 */
function blockText(block: Y.XmlElement): string {
	let text = '';
	for (const child of block.toArray()) {
		if (child instanceof Y.XmlText) {
			for (const op of child.toDelta() as { insert?: unknown }[]) {
				if (typeof op.insert === 'string') text += op.insert;
			}
		} else if (child instanceof Y.XmlElement && child.nodeName === 'mention') {
			text += `@${child.getAttribute('label') ?? ''}`;
		} else if (child instanceof Y.XmlElement && child.nodeName === 'hardBreak') {
			text += ' ';
		}
	}
	return text;
}

/**
 * The framework document's text for search: one passage per paragraph,
 * heading, code block, list item paragraph and table cell, in reading
 * order. Text inside a checklist item carries the item's key, so a match
 * can open at the item.
 */
export function frameworkSearchText(doc: Y.Doc): SearchPassage[] {
	const found: SearchPassage[] = [];
	const visit = (node: Y.XmlFragment | Y.XmlElement, key: string | null) => {
		for (const child of node.toArray()) {
			if (!(child instanceof Y.XmlElement)) continue;
			if (TEXT_BLOCKS.has(child.nodeName)) {
				found.push({ text: blockText(child), key });
				continue;
			}
			const id = child.nodeName === 'taskItem' ? child.getAttribute('id') : undefined;
			visit(child, typeof id === 'string' && id !== '' ? id : key);
		}
	};
	visit(doc.getXmlFragment(CONTENT_FIELD), null);
	return passages(found);
}
