import { Extension, Node, mergeAttributes } from '@tiptap/core';
import { TaskItem } from '@tiptap/extension-list';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { newItemId } from '$lib/model/framework/actions';

/**
 * The editor's schema must know every attribute and node the framework shape
 * allows (docs/document-model.md): y-prosemirror removes element attributes
 * the schema does not declare and deletes elements it cannot parse, so an
 * editor without them would silently erase what the server or a script wrote.
 */

function dataAttribute(name: string, dataName: string) {
	return {
		[name]: {
			default: null,
			// A new item made by pressing Enter is a new action: it inherits no key, assignee or date.
			keepOnSplit: false,
			parseHTML: (element: HTMLElement) => element.getAttribute(dataName),
			renderHTML: (attributes: Record<string, unknown>) =>
				typeof attributes[name] === 'string' ? { [dataName]: attributes[name] } : {}
		}
	};
}

/** A checklist item that keeps its action attributes: `id` (task key), `assignee`, `due`. */
export const ActionTaskItem = TaskItem.extend({
	addAttributes() {
		return {
			...this.parent?.(),
			...dataAttribute('id', 'data-item-id'),
			...dataAttribute('assignee', 'data-assignee'),
			...dataAttribute('due', 'data-due')
		};
	}
});

/** A person named in the text (`@Name`); scripts and the server may write these. */
export const Mention = Node.create({
	name: 'mention',
	group: 'inline',
	inline: true,
	atom: true,
	selectable: false,
	addAttributes() {
		return {
			id: { default: null, parseHTML: (el) => el.getAttribute('data-id') },
			label: { default: null, parseHTML: (el) => el.getAttribute('data-label') }
		};
	},
	parseHTML() {
		return [{ tag: 'span[data-type="mention"]' }];
	},
	renderHTML({ node, HTMLAttributes }) {
		return [
			'span',
			mergeAttributes(HTMLAttributes, {
				'data-type': 'mention',
				'data-id': node.attrs.id,
				'data-label': node.attrs.label,
				class: 'mention'
			}),
			`@${node.attrs.label ?? node.attrs.id ?? ''}`
		];
	},
	renderText({ node }) {
		return `@${node.attrs.label ?? node.attrs.id ?? ''}`;
	}
});

const isRemote = (tr: Transaction) => Boolean(tr.getMeta(ySyncPluginKey)?.isChangeOrigin);

/** The parts of the final document that this person's own transactions changed. */
function localChangedRanges(transactions: readonly Transaction[]): [number, number][] {
	const ranges: [number, number][] = [];
	transactions.forEach((tr, i) => {
		if (!tr.docChanged || isRemote(tr)) return;
		tr.mapping.maps.forEach((map, j) => {
			map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
				const rest = tr.mapping.slice(j + 1);
				let from = rest.map(newStart, -1);
				let to = rest.map(newEnd, 1);
				for (const later of transactions.slice(i + 1)) {
					from = later.mapping.map(from, -1);
					to = later.mapping.map(to, 1);
				}
				ranges.push([from, to]);
			});
		});
	});
	return ranges;
}

/**
 * Keys the checklist items this person creates or pastes right away, so the
 * task list links to them without waiting for the server (which keys items
 * that arrive without one, and re-keys later copies of a duplicated key).
 * Only items inside this person's own changes are touched: two clients
 * keying the same item would fight over it. Nothing is appended while an
 * input method composes (a transaction then would end the composition, and
 * the pinyin would be committed as text); the transaction that commits the
 * composed characters covers the same item, so the key follows then.
 */
export const TaskItemKeys = Extension.create({
	name: 'taskItemKeys',
	addProseMirrorPlugins() {
		const editor = this.editor;
		return [
			new Plugin({
				key: new PluginKey('taskItemKeys'),
				appendTransaction: (transactions, _oldState, newState) => {
					if (editor.view.composing) return null;
					const ranges = localChangedRanges(transactions);
					if (ranges.length === 0) return null;
					const doc = newState.doc;
					const candidates = new Map<number, string | null>();
					for (const [from, to] of ranges) {
						doc.nodesBetween(Math.max(0, from), Math.min(doc.content.size, to), (node, pos) => {
							if (node.type.name === 'taskItem') candidates.set(pos, node.attrs.id ?? null);
							return true;
						});
					}
					if (candidates.size === 0) return null;
					const counts = new Map<string, number>();
					if ([...candidates.values()].some((id) => id !== null)) {
						doc.descendants((node) => {
							if (node.type.name === 'taskItem' && node.attrs.id) {
								counts.set(node.attrs.id, (counts.get(node.attrs.id) ?? 0) + 1);
							}
							return node.isBlock;
						});
					}
					const tr = newState.tr;
					for (const [pos, id] of candidates) {
						if (id !== null && (counts.get(id) ?? 0) <= 1) continue;
						if (id !== null) counts.set(id, (counts.get(id) ?? 1) - 1);
						tr.setNodeAttribute(pos, 'id', newItemId());
					}
					return tr.docChanged ? tr : null;
				}
			})
		];
	}
});
