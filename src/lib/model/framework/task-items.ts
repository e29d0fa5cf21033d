import * as Y from 'yjs';
import { CONTENT_FIELD } from './shape';

/** One checklist item (tiptap `taskItem`) of a framework document. */
export interface FrameworkTaskItem {
	/** The item's stable key (attribute `id`); null until the editor or server has given it one. */
	id: string | null;
	text: string;
	checked: boolean;
	/** 0 for top-level items, 1 for items nested in another item, … */
	depth: number;
	/** Child indexes from the fragment root to the item: stable while nothing is inserted before it. */
	path: number[];
}

/**
 * Lists every task item in document order, nested ones after their parent.
 * An item's text is the text of its own paragraphs; nested lists are not
 * part of it (they are items of their own).
 */
export function listTaskItems(source: Y.Doc | Y.XmlFragment): FrameworkTaskItem[] {
	const fragment = source instanceof Y.Doc ? source.getXmlFragment(CONTENT_FIELD) : source;
	const items: FrameworkTaskItem[] = [];
	const visit = (node: Y.XmlFragment | Y.XmlElement, path: number[], depth: number) => {
		node.toArray().forEach((child, index) => {
			if (!(child instanceof Y.XmlElement)) return;
			const childPath = [...path, index];
			if (child.nodeName === 'taskItem') {
				const id = child.getAttribute('id');
				items.push({
					id: typeof id === 'string' && id !== '' ? id : null,
					text: readOwnText(child),
					checked: isChecked(child.getAttribute('checked')),
					depth,
					path: childPath
				});
				visit(child, childPath, depth + 1);
			} else {
				visit(child, childPath, depth);
			}
		});
	};
	visit(fragment, [], 0);
	return items;
}

/** y-prosemirror stores attributes as given (a boolean), but a script may have written a string. */
function isChecked(value: unknown): boolean {
	return value === true || value === 'true';
}

function readOwnText(item: Y.XmlElement): string {
	const parts: string[] = [];
	for (const child of item.toArray()) {
		if (
			child instanceof Y.XmlElement &&
			(child.nodeName === 'taskList' ||
				child.nodeName === 'bulletList' ||
				child.nodeName === 'orderedList')
		) {
			continue;
		}
		parts.push(readText(child));
	}
	return parts
		.filter((part) => part !== '')
		.join('\n')
		.trim();
}

function readText(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
	if (node instanceof Y.XmlText) {
		return node
			.toDelta()
			.map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : ''))
			.join('');
	}
	if (node instanceof Y.XmlElement) {
		if (node.nodeName === 'hardBreak') return '\n';
		return node
			.toArray()
			.map((child) => readText(child))
			.join('');
	}
	return '';
}
