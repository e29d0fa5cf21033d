import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { getRelativeSelection, ySyncPluginKey, type ProsemirrorBinding } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';

/**
 * The text selection the browser shows but ProseMirror has not read yet, or
 * null when the two agree. A click (or a caret key the browser handles
 * itself) moves the DOM selection at once, but ProseMirror takes it in only
 * on the `selectionchange` event, which the browser fires a few milliseconds
 * later; until then `state.selection` is still the caret from before.
 */
function readUnreadDomSelection(view: EditorView): TextSelection | null {
	if (view.composing || !view.hasFocus() || !(view.state.selection instanceof TextSelection)) {
		return null;
	}
	const dom = (view.root as Document).getSelection();
	if (!dom?.anchorNode || !dom.focusNode) return null;
	if (!view.dom.contains(dom.anchorNode) || !view.dom.contains(dom.focusNode)) return null;
	let anchor: number;
	let head: number;
	try {
		// Bias 1, as ProseMirror itself reads a DOM selection.
		anchor = view.posAtDOM(dom.anchorNode, dom.anchorOffset, 1);
		head = view.posAtDOM(dom.focusNode, dom.focusOffset, 1);
	} catch (error) {
		// Not a document position (RangeError): nothing to take in. Anything else is a bug.
		if (error instanceof RangeError) return null;
		throw error;
	}
	const { doc, selection } = view.state;
	const size = doc.content.size;
	// A DOM change ProseMirror has not read yet can point past its document.
	if (anchor < 0 || head < 0 || anchor > size || head > size) return null;
	if (selection.anchor === anchor && selection.head === head) return null;
	if (!doc.resolve(anchor).parent.inlineContent || !doc.resolve(head).parent.inlineContent) {
		return null;
	}
	return TextSelection.create(doc, anchor, head);
}

/**
 * Keeps a click when a remote change arrives right after it. y-prosemirror
 * replaces the whole document on a remote change and restores the selection
 * it captured when that Yjs transaction began, from `state.selection`; in the
 * moments between a click and its `selectionchange` that is the caret from
 * before the click, and restoring it writes it back into the DOM, undoing the
 * click. So at the start of every change that is not the editor's own, the
 * binding's captured selection is replaced by the one the browser shows.
 */
export const UnreadClickSelection = Extension.create({
	name: 'unreadClickSelection',
	addProseMirrorPlugins() {
		return [
			new Plugin({
				key: new PluginKey('unreadClickSelection'),
				view: (view) => {
					const binding = ySyncPluginKey.getState(view.state)?.binding as
						ProsemirrorBinding | undefined;
					if (!binding) return {};
					// 'beforeTransaction' follows the binding's own 'beforeAllTransactions' capture.
					const takeDomSelection = (transaction: Y.Transaction) => {
						if (transaction.origin === ySyncPluginKey) return;
						const unread = readUnreadDomSelection(view);
						if (!unread) return;
						binding.beforeTransactionSelection = getRelativeSelection(
							binding,
							view.state.apply(view.state.tr.setSelection(unread))
						);
					};
					binding.doc.on('beforeTransaction', takeDomSelection);
					return { destroy: () => binding.doc.off('beforeTransaction', takeDomSelection) };
				}
			})
		];
	}
});
