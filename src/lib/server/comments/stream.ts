import type { CommentEvents } from './events';

/**
 * Coalesces a burst of changes (a reply and a resolve in one go) into one
 * wake-up, so open editors read the threads once.
 */
const SETTLE_MS = 50;

/**
 * A document's comment changes as Server-Sent Events, for `eventStream`:
 * `event: comments` with no content. The browser reads the threads again on
 * each one and whenever the stream (re)connects, so nothing missed while
 * disconnected stays missed and no resume id is needed.
 * Returns the stream's `start`.
 */
export function followComments(
	events: CommentEvents,
	documentId: string
): (send: (frame: string) => void) => () => void {
	return (send) => {
		let timer: ReturnType<typeof setTimeout> | undefined;
		const unsubscribe = events.subscribe(documentId, () => {
			if (timer) return;
			timer = setTimeout(() => {
				timer = undefined;
				send('event: comments\ndata: {}\n\n');
			}, SETTLE_MS);
		});
		return () => {
			clearTimeout(timer);
			unsubscribe();
		};
	};
}
