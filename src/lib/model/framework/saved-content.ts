import * as Y from 'yjs';
import { newItemId, TASK_ITEM } from './actions';
import type { ContentNode } from './markdown/json';
import { appendJson, fragmentToJson } from './markdown/yjs';
import { CONTENT_FIELD, FRAMEWORK_KIND, FRAMEWORK_SCHEMA_VERSION, META_FIELD } from './shape';

/**
 * A framework document's content as a workspace template keeps it: its
 * ProseMirror JSON (`{ type: 'doc', content: [...] }`). Plain data, not Yjs
 * state, so a document made from it carries none of the source's history,
 * client ids or deleted text; comments were never in the content.
 */
export function readFrameworkSavedContent(doc: Y.Doc): ContentNode {
	return fragmentToJson(doc.getXmlFragment(CONTENT_FIELD));
}

function isContentNode(value: unknown, depth = 0): value is ContentNode {
	// ProseMirror documents are shallow; a deeper tree is not one we wrote.
	if (depth > 64 || typeof value !== 'object' || value === null) return false;
	const node = value as Record<string, unknown>;
	if (typeof node.type !== 'string') return false;
	if (node.text !== undefined && typeof node.text !== 'string') return false;
	if (node.attrs !== undefined && (typeof node.attrs !== 'object' || node.attrs === null))
		return false;
	if (node.content === undefined) return true;
	return Array.isArray(node.content) && node.content.every((c) => isContentNode(c, depth + 1));
}

/** A copy of the tree in which every checklist item has a new id: the copy's tasks are its own. */
function withFreshItemIds(node: ContentNode): ContentNode {
	const copy: ContentNode = { ...node };
	if (node.type === TASK_ITEM) copy.attrs = { ...node.attrs, id: newItemId() };
	if (node.content) copy.content = node.content.map(withFreshItemIds);
	return copy;
}

/**
 * Writes saved content into an empty document: the `meta` stamp, then the
 * blocks. The stored copy is checked first (it is data from the database, and
 * a broken one must not become a half-written document): throws on a bad shape.
 */
export function writeFrameworkSavedContent(doc: Y.Doc, content: unknown): void {
	if (!isContentNode(content) || content.type !== 'doc') {
		throw new Error('saved framework content is not a ProseMirror document');
	}
	doc.transact(() => {
		const meta = doc.getMap<unknown>(META_FIELD);
		meta.set('schemaVersion', FRAMEWORK_SCHEMA_VERSION);
		meta.set('kind', FRAMEWORK_KIND);
		appendJson(doc.getXmlFragment(CONTENT_FIELD), withFreshItemIds(content));
	});
}
