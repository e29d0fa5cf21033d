import { callApi } from '$lib/api-client';
import type { EncodedAnchor } from '$lib/model/comments/anchor';
import type { ThreadList, ThreadView } from '$lib/model/comments/view';

/**
 * A document's comment threads, kept live: read through the API, and read
 * again whenever the server says they changed (SSE) and after every
 * reconnect, so a browser that was offline catches up. Comments travel over
 * HTTP rather than the document's sync socket: they are database rows with
 * their own rights (viewers may comment, the socket of a viewer is
 * read-only), and the socket carries only the shared Yjs document.
 */
export class LiveComments {
	threads = $state<ThreadView[]>([]);
	canComment = $state(false);
	loaded = $state(false);
	/** The last refusal or failure, in the reader's language. */
	error = $state<string | null>(null);

	private readonly base: string;
	private events: EventSource | null = null;
	private reading: Promise<void> | null = null;
	private again = false;

	constructor(documentId: string) {
		this.base = `/api/v1/documents/${documentId}/threads`;
	}

	start(): void {
		const events = new EventSource(`${this.base}/events`);
		events.addEventListener('comments', () => void this.refresh());
		events.addEventListener('open', () => void this.refresh());
		this.events = events;
		void this.refresh();
	}

	stop(): void {
		this.events?.close();
		this.events = null;
	}

	/** Reads the threads again; a call while reading asks for one more read. */
	refresh(): Promise<void> {
		if (this.reading) {
			this.again = true;
			return this.reading;
		}
		this.reading = (async () => {
			do {
				this.again = false;
				const list = await callApi<ThreadList>('GET', this.base);
				this.threads = list.threads;
				this.canComment = list.canComment;
				this.loaded = true;
			} while (this.again);
		})()
			.catch((error: unknown) => {
				this.error = error instanceof Error ? error.message : String(error);
			})
			.finally(() => {
				this.reading = null;
			});
		return this.reading;
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
