import type { NotifyDeps, CreatedNotification } from './commands';

/** Placeholder until the mail module lands: replaced by composeMail/queueMail. */
export async function queueNotificationMail(
	_deps: NotifyDeps,
	_notification: CreatedNotification
): Promise<void> {}
