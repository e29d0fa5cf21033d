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
	'indicator_alert'
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
	indicator_alert: 'email'
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
	indicator_alert: 'An indicator you own passes its alert threshold'
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
	dueDate?: string;
	/** A short excerpt of the text around a mention. */
	excerpt?: string;
	suggestionTitle?: string;
	/** The new status, as its label. */
	statusLabel?: string;
	/** What a suggestion was merged into. */
	targetTitle?: string;
	indicatorName?: string;
	/** The period whose value started the news. */
	period?: string;
	/** The value, with its unit. */
	valueText?: string;
}

/** One sentence saying who did what where (the "when" is shown beside it). */
export function describeNotification(kind: NotificationKind, data: NotificationData): string {
	const who = data.actorName || 'Someone';
	const where = data.documentTitle ? `“${data.documentTitle}”` : 'a document';
	const task = data.taskTitle ? `“${data.taskTitle}”` : 'a task';
	const suggestion = data.suggestionTitle ? `“${data.suggestionTitle}”` : 'a suggestion';
	const inWorkspace = data.workspaceName ? ` in ${data.workspaceName}` : '';
	switch (kind) {
		case 'mention':
			return `${who} mentioned you in ${where}${inWorkspace}.`;
		case 'task_assigned':
			return `${who} assigned ${task} to you${inWorkspace}.`;
		case 'task_due':
			return `Your task ${task} is due tomorrow (${data.dueDate ?? ''})${inWorkspace}.`;
		case 'task_overdue':
			return `Your task ${task} is overdue: it was due ${data.dueDate ?? ''}${inWorkspace}.`;
		case 'invite_accepted':
			return `${who} accepted your invitation and joined ${data.workspaceName ?? 'your workspace'}.`;
		case 'retro_started':
			return `${who} started the review meeting ${where}${inWorkspace}.`;
		case 'suggestion_new':
			return data.actorName
				? `${data.actorName} proposed ${suggestion}${inWorkspace}.`
				: `New suggestion ${suggestion}${inWorkspace}.`;
		case 'suggestion_status':
			return `${who} marked ${suggestion} as ${data.statusLabel ?? 'changed'}${inWorkspace}.`;
		case 'suggestion_reply':
			return `${who} replied on ${suggestion}${inWorkspace}.`;
		case 'suggestion_merged':
			return `${who} merged ${suggestion} into “${data.targetTitle ?? ''}”${inWorkspace}.`;
		case 'indicator_signal':
			return `The indicator “${data.indicatorName ?? ''}” shows a signal at ${data.period ?? ''} (${data.valueText ?? ''})${inWorkspace}: more than ordinary variation.`;
		case 'indicator_alert':
			return `The indicator “${data.indicatorName ?? ''}” passed its alert threshold at ${data.period ?? ''} (${data.valueText ?? ''})${inWorkspace}.`;
	}
}
