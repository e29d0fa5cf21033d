import { Extension, type Editor } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import {
	absolutePositionToRelativePosition,
	relativePositionToAbsolutePosition,
	ySyncPluginKey
} from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { decodePosition, encodePosition, type EncodedAnchor } from '$lib/model/comments/anchor';
import { COMMENT_LIMITS } from '$lib/model/comments/limits';
import './comments.css';

/** What the highlights need of a thread. */
export interface AnchoredThread {
	id: string;
	anchor: EncodedAnchor;
	resolved: boolean;
}

interface Decoded {
	id: string;
	start: Y.RelativePosition;
	end: Y.RelativePosition;
	resolved: boolean;
}

interface AnchorsState {
	threads: Decoded[];
	active: string | null;
	/** Where each thread's words are now; a thread whose words are gone has none. */
	ranges: Map<string, { from: number; to: number }>;
	decorations: DecorationSet;
}

type Meta = { threads?: AnchoredThread[]; active?: string | null };

type Mapping = Parameters<typeof relativePositionToAbsolutePosition>[3];

const anchorsKey = new PluginKey<AnchorsState>('commentAnchors');

function syncState(state: EditorState) {
	const sync = ySyncPluginKey.getState(state) as
		{ doc: Y.Doc; type: Y.XmlFragment; binding: { mapping: Mapping } | null } | undefined;
	return sync?.binding ? sync : null;
}

/**
 * Turns the threads' relative positions into positions in this state's
 * document. Only right after the Yjs document and ProseMirror agree: a
 * remote change, an undo (both arrive from y-prosemirror) or new threads.
 */
function resolveRanges(state: EditorState, threads: Decoded[]) {
	const ranges = new Map<string, { from: number; to: number }>();
	const sync = syncState(state);
	if (!sync) return ranges;
	const size = state.doc.content.size;
	for (const thread of threads) {
		const from = relativePositionToAbsolutePosition(
			sync.doc,
			sync.type,
			thread.start,
			sync.binding!.mapping
		);
		const to = relativePositionToAbsolutePosition(
			sync.doc,
			sync.type,
			thread.end,
			sync.binding!.mapping
		);
		if (from === null || to === null) continue;
		const start = Math.max(0, Math.min(from, size));
		const end = Math.max(0, Math.min(to, size));
		if (end > start && state.doc.textBetween(start, end, ' ', ' ').trim() !== '') {
			ranges.set(thread.id, { from: start, to: end });
		}
	}
	return ranges;
}

function decorate(state: EditorState, plugin: Omit<AnchorsState, 'decorations'>): DecorationSet {
	const resolved = new Set(plugin.threads.filter((t) => t.resolved).map((t) => t.id));
	const decorations: Decoration[] = [];
	for (const [id, range] of plugin.ranges) {
		// Resolved threads are listed in the panel but leave the text unmarked, unless opened.
		if (resolved.has(id) && plugin.active !== id) continue;
		const classes = ['comment-anchor'];
		if (plugin.active === id) classes.push('comment-anchor-active');
		decorations.push(
			Decoration.inline(
				range.from,
				range.to,
				{ class: classes.join(' '), 'data-thread': id },
				{
					threadId: id
				}
			)
		);
	}
	return DecorationSet.create(state.doc, decorations);
}

/**
 * A transaction from y-prosemirror: a remote change, an undo, or the first
 * render of the document into the editor. The first render matters after a
 * reload: threads may arrive before the binding has mapped any text, and
 * must be resolved again once it has.
 */
function fromRemote(tr: Transaction): boolean {
	const meta = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
	return meta !== undefined && (Boolean(meta.isChangeOrigin) || tr.docChanged);
}

function decodeThreads(threads: AnchoredThread[]): Decoded[] {
	return threads.flatMap((t) => {
		const start = decodePosition(t.anchor.start);
		const end = decodePosition(t.anchor.end);
		return start && end ? [{ id: t.id, start, end, resolved: t.resolved }] : [];
	});
}

/**
 * Highlights the text comment threads are anchored to, with decorations:
 * the marks stay out of the shared document, where every member would
 * read them and an edit could tear them. Local edits map the highlights;
 * remote edits and undo come from y-prosemirror as a replacement of the
 * whole document, so then the threads' Yjs relative positions are resolved
 * again, and they follow the words wherever others moved them.
 */
export function createCommentAnchors(onOpen: (threadId: string) => void) {
	return Extension.create({
		name: 'commentAnchors',
		addProseMirrorPlugins() {
			return [
				new Plugin<AnchorsState>({
					key: anchorsKey,
					state: {
						init: (_config, state) => ({
							threads: [],
							active: null,
							ranges: new Map(),
							decorations: DecorationSet.create(state.doc, [])
						}),
						apply: (tr, value, _old, state) => {
							const meta = tr.getMeta(anchorsKey) as Meta | undefined;
							const threads = meta?.threads ? decodeThreads(meta.threads) : value.threads;
							const active = meta && 'active' in meta ? (meta.active ?? null) : value.active;
							let ranges = value.ranges;
							if (meta?.threads || fromRemote(tr)) {
								ranges = resolveRanges(state, threads);
							} else if (tr.docChanged) {
								ranges = new Map();
								for (const [id, r] of value.ranges) {
									const from = tr.mapping.map(r.from, 1);
									const to = tr.mapping.map(r.to, -1);
									if (to > from) ranges.set(id, { from, to });
								}
							} else if (!meta) {
								return value;
							}
							const next = { threads, active, ranges };
							return { ...next, decorations: decorate(state, next) };
						}
					},
					props: {
						decorations: (state) => anchorsKey.getState(state)?.decorations ?? null,
						handleClick: (view, pos) => {
							const ranges = anchorsKey.getState(view.state)?.ranges;
							if (!ranges) return false;
							for (const [id, r] of ranges) {
								if (pos >= r.from && pos <= r.to) {
									onOpen(id);
									break;
								}
							}
							// The click still places the caret.
							return false;
						}
					}
				})
			];
		}
	});
}

export function showThreads(editor: Editor, threads: AnchoredThread[]): void {
	editor.view.dispatch(editor.state.tr.setMeta(anchorsKey, { threads } satisfies Meta));
}

export function markActiveThread(editor: Editor, active: string | null): void {
	editor.view.dispatch(editor.state.tr.setMeta(anchorsKey, { active } satisfies Meta));
}

/** Where a thread's words are now, or null when they were deleted. */
export function threadRange(editor: Editor, threadId: string) {
	return anchorsKey.getState(editor.state)?.ranges.get(threadId) ?? null;
}

/**
 * Threads whose words are gone from the text. A thread this editor has not
 * placed yet is not one of them: one just posted or just arrived (the list
 * reaches the panel a moment before the editor is given it), or every thread
 * before the document has synced. Taking those for deleted flashed "Text
 * deleted" on a new comment.
 */
export function detachedThreadIds(editor: Editor): Set<string> {
	const anchors = anchorsKey.getState(editor.state);
	if (!anchors || !syncState(editor.state)) return new Set();
	return new Set(anchors.threads.filter((t) => !anchors.ranges.has(t.id)).map((t) => t.id));
}

/**
 * The selection as a thread anchor and the words it covers. The start sticks
 * to its first character and the end to its last, so words typed right
 * before or after the selection stay outside it. Null for an empty selection.
 */
export function anchorSelection(editor: Editor): { anchor: EncodedAnchor; quote: string } | null {
	const { state } = editor;
	const { from, to } = state.selection;
	const quote = state.doc.textBetween(from, to, ' ', ' ').replace(/\s+/g, ' ').trim();
	const sync = syncState(state);
	if (from === to || !quote || !sync) return null;
	const mapping = sync.binding!.mapping;
	const position = (pos: number, assoc: number) => {
		const relative = absolutePositionToRelativePosition(pos, sync.type, mapping);
		const absolute = Y.createAbsolutePositionFromRelativePosition(relative, sync.doc);
		// Inside a text: re-made with the side it should stick to. Elsewhere y-prosemirror's is kept.
		return absolute && absolute.type instanceof Y.XmlText
			? Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, assoc)
			: relative;
	};
	return {
		anchor: { start: encodePosition(position(from, 0)), end: encodePosition(position(to, -1)) },
		quote: quote.slice(0, COMMENT_LIMITS.quote)
	};
}
