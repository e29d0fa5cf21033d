import type { Executor } from '../db';
import { log } from '../log';
import type { NotificationEvents } from './events';
import { countUnread, latestId, listAfter } from './queries';
import { serializeNotification } from './serialize';

/** Proxies and load balancers close connections that stay silent for a minute or so. */
const HEARTBEAT_MS = 25_000;
/**
 * Besides the database's announcements, a stream looks for news this often:
 * a lost announcement (a dropped LISTEN connection) delays a notification by
 * this much at most instead of hiding it until the next one.
 */
const POLL_MS = 15_000;

/**
 * A person's notifications as Server-Sent Events: `event: notification` with
 * `id: <notification id>` for each new one, then `event: unread` with the
 * count. A browser that reconnects sends the last id it saw
 * (`Last-Event-ID`) and gets what it missed; a fresh stream starts at the
 * newest notification.
 */
export async function openNotificationStream(
	deps: {
		db: Executor;
		events: NotificationEvents;
		/** False once the session is logged out or the token revoked: the stream then ends. */
		stillAllowed: () => Promise<boolean>;
	},
	recipientId: string,
	lastEventId: string | null,
	signal: AbortSignal
): Promise<ReadableStream<Uint8Array>> {
	const resumeFrom = lastEventId !== null ? Number(lastEventId) : NaN;
	let cursor =
		Number.isSafeInteger(resumeFrom) && resumeFrom >= 0
			? resumeFrom
			: await latestId(deps.db, recipientId);
	const encoder = new TextEncoder();
	let stop = () => {};

	return new ReadableStream<Uint8Array>({
		start(controller) {
			const send = (text: string) => {
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					stop();
				}
			};
			const close = () => {
				stop();
				try {
					controller.close();
				} catch {
					// already closed
				}
			};
			// One catch-up at a time; a signal meanwhile asks for one more pass.
			let running: Promise<void> | null = null;
			let again = false;
			const catchUp = async (): Promise<void> => {
				if (running) {
					again = true;
					return running;
				}
				running = (async () => {
					do {
						again = false;
						if (!(await deps.stillAllowed())) {
							close();
							return;
						}
						const fresh = await listAfter(deps.db, recipientId, cursor);
						for (const n of fresh) {
							send(
								`event: notification\nid: ${n.id}\ndata: ${JSON.stringify(serializeNotification(n))}\n\n`
							);
							cursor = n.id;
						}
						const unreadCount = await countUnread(deps.db, recipientId);
						send(`event: unread\ndata: ${JSON.stringify({ unreadCount })}\n\n`);
					} while (again);
				})()
					.catch((error: unknown) =>
						log.error('notification stream failed', { recipientId, error })
					)
					.finally(() => {
						running = null;
					});
				return running;
			};
			const unsubscribe = deps.events.subscribe(recipientId, () => void catchUp());
			const heartbeat = setInterval(() => send(': heartbeat\n\n'), HEARTBEAT_MS);
			const poll = setInterval(() => void catchUp(), POLL_MS);
			const onAbort = close;
			stop = () => {
				clearInterval(heartbeat);
				clearInterval(poll);
				unsubscribe();
				signal.removeEventListener('abort', onAbort);
				stop = () => {};
			};
			signal.addEventListener('abort', onAbort);
			send('retry: 3000\n: connected\n\n');
			void catchUp();
		},
		cancel() {
			stop();
		}
	});
}
