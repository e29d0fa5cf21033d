import type { AppLocale } from '../../i18n/locales';
import type { Executor } from '../db';
import { log } from '../log';
import type { NotificationEvents } from './events';
import { countUnread, latestId, listAfter } from './queries';
import { serializeNotification } from './serialize';

/**
 * Besides the database's announcements, a stream looks for news this often:
 * a lost announcement (a dropped LISTEN connection) delays a notification by
 * this much at most instead of hiding it until the next one.
 */
const POLL_MS = 15_000;

/**
 * A person's notifications as Server-Sent Events, for `eventStream` (which
 * ends the stream when the session or token ends): `event: notification` with
 * `id: <notification id>` for each new one, then `event: unread` with the
 * count. A browser that reconnects sends the last id it saw (`Last-Event-ID`)
 * and gets what it missed; a fresh stream starts at the newest notification.
 * Sentences are written in `locale`, the language the stream was opened in:
 * catch-ups run from database announcements, outside the request that
 * Paraglide's per-request locale belongs to.
 * Returns the stream's `start`.
 */
export async function followNotifications(
	deps: { db: Executor; events: NotificationEvents },
	recipientId: string,
	locale: AppLocale,
	lastEventId: string | null
): Promise<(send: (frame: string) => void) => () => void> {
	const resumeFrom = lastEventId !== null ? Number(lastEventId) : NaN;
	let cursor =
		Number.isSafeInteger(resumeFrom) && resumeFrom >= 0
			? resumeFrom
			: await latestId(deps.db, recipientId);

	return (send) => {
		let stopped = false;
		// One catch-up at a time; a signal meanwhile asks for one more pass.
		let running: Promise<void> | null = null;
		let again = false;
		const catchUp = (): Promise<void> => {
			if (running) {
				again = true;
				return running;
			}
			running = (async () => {
				do {
					again = false;
					if (stopped) return;
					for (const n of await listAfter(deps.db, recipientId, locale, cursor)) {
						send(
							`event: notification\nid: ${n.id}\ndata: ${JSON.stringify(serializeNotification(n))}\n\n`
						);
						cursor = n.id;
					}
					const unreadCount = await countUnread(deps.db, recipientId);
					send(`event: unread\ndata: ${JSON.stringify({ unreadCount })}\n\n`);
				} while (again);
			})()
				.catch((error: unknown) => log.error('notification stream failed', { recipientId, error }))
				.finally(() => {
					running = null;
				});
			return running;
		};
		const unsubscribe = deps.events.subscribe(recipientId, () => void catchUp());
		const poll = setInterval(() => void catchUp(), POLL_MS);
		void catchUp();
		return () => {
			stopped = true;
			clearInterval(poll);
			unsubscribe();
		};
	};
}
