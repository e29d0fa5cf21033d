import type { Editor } from '@tiptap/core';
import type { Transaction } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { reanchorAfterUndo, type EncodedAnchor } from '$lib/model/comments/anchor';
import { WorkspaceMembers } from '$lib/components/ui/workspace-members.svelte';
import { LiveComments } from './live-comments.svelte';
import { anchorSelection, markActiveThread, showThreads, threadRange } from './comment-anchors';

export type ThreadFilter = 'open' | 'resolved';

/**
 * What the comment panel and the editor share: the live threads, which one
 * is open, the selection a new thread is being written on, and the panel's
 * state. One per open framework editor.
 */
export class CommentsUi {
	readonly live: LiveComments;
	/** Offered after `@` in every comment field, and named in the comments that mention them. */
	readonly members: WorkspaceMembers;
	editor = $state<Editor | null>(null);
	panelOpen = $state(false);
	filter = $state<ThreadFilter>('open');
	active = $state<string | null>(null);
	/** The selection a new thread is being written on. */
	draft = $state<{ anchor: EncodedAnchor; quote: string } | null>(null);

	private pushTimer: ReturnType<typeof setTimeout> | undefined;

	constructor(documentId: string, workspaceId: string) {
		this.live = new LiveComments(documentId);
		this.members = new WorkspaceMembers(workspaceId);
	}

	attach(editor: Editor, { editsText }: { editsText: boolean }): () => void {
		this.editor = editor;
		this.live.start();
		const afterUndo = ({ transaction }: { transaction: Transaction }) => {
			const meta = transaction.getMeta(ySyncPluginKey) as { isUndoRedoOperation?: boolean };
			if (editsText && meta?.isUndoRedoOperation) this.reanchorAfterUndo();
		};
		editor.on('transaction', afterUndo);
		return () => {
			editor.off('transaction', afterUndo);
			clearTimeout(this.pushTimer);
			this.live.stop();
			this.editor = null;
		};
	}

	/**
	 * Hands the threads to the editor's highlights. Redrawing mid-composition
	 * would end an input method's composition, so it waits for it.
	 */
	pushToEditor(): void {
		const editor = this.editor;
		if (!editor) return;
		clearTimeout(this.pushTimer);
		if (editor.view.composing) {
			this.pushTimer = setTimeout(() => this.pushToEditor(), 300);
			return;
		}
		showThreads(
			editor,
			this.live.threads.map((t) => ({ id: t.id, anchor: t.anchor, resolved: t.resolved !== null }))
		);
		markActiveThread(editor, this.active);
	}

	/**
	 * An undo brought deleted words back as new characters: only this browser
	 * knows they replace the old ones, so it moves the threads on them there.
	 */
	private reanchorAfterUndo(): void {
		const sync = this.editor
			? (ySyncPluginKey.getState(this.editor.state) as { doc: Y.Doc })
			: null;
		if (!sync) return;
		for (const thread of this.live.threads) {
			const anchor = reanchorAfterUndo(sync.doc, thread.anchor);
			if (anchor) {
				thread.anchor = anchor;
				void this.live.reanchor(thread.id, anchor);
			}
		}
	}

	/** Starts a thread on the current selection; false when nothing is selected. */
	beginThread(): boolean {
		if (!this.editor) return false;
		const selected = anchorSelection(this.editor);
		if (!selected) return false;
		this.draft = selected;
		this.panelOpen = true;
		this.filter = 'open';
		return true;
	}

	async submitDraft(body: string): Promise<boolean> {
		if (!this.draft) return false;
		const id = await this.live.startThread(this.draft.anchor, this.draft.quote, body);
		if (!id) return false;
		this.draft = null;
		this.open(id, { scroll: false });
		return true;
	}

	/** Opens a thread in the panel and shows its words in the text. */
	open(threadId: string, { scroll = true }: { scroll?: boolean } = {}): void {
		const thread = this.live.threads.find((t) => t.id === threadId);
		this.active = threadId;
		this.panelOpen = true;
		if (thread) this.filter = thread.resolved ? 'resolved' : 'open';
		const editor = this.editor;
		if (!editor) return;
		markActiveThread(editor, threadId);
		if (scroll && threadRange(editor, threadId)) {
			const mark = editor.view.dom.querySelector(`[data-thread="${threadId}"]`);
			mark?.scrollIntoView({ block: 'center', behavior: 'smooth' });
		}
	}

	/** A notification links to `#comment-<thread id>`: open that thread once it is known. */
	openLinked(): void {
		const match = /^#comment-([a-z2-7]{20})$/.exec(location.hash);
		if (match && this.live.threads.some((t) => t.id === match[1])) this.open(match[1]);
	}

	close(): void {
		this.active = null;
		if (this.editor) markActiveThread(this.editor, null);
	}
}
