import { invalidate } from '$app/navigation';

/**
 * Keeps a page's task data live: whenever the workspace's tasks change (the
 * server's event stream), the loads that `depends(key)` run again. Bursts of
 * events (someone typing into a checklist item) become one reload at a time,
 * and a reconnect reloads once for whatever changed while the stream was down.
 * Returns the function that stops following.
 */
export function followTaskEvents(
	workspaceId: string,
	key: `app:${string}`,
	onLiveChange: (live: boolean) => void = () => {}
): () => void {
	let reloading = false;
	let reloadAgain = false;
	const reload = async () => {
		if (reloading) {
			reloadAgain = true;
			return;
		}
		reloading = true;
		try {
			do {
				reloadAgain = false;
				await invalidate(key);
			} while (reloadAgain);
		} finally {
			reloading = false;
		}
	};
	const events = new EventSource(`/api/v1/workspaces/${workspaceId}/tasks/events`);
	events.addEventListener('tasks', () => void reload());
	events.addEventListener('open', () => {
		onLiveChange(true);
		void reload();
	});
	events.addEventListener('error', () => onLiveChange(false));
	return () => events.close();
}
