import { Extension, type Editor } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

const highlightKey = new PluginKey<string | null>('actionHighlight');

function findItem(
	doc: ProseMirrorNode,
	key: string
): { node: ProseMirrorNode; pos: number } | null {
	let found: { node: ProseMirrorNode; pos: number } | null = null;
	doc.descendants((node, pos) => {
		if (found) return false;
		if (node.type.name === 'taskItem' && node.attrs.id === key) {
			found = { node, pos };
			return false;
		}
		return true;
	});
	return found;
}

/**
 * Marks the checklist item a task link points at. The plugin keeps the item's
 * key, not a position, and finds the item again on every render: remote
 * changes arrive as a replacement of the whole document (y-prosemirror), which
 * would map a position-based decoration away.
 */
export const ActionHighlight = Extension.create({
	name: 'actionHighlight',
	addProseMirrorPlugins() {
		return [
			new Plugin<string | null>({
				key: highlightKey,
				state: {
					init: () => null,
					apply: (tr, key) => {
						const next = tr.getMeta(highlightKey) as string | null | undefined;
						return next === undefined ? key : next;
					}
				},
				props: {
					decorations(state) {
						const key = highlightKey.getState(state);
						if (!key) return null;
						const item = findItem(state.doc, key);
						if (!item) return null;
						return DecorationSet.create(state.doc, [
							Decoration.node(item.pos, item.pos + item.node.nodeSize, {
								class: 'action-highlight'
							})
						]);
					}
				}
			})
		];
	}
});

/** Highlights the item with this key (null clears it); returns its element to scroll to, if any. */
export function highlightAction(editor: Editor, key: string | null): HTMLElement | null {
	const item = key === null ? null : findItem(editor.state.doc, key);
	if (key !== null && !item) return null;
	editor.view.dispatch(editor.state.tr.setMeta(highlightKey, key));
	const dom = item ? editor.view.nodeDOM(item.pos) : null;
	return dom instanceof HTMLElement ? dom : null;
}
