import { Extension } from '@tiptap/core';
import { PluginKey } from '@tiptap/pm/state';
import Suggestion, { type SuggestionProps } from '@tiptap/suggestion';
import type { MemberOption } from './action-chips';
import { m } from '$lib/paraglide/messages';

const MAX_SUGGESTIONS = 8;

/** Members whose name starts with the query come first, then those containing it. */
export function matchMembers(members: MemberOption[], query: string): MemberOption[] {
	const q = query.trim().toLowerCase();
	if (!q) return members.slice(0, MAX_SUGGESTIONS);
	const starts = members.filter((m) => m.name.toLowerCase().startsWith(q));
	const contains = members.filter(
		(m) => !m.name.toLowerCase().startsWith(q) && m.name.toLowerCase().includes(q)
	);
	return [...starts, ...contains].slice(0, MAX_SUGGESTIONS);
}

type Props = SuggestionProps<MemberOption, MemberOption>;

/** The popup: a plain listbox driven from the editor's keyboard (arrows, Enter, Escape). */
function renderPopup() {
	let root: HTMLDivElement | null = null;
	let unmount: (() => void) | null = null;
	let props: Props | null = null;
	let active = 0;

	const draw = () => {
		if (!root || !props) return;
		const current = props;
		root.replaceChildren();
		if (current.items.length === 0) {
			const empty = document.createElement('div');
			empty.className = 'mention-empty';
			empty.textContent = m.framework_mention_none();
			root.append(empty);
			return;
		}
		current.items.forEach((member, index) => {
			const option = document.createElement('button');
			option.type = 'button';
			option.className = 'mention-option';
			option.id = `mention-option-${index}`;
			option.setAttribute('role', 'option');
			option.setAttribute('aria-selected', String(index === active));
			option.textContent = member.name;
			// Keeps the editor's focus and selection while clicking.
			option.addEventListener('mousedown', (event) => event.preventDefault());
			option.addEventListener('click', () => current.command(member));
			root!.append(option);
		});
		root.setAttribute('aria-activedescendant', `mention-option-${active}`);
	};

	return {
		onStart(next: Props) {
			props = next;
			active = 0;
			root = document.createElement('div');
			root.className = 'mention-popup';
			root.setAttribute('role', 'listbox');
			root.setAttribute('aria-label', m.framework_mention_label());
			draw();
			unmount = next.mount(root);
		},
		onUpdate(next: Props) {
			props = next;
			active = Math.min(active, Math.max(0, next.items.length - 1));
			draw();
		},
		onKeyDown({ event }: { event: KeyboardEvent }): boolean {
			if (!props) return false;
			const count = props.items.length;
			if (event.key === 'ArrowDown' && count > 0) {
				active = (active + 1) % count;
				draw();
				return true;
			}
			if (event.key === 'ArrowUp' && count > 0) {
				active = (active - 1 + count) % count;
				draw();
				return true;
			}
			if ((event.key === 'Enter' || event.key === 'Tab') && count > 0) {
				props.command(props.items[active]);
				return true;
			}
			return false;
		},
		onExit() {
			unmount?.();
			unmount = null;
			root = null;
			props = null;
		}
	};
}

/** Typing `@` suggests workspace members and inserts a `mention` node {id, label}. */
export function createMemberMentions(members: MemberOption[]) {
	return Extension.create({
		name: 'memberMentions',
		addProseMirrorPlugins() {
			return [
				Suggestion<MemberOption, MemberOption>({
					editor: this.editor,
					pluginKey: new PluginKey('memberMentions'),
					char: '@',
					items: ({ query }) => matchMembers(members, query),
					command: ({ editor, range, props }) => {
						editor
							.chain()
							.focus()
							.insertContentAt(range, [
								{ type: 'mention', attrs: { id: props.id, label: props.name } },
								{ type: 'text', text: ' ' }
							])
							.run();
					},
					allow: ({ state, range }) => {
						const mention = state.schema.nodes.mention;
						const $from = state.doc.resolve(range.from);
						return Boolean(mention && $from.parent.type.contentMatch.matchType(mention));
					},
					render: renderPopup
				})
			];
		}
	});
}
