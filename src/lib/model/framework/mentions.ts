import * as Y from 'yjs';
import { creatorOf, itemIdOf, lastWriterOf } from '../authorship';
import { MENTION, TASK_ITEM } from './actions';
import { CONTENT_FIELD } from './shape';

/**
 * A `mention` node in a framework document: an inline atom with `id` (the
 * mentioned member's user id) and `label` attributes inside a paragraph.
 */
export interface DocumentMention {
	/**
	 * What makes a mention "the same" one: in a checklist item, the item and the
	 * person (`item:<key>:<userId>`), since editors may re-create an inline node
	 * while its line is edited but the item keeps its key; elsewhere the node's
	 * Yjs item id (`node:<client>:<clock>`), stable for as long as the node exists.
	 */
	id: string;
	userId: string;
	/** The client id that created the node: its author. */
	authorClient: number | null;
	/** The checklist item the mention sits in (its source key), so a link can point at it. */
	itemKey: string | null;
	/** The text of the block around the mention, shortened. */
	excerpt: string;
}

const EXCERPT_LENGTH = 140;

function textOf(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
	if (node instanceof Y.XmlText) {
		return node
			.toDelta()
			.map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : ''))
			.join('');
	}
	if (!(node instanceof Y.XmlElement)) return '';
	if (node.nodeName === MENTION) {
		const label = node.getAttribute('label');
		return `@${typeof label === 'string' ? label : ''}`;
	}
	return node.toArray().map(textOf).join('');
}

export function readFrameworkMentions(doc: Y.Doc): DocumentMention[] {
	const found: DocumentMention[] = [];
	const walk = (
		node: Y.XmlFragment | Y.XmlElement,
		itemKey: string | null,
		block: Y.XmlElement | null
	) => {
		for (const child of node.toArray()) {
			if (!(child instanceof Y.XmlElement)) continue;
			if (child.nodeName === MENTION) {
				const userId = child.getAttribute('id');
				const nodeId = itemIdOf(child);
				if (typeof userId === 'string' && userId !== '' && nodeId) {
					const id = itemKey ? `item:${itemKey}:${userId}` : `node:${nodeId}`;
					const text = block ? textOf(block).replace(/\s+/g, ' ').trim() : '';
					found.push({
						id,
						userId,
						authorClient: creatorOf(child),
						itemKey,
						excerpt: text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1)}…` : text
					});
				}
				continue;
			}
			const key = child.nodeName === TASK_ITEM ? child.getAttribute('id') : undefined;
			const isBlock = child.nodeName === 'paragraph' || child.nodeName === 'heading';
			walk(child, typeof key === 'string' && key ? key : itemKey, isBlock ? child : block);
		}
	};
	walk(doc.getXmlFragment(CONTENT_FIELD), null, null);
	return found;
}

/**
 * The mentions in `current` that were not there before: the ones to notify,
 * each once even when a line names the same person twice. A mention outside
 * a checklist item that is cut and pasted is a new node, so it counts as new.
 */
export function newMentions(
	previous: ReadonlySet<string>,
	current: readonly DocumentMention[]
): DocumentMention[] {
	const seen = new Set(previous);
	return current.filter((mention) => {
		if (seen.has(mention.id)) return false;
		seen.add(mention.id);
		return true;
	});
}

/**
 * The client id that gave each checklist item its assignee: the writer of the
 * `assignee` attribute, or the author of the first mention when the mention
 * names the assignee (see actions.ts).
 */
export function frameworkAssignmentWriters(doc: Y.Doc): Map<string, number> {
	const writers = new Map<string, number>();
	const walk = (node: Y.XmlFragment | Y.XmlElement) => {
		for (const child of node.toArray()) {
			if (!(child instanceof Y.XmlElement)) continue;
			if (child.nodeName === TASK_ITEM) {
				const key = child.getAttribute('id');
				if (typeof key === 'string' && key) {
					const writer =
						child.getAttribute('assignee') !== undefined
							? lastWriterOf(child, 'assignee')
							: firstMentionAuthor(child);
					if (writer !== null) writers.set(key, writer);
				}
			}
			walk(child);
		}
	};
	walk(doc.getXmlFragment(CONTENT_FIELD));
	return writers;
}

const NESTED_LISTS = new Set(['taskList', 'bulletList', 'orderedList']);

/** Same reading as actions.ts: the item's own text, nested lists excluded, in order. */
function firstMentionAuthor(node: Y.XmlElement): number | null {
	for (const child of node.toArray()) {
		if (!(child instanceof Y.XmlElement) || NESTED_LISTS.has(child.nodeName)) continue;
		if (child.nodeName === MENTION) {
			return typeof child.getAttribute('id') === 'string' ? creatorOf(child) : null;
		}
		const inner = firstMentionAuthor(child);
		if (inner !== null) return inner;
	}
	return null;
}
