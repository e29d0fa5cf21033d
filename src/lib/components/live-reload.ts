import { invalidate } from '$app/navigation';
import { navigating } from '$app/state';

export interface LiveReload {
	/** Asks for a reload of the key's loads; see `liveReload`. */
	reload(): void;
	/** No reload starts after this (the page that followed the stream is gone). */
	stop(): void;
}

/**
 * Reruns the loads that `depends(key)` when a live stream says their data
 * changed: one reload at a time, and a request that comes in while one runs
 * makes exactly one more after it, so a burst of events costs two reloads.
 *
 * A reload never starts while a navigation is loading. SvelteKit lets an
 * invalidation that starts during a navigation take over from it, so a click
 * on a link that happened to land as an event arrived (or as the stream
 * opened, right after the page loaded) was dropped and the page stayed where
 * it was. The reload waits for the navigation to end instead; when it left
 * the page, `stop` has been called by then and nothing reloads.
 */
export function liveReload(key: `app:${string}`): LiveReload {
	let running = false;
	let again = false;
	let stopped = false;
	const navigationsDone = async () => {
		for (let pending = navigating.complete; pending;) {
			// A failed navigation has ended too.
			await pending.catch(() => {});
			const next = navigating.complete;
			if (next === pending) break;
			pending = next;
		}
	};
	const run = async () => {
		if (running) {
			again = true;
			return;
		}
		running = true;
		try {
			do {
				again = false;
				await navigationsDone();
				if (stopped) return;
				await invalidate(key);
			} while (again && !stopped);
		} finally {
			running = false;
		}
	};
	return {
		reload: () => void run(),
		stop: () => {
			stopped = true;
		}
	};
}
