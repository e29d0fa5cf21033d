import { getContext, setContext } from 'svelte';

/**
 * The signed-in person's notifications in the browser: the unread count,
 * kept live by the server's event stream, and the newest few for the bell's
 * list. One instance per page (the root layout creates it).
 */
export interface NotificationItem {
	id: number;
	kind: string;
	text: string;
	url: string;
	createdAt: string;
	readAt: string | null;
}

export class LiveNotifications {
	unreadCount = $state(0);
	/** Newest first; filled when the list is first opened, then kept up by the stream. */
	recent = $state<NotificationItem[]>([]);
	loaded = $state(false);
	private events: EventSource | null = null;

	constructor(initialUnread: number) {
		this.unreadCount = initialUnread;
	}

	/** Follows the stream; returns the function that stops. */
	follow(): () => void {
		// EventSource reconnects by itself and sends Last-Event-ID: missed notifications replay.
		const events = new EventSource('/api/v1/notifications/events');
		events.addEventListener('notification', (event) => {
			const item = JSON.parse((event as MessageEvent<string>).data) as NotificationItem;
			if (!this.recent.some((n) => n.id === item.id))
				this.recent = [item, ...this.recent].slice(0, 20);
		});
		events.addEventListener('unread', (event) => {
			this.unreadCount = (
				JSON.parse((event as MessageEvent<string>).data) as { unreadCount: number }
			).unreadCount;
		});
		this.events = events;
		return () => {
			events.close();
			this.events = null;
		};
	}

	async load(): Promise<void> {
		const res = await fetch('/api/v1/notifications?limit=10');
		if (!res.ok) return;
		const body = (await res.json()) as { notifications: NotificationItem[]; unreadCount: number };
		this.recent = body.notifications;
		this.unreadCount = body.unreadCount;
		this.loaded = true;
	}

	async markRead(ids: number[] | 'all'): Promise<void> {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- read once as a string
		const now = new Date().toISOString();
		this.recent = this.recent.map((n) =>
			ids === 'all' || ids.includes(n.id) ? { ...n, readAt: n.readAt ?? now } : n
		);
		const res = await fetch('/api/v1/notifications/read', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(ids === 'all' ? { all: true } : { ids })
		});
		if (res.ok) this.unreadCount = ((await res.json()) as { unreadCount: number }).unreadCount;
	}
}

const CONTEXT = Symbol('notifications');

export function setNotificationsContext(live: LiveNotifications): void {
	setContext(CONTEXT, live);
}

/** The layout's live notifications, for pages that show them too. */
export function getNotificationsContext(): LiveNotifications {
	return getContext<LiveNotifications>(CONTEXT);
}
