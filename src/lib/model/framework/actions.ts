import * as Y from 'yjs';
import { normalizeDate, type ActionChange, type ExtractedAction } from '../actions';
import { hasUnstorableCharacters } from '../text';
import { CONTENT_FIELD } from './shape';

/**
 * Checklist items (tiptap `taskItem`) are the actions of a framework document.
 * Attributes on the item element:
 * - `id`: the stable source key (assigned by the editor, or by the server for
 *   items a script wrote without one; re-assigned when a paste duplicates one);
 * - `checked`: done;
 * - `assignee`: a member's user id, or '' for explicitly nobody; when the
 *   attribute is absent, the first `mention` node in the item's own text names
 *   the assignee;
 * - `due`: 'YYYY-MM-DD'.
 */
export const TASK_ITEM = 'taskItem';
export const MENTION = 'mention';
const NESTED_LISTS = new Set(['taskList', 'bulletList', 'orderedList']);

/**
 * Every checklist item under `node`, in document order. Iterative: a document
 * can nest lists thousands deep, and a recursive walk would overflow the stack.
 */
function* taskItems(node: Y.XmlFragment | Y.XmlElement): Generator<Y.XmlElement> {
	const stack: (Y.XmlFragment | Y.XmlElement | Y.XmlText | Y.XmlHook)[] = [node];
	while (stack.length > 0) {
		const current = stack.pop()!;
		if (!(current instanceof Y.XmlElement || current instanceof Y.XmlFragment)) continue;
		if (current !== node && current instanceof Y.XmlElement && current.nodeName === TASK_ITEM) {
			yield current;
		}
		const children = current.toArray();
		for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
	}
}

function contentOf(doc: Y.Doc): Y.XmlFragment {
	return doc.getXmlFragment(CONTENT_FIELD);
}

/** The item's own text (not its nested items), with mentions as "@Name", and the first mention's id. */
function readItem(item: Y.XmlElement): { text: string; firstMention: string | null } {
	let firstMention: string | null = null;
	const parts: string[] = [];
	// Iterative for the same reason as taskItems; a stack of what is left to read, in order.
	const stack: (Y.XmlElement | Y.XmlText | Y.XmlHook | ' ')[] = [];
	const children = item.toArray();
	for (let i = children.length - 1; i >= 0; i--) {
		const child = children[i];
		if (child instanceof Y.XmlElement && NESTED_LISTS.has(child.nodeName)) continue;
		// Popped as child, then the space that separates it from the next one.
		stack.push(' ', child);
	}
	while (stack.length > 0) {
		const node = stack.pop()!;
		if (node === ' ') {
			parts.push(' ');
		} else if (node instanceof Y.XmlText) {
			for (const op of node.toDelta() as { insert?: unknown }[]) {
				if (typeof op.insert === 'string') parts.push(op.insert);
			}
		} else if (node instanceof Y.XmlElement) {
			if (node.nodeName === 'hardBreak') parts.push(' ');
			else if (node.nodeName === MENTION) {
				const id = node.getAttribute('id');
				const label = node.getAttribute('label');
				if (typeof id === 'string' && firstMention === null) firstMention = id;
				parts.push(`@${typeof label === 'string' ? label : (id ?? '')}`);
			} else {
				const inner = node.toArray();
				for (let i = inner.length - 1; i >= 0; i--) stack.push(inner[i]);
			}
		}
	}
	return {
		text: parts.join('').replace(/\s+/g, ' ').trim(),
		firstMention
	};
}

/** A key the task list can store and link to; anything else is replaced by repairFrameworkActionKeys. */
function isUsableKey(id: unknown): id is string {
	return typeof id === 'string' && id !== '' && id.length <= 100 && !hasUnstorableCharacters(id);
}

function isChecked(value: unknown): boolean {
	return value === true || value === 'true';
}

export function extractFrameworkActions(doc: Y.Doc): ExtractedAction[] {
	return scanFrameworkActions(doc).actions;
}

/**
 * One pass over the document: the actions, and whether any item lacks a key
 * or shares one (then `repairFrameworkActionKeys` has work to do). The server
 * runs this after edits settle; one walk instead of two keeps large documents
 * from holding up the event loop.
 */
export function scanFrameworkActions(doc: Y.Doc): {
	actions: ExtractedAction[];
	keysNeedRepair: boolean;
} {
	const actions: ExtractedAction[] = [];
	const seen = new Set<string>();
	let keysNeedRepair = false;
	for (const item of taskItems(contentOf(doc))) {
		const id = item.getAttribute('id');
		if (!isUsableKey(id)) {
			keysNeedRepair = true;
			continue;
		}
		if (seen.has(id)) keysNeedRepair = true;
		seen.add(id);
		const { text, firstMention } = readItem(item);
		const assignee = item.getAttribute('assignee');
		actions.push({
			sourceKey: id,
			title: text || 'Untitled action',
			done: isChecked(item.getAttribute('checked')),
			// An empty `assignee` means "explicitly nobody": the task list unassigned it.
			assigneeId: typeof assignee === 'string' ? assignee || null : firstMention,
			dueDate: normalizeDate(item.getAttribute('due'))
		});
	}
	return { actions, keysNeedRepair };
}

/** A short random id for a new item; works in browsers and Node alike. */
export function newItemId(): string {
	const bytes = new Uint8Array(9);
	crypto.getRandomValues(bytes);
	return Array.from(bytes, (b) => b.toString(36).padStart(2, '0'))
		.join('')
		.slice(0, 16);
}

/**
 * Gives every checklist item a unique id: items without one (written by a
 * script) and the later copies of a duplicated id (a paste) get a new one.
 * Call inside a transaction. Returns how many items it changed.
 */
export function repairFrameworkActionKeys(doc: Y.Doc): number {
	const seen = new Set<string>();
	let changed = 0;
	for (const item of taskItems(contentOf(doc))) {
		const id = item.getAttribute('id');
		if (isUsableKey(id) && !seen.has(id)) {
			seen.add(id);
			continue;
		}
		const fresh = newItemId();
		item.setAttribute('id', fresh);
		seen.add(fresh);
		changed += 1;
	}
	return changed;
}

/** Writes a task-list change back into the item with that id. Returns false when there is none. */
export function applyFrameworkActionChange(
	doc: Y.Doc,
	sourceKey: string,
	change: ActionChange
): boolean {
	for (const item of taskItems(contentOf(doc))) {
		if (item.getAttribute('id') !== sourceKey) continue;
		doc.transact(() => {
			if (change.done !== undefined && isChecked(item.getAttribute('checked')) !== change.done) {
				item.setAttribute('checked', change.done as unknown as string);
			}
			if (change.assigneeId !== undefined) {
				// '' rather than no attribute, so a mention in the text does not reassign it.
				item.setAttribute('assignee', change.assigneeId ?? '');
			}
			if (change.dueDate !== undefined) {
				if (change.dueDate === null) item.removeAttribute('due');
				else item.setAttribute('due', change.dueDate);
			}
		});
		return true;
	}
	return false;
}
