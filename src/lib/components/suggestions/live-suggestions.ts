import { liveReload } from '../live-reload';

/**
 * Keeps a page's suggestion data live: whenever the workspace's suggestions
 * change, the loads that `depends(key)` run again (live-reload.ts: bursts
 * collapse, and no reload cuts a navigation short), and once more after a
 * reconnect. `only` limits reloads to events about one suggestion. Returns
 * the function that stops following.
 */
export function followSuggestionEvents(
	workspaceId: string,
	key: `app:${string}`,
	{ only, onLiveChange = () => {} }: { only?: string; onLiveChange?: (live: boolean) => void } = {}
): () => void {
	const { reload, stop } = liveReload(key);
	const events = new EventSource(`/api/v1/workspaces/${workspaceId}/suggestions/events`);
	events.addEventListener('suggestion', (event) => {
		if (only) {
			const data = JSON.parse((event as MessageEvent<string>).data) as { suggestionId: string };
			if (data.suggestionId !== only) return;
		}
		reload();
	});
	events.addEventListener('open', () => {
		onLiveChange(true);
		reload();
	});
	events.addEventListener('error', () => onLiveChange(false));
	return () => {
		stop();
		events.close();
	};
}
