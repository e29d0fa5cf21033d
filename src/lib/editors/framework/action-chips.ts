import type { Editor } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { NodeView } from '@tiptap/pm/view';
import { isOverdue, todayIn } from '$lib/model/dates';
import { ActionTaskItem } from './extensions';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

export interface MemberOption {
	id: string;
	name: string;
}

/** The assignee a checklist item expresses (docs/document-model.md, "Checklist items are actions"). */
export function readItemAssignee(item: ProseMirrorNode): {
	id: string | null;
	label: string | null;
	explicit: boolean;
} {
	const attribute = item.attrs.assignee;
	if (typeof attribute === 'string') return { id: attribute || null, label: null, explicit: true };
	let found: { id: string; label: string | null } | null = null;
	// Only the item's own text counts: nested items are actions of their own.
	item.forEach((child) => {
		if (found || child.type.name !== 'paragraph') return;
		child.descendants((node) => {
			if (found) return false;
			if (node.type.name === 'mention' && typeof node.attrs.id === 'string') {
				found = { id: node.attrs.id, label: node.attrs.label ?? null };
			}
			return true;
		});
	});
	const mention = found as { id: string; label: string | null } | null;
	return { id: mention?.id ?? null, label: mention?.label ?? null, explicit: false };
}

/** "Nov 24", "11月24日": the page's language; the date is a calendar day, so no zone shifts it. */
function formatDue(due: string): string {
	const date = new Date(`${due}T00:00:00Z`);
	if (Number.isNaN(date.getTime())) return due;
	return new Intl.DateTimeFormat(getLocale(), {
		month: 'short',
		day: 'numeric',
		timeZone: 'UTC'
	}).format(date);
}

const UNSET = '__unset';

function element<K extends keyof HTMLElementTagNameMap>(
	tag: K,
	className: string,
	text?: string
): HTMLElementTagNameMap[K] {
	const el = document.createElement(tag);
	el.className = className;
	if (text !== undefined) el.textContent = text;
	return el;
}

/**
 * Renders the assignee and due-date chips of one checklist item. They live
 * outside the item's editable content, so ProseMirror must neither read their
 * DOM changes as edits nor handle their events.
 */
function createChips(
	editor: Editor,
	getPos: () => number | undefined,
	members: MemberOption[],
	timeZone: string
): { dom: HTMLElement; update: (node: ProseMirrorNode) => void } {
	const dom = element('span', 'action-chips');
	dom.contentEditable = 'false';

	const assignee = element('select', 'action-chip action-assignee');
	const dueButton = element('button', 'action-chip action-due');
	dueButton.type = 'button';
	const dueInput = element('input', 'action-chip action-due-input');
	dueInput.type = 'date';
	dueInput.hidden = true;
	const clearDue = element('button', 'action-chip-clear', '×');
	clearDue.type = 'button';
	clearDue.title = m.framework_chip_remove_due();
	clearDue.setAttribute('aria-label', m.framework_chip_remove_due());
	dom.append(assignee, dueButton, dueInput, clearDue);

	let current: ProseMirrorNode | null = null;

	const setAttribute = (name: string, value: string | null) => {
		const pos = getPos();
		if (typeof pos !== 'number' || !editor.isEditable) return;
		editor.view.dispatch(editor.state.tr.setNodeAttribute(pos, name, value));
	};

	assignee.addEventListener('change', () => {
		const value = assignee.value;
		if (value === UNSET) return;
		// '' is "explicitly nobody", so a mention in the text no longer assigns the item.
		setAttribute('assignee', value);
	});

	const closeDueInput = () => {
		dueInput.hidden = true;
		dueButton.hidden = false;
	};
	dueButton.addEventListener('click', () => {
		dueButton.hidden = true;
		dueInput.hidden = false;
		dueInput.value = typeof current?.attrs.due === 'string' ? current.attrs.due : '';
		dueInput.focus();
		try {
			dueInput.showPicker?.();
		} catch {
			// Some browsers refuse showPicker outside a trusted gesture; the input is still usable.
		}
	});
	dueInput.addEventListener('change', () => {
		if (/^\d{4}-\d{2}-\d{2}$/.test(dueInput.value)) setAttribute('due', dueInput.value);
	});
	dueInput.addEventListener('blur', closeDueInput);
	dueInput.addEventListener('keydown', (event) => {
		if (event.key === 'Escape' || event.key === 'Enter') {
			event.preventDefault();
			closeDueInput();
			editor.commands.focus();
		}
	});
	clearDue.addEventListener('click', () => setAttribute('due', null));

	let waitingForComposition = false;
	/**
	 * Chips follow every change of their item, but not while an input method
	 * composes in it: they catch up once the composition has ended.
	 */
	const update = (node: ProseMirrorNode) => {
		current = node;
		if (!editor.view.composing) return render(node);
		if (waitingForComposition) return;
		waitingForComposition = true;
		editor.view.dom.addEventListener(
			'compositionend',
			() => {
				waitingForComposition = false;
				setTimeout(() => current && update(current), 0);
			},
			{ once: true }
		);
	};

	const render = (node: ProseMirrorNode) => {
		const editable = editor.isEditable;
		const who = readItemAssignee(node);
		assignee.replaceChildren();
		const option = (value: string, label: string) => {
			const opt = element('option', '', label);
			opt.value = value;
			return opt;
		};
		if (!who.explicit && who.id === null) {
			const placeholder = option(
				UNSET,
				editable ? m.framework_chip_add_assignee() : m.framework_chip_unassigned()
			);
			placeholder.hidden = true;
			assignee.append(placeholder);
		}
		assignee.append(option('', m.framework_chip_nobody()));
		for (const member of members) assignee.append(option(member.id, member.name));
		if (who.id !== null && !members.some((m) => m.id === who.id)) {
			assignee.append(option(who.id, who.label ?? m.framework_chip_former_member()));
		}
		assignee.value = who.id ?? (who.explicit ? '' : UNSET);
		assignee.disabled = !editable;
		assignee.dataset.empty = String(who.id === null);
		const label =
			who.id === null
				? m.framework_chip_assignee_nobody()
				: m.framework_chip_assignee({ name: assignee.selectedOptions[0]?.textContent ?? '' });
		assignee.title = label;
		assignee.setAttribute('aria-label', label);
		// A viewer sees only what is set.
		assignee.hidden = !editable && who.id === null;

		const due = typeof node.attrs.due === 'string' && node.attrs.due ? node.attrs.due : null;
		// The workspace's calendar decides, as on the task list and in reminders.
		const overdue = !node.attrs.checked && isOverdue(due, todayIn(timeZone));
		dueButton.textContent = due
			? m.framework_chip_due({ date: formatDue(due) })
			: m.framework_chip_add_due();
		dueButton.dataset.empty = String(due === null);
		dueButton.classList.toggle('overdue', overdue);
		dueButton.title = !due
			? m.framework_chip_set_due()
			: overdue
				? m.framework_chip_due_title_overdue({ date: due })
				: m.framework_chip_due_title({ date: due });
		dueButton.disabled = !editable;
		dueButton.hidden = (!editable && due === null) || !dueInput.hidden;
		clearDue.hidden = !editable || due === null;
	};

	return { dom, update };
}

/**
 * The checklist item as the editor shows it: tiptap's own item view plus
 * chips for assignee and due date. Attribute rendering (data-item-id, used to
 * find an item from a task link) stays with tiptap's view.
 */
export function createActionTaskItem(members: MemberOption[], timeZone: string) {
	return ActionTaskItem.extend({
		addNodeView() {
			const parent = this.parent?.();
			if (!parent) return null;
			return (props) => {
				const view = parent(props) as NodeView;
				const getPos = props.getPos as () => number | undefined;
				const chips = createChips(props.editor, getPos, members, timeZone);
				view.dom.appendChild(chips.dom);
				chips.update(props.node);
				const parentUpdate = view.update?.bind(view);
				return {
					...view,
					dom: view.dom,
					contentDOM: view.contentDOM,
					update: (node, decorations, innerDecorations) => {
						const accepted = parentUpdate
							? parentUpdate(node, decorations, innerDecorations)
							: false;
						if (accepted) chips.update(node);
						return accepted;
					},
					stopEvent: (event) => chips.dom.contains(event.target as Node),
					ignoreMutation: (mutation) =>
						mutation.type !== 'selection' && chips.dom.contains(mutation.target)
				};
			};
		}
	});
}
