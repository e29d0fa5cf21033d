import { invalidate } from '$app/navigation';

/**
 * Keeps a page's suggestion data live: whenever the workspace's suggestions
 * change, the loads that `depends(key)` run again, one reload at a time
 * (bursts collapse), and once more after a reconnect. `only` limits reloads
 * to events about one suggestion. Returns the function that stops following.
 */
export function followSuggestionEvents(
	workspaceId: string,
	key: `app:${string}`,
	{ only, onLiveChange = () => {} }: { only?: string; onLiveChange?: (live: boolean) => void } = {}
): () => void {
	let reloading = false;
	let again = false;
	const reload = async () => {
		if (reloading) {
			again = true;
			return;
		}
		reloading = true;
		try {
			do {
				again = false;
				await invalidate(key);
			} while (again);
		} finally {
			reloading = false;
		}
	};
	const events = new EventSource(`/api/v1/workspaces/${workspaceId}/suggestions/events`);
	events.addEventListener('suggestion', (event) => {
		if (only) {
			const data = JSON.parse((event as MessageEvent<string>).data) as { suggestionId: string };
			if (data.suggestionId !== only) return;
		}
		void reload();
	});
	events.addEventListener('open', () => {
		onLiveChange(true);
		void reload();
	});
	events.addEventListener('error', () => onLiveChange(false));
	return () => events.close();
}
