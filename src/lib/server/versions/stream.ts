import type { VersionEvents } from './events';

/** A restore saves two versions in one go: one wake-up for both. */
const SETTLE_MS = 50;

/**
 * A document's version-list changes as Server-Sent Events, for
 * `eventStream`: `event: versions` with no content. The browser reads the
 * list again on each one and whenever the stream (re)connects, so no resume
 * id is needed. Returns the stream's `start`.
 */
export function followVersions(
	events: VersionEvents,
	documentId: string
): (send: (frame: string) => void) => () => void {
	return (send) => {
		let timer: ReturnType<typeof setTimeout> | undefined;
		const unsubscribe = events.subscribe(documentId, () => {
			if (timer) return;
			timer = setTimeout(() => {
				timer = undefined;
				send('event: versions\ndata: {}\n\n');
			}, SETTLE_MS);
		});
		return () => {
			clearTimeout(timer);
			unsubscribe();
		};
	};
}
