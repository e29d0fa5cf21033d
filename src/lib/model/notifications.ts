import { m } from '../paraglide/messages.js';
import type { AppLocale } from '../i18n/locales';
import { formatDueDate } from '../components/task-labels';

/**
 * The vocabulary of notifications, shared by the server (which creates and
 * mails them) and the browser (which lists them and edits preferences).
 */
export const NOTIFICATION_KINDS = [
	'mention',
	'task_assigned',
	'task_due',
	'task_overdue',
	'invite_accepted',
	'retro_started',
	'suggestion_new',
	'suggestion_status',
	'suggestion_reply',
	'suggestion_merged',
	'indicator_signal',
	'indicator_alert',
	'comment_mention'
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Where a kind is delivered: the bell only, the bell and email, or nowhere. */
export const NOTIFICATION_CHANNELS = ['in_app', 'email', 'off'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export type NotificationChannels = Record<NotificationKind, NotificationChannel>;

export interface NotificationPreferences {
	channels: NotificationChannels;
	/** Email as one daily mail (08:00 in the user's first workspace's zone) instead of one per notification. */
	digest: boolean;
}

/** What concerns someone directly is mailed; news about the team stays in the app. */
export const DEFAULT_CHANNELS: NotificationChannels = {
	mention: 'email',
	task_assigned: 'email',
	task_due: 'email',
	task_overdue: 'email',
	invite_accepted: 'in_app',
	retro_started: 'in_app',
	suggestion_new: 'in_app',
	suggestion_status: 'in_app',
	suggestion_reply: 'in_app',
	suggestion_merged: 'in_app',
	indicator_signal: 'email',
	indicator_alert: 'email',
	comment_mention: 'email'
};

export const KIND_LABELS: Record<NotificationKind, string> = {
	mention: 'Someone mentions you',
	task_assigned: 'A task is assigned to you',
	task_due: 'Your task is due tomorrow',
	task_overdue: 'Your task became overdue',
	invite_accepted: 'Someone accepts your invitation',
	retro_started: 'A review meeting you belong to starts',
	suggestion_new: 'Someone proposes an improvement (moderators)',
	suggestion_status: 'A suggestion you follow changes status',
	suggestion_reply: 'Someone replies on a suggestion you follow',
	suggestion_merged: 'A suggestion you follow is merged',
	indicator_signal: 'An indicator you own shows a signal',
	indicator_alert: 'An indicator you own passes its alert threshold',
	comment_mention: 'Someone mentions you in a comment'
};

export const CHANNEL_LABELS: Record<NotificationChannel, string> = {
	in_app: 'In-app only',
	email: 'In-app and email',
	off: 'Off'
};

/** What a notification row carries besides its kind: names as they were when it happened. */
export interface NotificationData {
	actorName?: string | null;
	workspaceName?: string;
	documentTitle?: string;
	taskTitle?: string;
	/** A calendar day, YYYY-MM-DD; shown in the reader's language. */
	dueDate?: string;
	/** A short excerpt of the text around a mention. */
	excerpt?: string;
	suggestionTitle?: string;
	/** The new status as a code (SuggestionStatus), named in the reader's language. */
	status?: string;
	/** The new status as an English label: rows written before `status` was stored. */
	statusLabel?: string;
	/** What a suggestion was merged into. */
	targetTitle?: string;
	indicatorName?: string;
	/** The period whose value started the news. */
	period?: string;
	/** The value, with its unit. */
	valueText?: string;
}

type Locale = { locale?: AppLocale };
type Message = (inputs: object, options: Locale) => string;

const SUGGESTION_STATUS_NAMES: Record<string, Message> = {
	new: m.server_suggestion_status_new,
	under_review: m.server_suggestion_status_under_review,
	planned: m.server_suggestion_status_planned,
	in_progress: m.server_suggestion_status_in_progress,
	done: m.server_suggestion_status_done,
	declined: m.server_suggestion_status_declined,
	duplicate: m.server_suggestion_status_duplicate
};

/**
 * One sentence saying who did what where (the "when" is shown beside it), in
 * `locale`: the reader's language. Notifications store names and codes, not
 * sentences, so the same row reads in whatever language its reader has chosen
 * by the time they look, in the bell and in mail alike.
 */
export function describeNotification(
	kind: NotificationKind,
	data: NotificationData,
	locale: AppLocale
): string {
	const options = { locale };
	const quoted = (title: string | undefined, otherwise: string) =>
		title ? m.server_notif_quoted({ title }, options) : otherwise;
	const who = data.actorName || m.server_notif_someone({}, options);
	const where = quoted(data.documentTitle, m.server_notif_a_document({}, options));
	const task = quoted(data.taskTitle, m.server_notif_a_task({}, options));
	const suggestion = quoted(data.suggestionTitle, m.server_notif_a_suggestion({}, options));
	const inWorkspace = data.workspaceName
		? m.server_notif_in_workspace({ workspace: data.workspaceName }, options)
		: '';
	const dueDate = data.dueDate ? formatDueDate(data.dueDate, locale) : '';
	switch (kind) {
		case 'mention':
			return m.server_notif_mention({ who, where, inWorkspace }, options);
		case 'task_assigned':
			return m.server_notif_task_assigned({ who, task, inWorkspace }, options);
		case 'task_due':
			return m.server_notif_task_due({ task, dueDate, inWorkspace }, options);
		case 'task_overdue':
			return m.server_notif_task_overdue({ task, dueDate, inWorkspace }, options);
		case 'invite_accepted':
			return m.server_notif_invite_accepted(
				{ who, workspace: data.workspaceName ?? m.server_notif_your_workspace({}, options) },
				options
			);
		case 'retro_started':
			return m.server_notif_retro_started({ who, where, inWorkspace }, options);
		case 'suggestion_new':
			return data.actorName
				? m.server_notif_suggestion_new_by(
						{ who: data.actorName, suggestion, inWorkspace },
						options
					)
				: m.server_notif_suggestion_new({ suggestion, inWorkspace }, options);
		case 'suggestion_status': {
			const named = data.status ? SUGGESTION_STATUS_NAMES[data.status] : undefined;
			const status = named
				? named({}, options)
				: (data.statusLabel ?? m.server_notif_changed({}, options));
			return m.server_notif_suggestion_status({ who, suggestion, status, inWorkspace }, options);
		}
		case 'suggestion_reply':
			return m.server_notif_suggestion_reply({ who, suggestion, inWorkspace }, options);
		case 'suggestion_merged':
			return m.server_notif_suggestion_merged(
				{ who, suggestion, target: quoted(data.targetTitle, '“”'), inWorkspace },
				options
			);
		case 'indicator_signal':
			return m.indicators_notif_signal(
				{
					indicator: data.indicatorName ?? '',
					period: data.period ?? '',
					value: data.valueText ?? '',
					inWorkspace
				},
				options
			);
		case 'comment_mention':
			return m.comments_notif_mention({ who, where, inWorkspace }, options);
		case 'indicator_alert':
			return m.indicators_notif_alert(
				{
					indicator: data.indicatorName ?? '',
					period: data.period ?? '',
					value: data.valueText ?? '',
					inWorkspace
				},
				options
			);
	}
}
