import { liveReload } from './live-reload';

/**
 * Keeps a page's task data live: whenever the workspace's tasks change (the
 * server's event stream), the loads that `depends(key)` run again (see
 * live-reload.ts: bursts of events, someone typing into a checklist item,
 * collapse, and no reload cuts a navigation short). A reconnect reloads once
 * for whatever changed while the stream was down.
 * Returns the function that stops following.
 */
export function followTaskEvents(
	workspaceId: string,
	key: `app:${string}`,
	onLiveChange: (live: boolean) => void = () => {}
): () => void {
	const { reload, stop } = liveReload(key);
	const events = new EventSource(`/api/v1/workspaces/${workspaceId}/tasks/events`);
	events.addEventListener('tasks', reload);
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
