import { callApi } from '$lib/api-client';
import { LiveResource } from '$lib/editors/live-resource.svelte';
import type { EncodedAnchor } from '$lib/model/comments/anchor';
import type { ThreadList, ThreadView } from '$lib/model/comments/view';

/**
 * A document's comment threads, kept live (see LiveResource). Comments travel over
 * HTTP rather than the document's sync socket: they are database rows with
 * their own rights (viewers may comment, the socket of a viewer is
 * read-only), and the socket carries only the shared Yjs document.
 */
export class LiveComments extends LiveResource {
	threads = $state<ThreadView[]>([]);
	canComment = $state(false);
	loaded = $state(false);

	private readonly base: string;

	constructor(documentId: string) {
		super(`/api/v1/documents/${documentId}/threads/events`, 'comments');
		this.base = `/api/v1/documents/${documentId}/threads`;
	}

	/** A read leaves `error` alone: it may be telling of a change just refused. */
	protected async read(): Promise<void> {
		const list = await callApi<ThreadList>('GET', this.base);
		this.threads = list.threads;
		this.canComment = list.canComment;
		this.loaded = true;
	}

	/** Runs a change; true when the server took it. The list is read again either way. */
	private async change(method: string, path: string, body?: unknown): Promise<boolean> {
		try {
			await callApi(method, `${this.base}${path}`, body);
			this.error = null;
			return true;
		} catch (error) {
			this.error = error instanceof Error ? error.message : String(error);
			return false;
		} finally {
			await this.refresh();
		}
	}

	async startThread(anchor: EncodedAnchor, quote: string, body: string): Promise<string | null> {
		try {
			const created = await callApi<{ id: string }>('POST', this.base, { anchor, quote, body });
			this.error = null;
			await this.refresh();
			return created.id;
		} catch (error) {
			this.error = error instanceof Error ? error.message : String(error);
			return null;
		}
	}

	reply(threadId: string, body: string) {
		return this.change('POST', `/${threadId}/comments`, { body });
	}

	setResolved(threadId: string, resolved: boolean) {
		return this.change('PATCH', `/${threadId}`, { resolved });
	}

	reanchor(threadId: string, anchor: EncodedAnchor) {
		return this.change('PATCH', `/${threadId}`, { anchor });
	}

	edit(threadId: string, commentId: string, body: string) {
		return this.change('PATCH', `/${threadId}/comments/${commentId}`, { body });
	}

	remove(threadId: string, commentId: string) {
		return this.change('DELETE', `/${threadId}/comments/${commentId}`);
	}
}
