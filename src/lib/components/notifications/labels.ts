import { m } from '$lib/paraglide/messages';
import type { NotificationChannel, NotificationKind } from '$lib/model/notifications';

/**
 * The words for each notification kind and channel in the current language.
 * (`KIND_LABELS` in the model stays English for the server's mails.)
 */
const KIND_MESSAGES: Record<NotificationKind, () => string> = {
	mention: m.notify_kind_mention,
	task_assigned: m.notify_kind_task_assigned,
	task_due: m.notify_kind_task_due,
	task_overdue: m.notify_kind_task_overdue,
	invite_accepted: m.notify_kind_invite_accepted,
	retro_started: m.notify_kind_retro_started,
	suggestion_new: m.notify_kind_suggestion_new,
	suggestion_status: m.notify_kind_suggestion_status,
	suggestion_reply: m.notify_kind_suggestion_reply,
	suggestion_merged: m.notify_kind_suggestion_merged,
	indicator_signal: m.indicators_kind_signal,
	indicator_alert: m.indicators_kind_alert,
	comment_mention: m.comments_kind_mention
};

const CHANNEL_MESSAGES: Record<NotificationChannel, () => string> = {
	in_app: m.notify_channel_in_app,
	email: m.notify_channel_email,
	off: m.notify_channel_off
};

export function kindLabel(kind: NotificationKind): string {
	return KIND_MESSAGES[kind]();
}

export function channelLabel(channel: NotificationChannel): string {
	return CHANNEL_MESSAGES[channel]();
}
