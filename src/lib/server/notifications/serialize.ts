import type { NotificationView } from './queries';

/** A notification as JSON: dates as ISO strings. */
export function serializeNotification(n: NotificationView) {
	return {
		id: n.id,
		kind: n.kind,
		text: n.text,
		url: n.url,
		workspaceId: n.workspaceId,
		actorId: n.actorId,
		data: n.data,
		createdAt: n.createdAt.toISOString(),
		readAt: n.readAt?.toISOString() ?? null
	};
}

export type SerializedNotification = ReturnType<typeof serializeNotification>;
