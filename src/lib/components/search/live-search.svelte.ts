import { callApi } from '$lib/api-client';
import type { SearchHit } from './search-hit';

/** Typing pauses this long before a search is sent: one request per word, not per key. */
const TYPING_PAUSE_MS = 200;

/**
 * The header box's results as the person types: the latest answer wins,
 * earlier requests still in flight are ignored when they land.
 */
export class LiveSearch {
	hits = $state<SearchHit[]>([]);
	/** The query the current hits answer. */
	answered = $state('');
	pending = $state(false);
	error = $state<string | null>(null);
	private timer: ReturnType<typeof setTimeout> | undefined;
	private asked = 0;

	constructor(private readonly workspaceId: () => string) {}

	update(query: string): void {
		clearTimeout(this.timer);
		const q = query.trim();
		if (!q) {
			this.asked += 1;
			this.hits = [];
			this.answered = '';
			this.pending = false;
			this.error = null;
			return;
		}
		this.pending = true;
		this.timer = setTimeout(() => void this.run(q), TYPING_PAUSE_MS);
	}

	private async run(q: string): Promise<void> {
		const ticket = ++this.asked;
		try {
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a throwaway, read once
			const params = new URLSearchParams({ q, limit: '8' });
			const { results } = await callApi<{ results: SearchHit[] }>(
				'GET',
				`/api/v1/workspaces/${this.workspaceId()}/search?${params}`
			);
			if (ticket !== this.asked) return;
			this.hits = results;
			this.answered = q;
			this.error = null;
		} catch (caught) {
			if (ticket !== this.asked) return;
			this.error = caught instanceof Error ? caught.message : String(caught);
		} finally {
			if (ticket === this.asked) this.pending = false;
		}
	}

	destroy(): void {
		clearTimeout(this.timer);
		this.asked += 1;
	}
}
