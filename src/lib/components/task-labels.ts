import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';

/**
 * What task statuses and priorities are called on screen. The values mirror
 * TASK_STATUSES and TASK_PRIORITIES in the server schema, which the browser
 * cannot import.
 */
export const TASK_STATUS_VALUES = ['open', 'in_progress', 'blocked', 'done', 'dropped'] as const;
export type TaskStatusValue = (typeof TASK_STATUS_VALUES)[number];

export const TASK_PRIORITY_VALUES = ['low', 'normal', 'high', 'urgent'] as const;
export type TaskPriorityValue = (typeof TASK_PRIORITY_VALUES)[number];

/** What a status is called on screen, in the reader's language. */
export function statusLabel(status: TaskStatusValue): string {
	const labels: Record<TaskStatusValue, () => string> = {
		open: m.task_status_open,
		in_progress: m.task_status_in_progress,
		blocked: m.task_status_blocked,
		done: m.task_status_done,
		dropped: m.task_status_dropped
	};
	return labels[status]();
}

export function priorityLabel(priority: TaskPriorityValue): string {
	const labels: Record<TaskPriorityValue, () => string> = {
		low: m.task_priority_low,
		normal: m.task_priority_normal,
		high: m.task_priority_high,
		urgent: m.task_priority_urgent
	};
	return labels[priority]();
}

const dueFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A due date is a calendar day ('YYYY-MM-DD'): shown as written, whatever the
 * reader's time zone — "Dec 1, 2026", 2026年12月1日.
 */
export function formatDueDate(day: string, locale: string = getLocale()): string {
	const date = new Date(`${day}T00:00:00Z`);
	if (Number.isNaN(date.getTime())) return day;
	let format = dueFormats.get(locale);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, {
			year: 'numeric',
			month: 'short',
			day: 'numeric',
			timeZone: 'UTC'
		});
		dueFormats.set(locale, format);
	}
	return format.format(date);
}
