/**
 * What task statuses and priorities are called on screen. The values mirror
 * TASK_STATUSES and TASK_PRIORITIES in the server schema, which the browser
 * cannot import.
 */
export const TASK_STATUS_VALUES = ['open', 'in_progress', 'blocked', 'done', 'dropped'] as const;
export type TaskStatusValue = (typeof TASK_STATUS_VALUES)[number];

export const TASK_PRIORITY_VALUES = ['low', 'normal', 'high', 'urgent'] as const;
export type TaskPriorityValue = (typeof TASK_PRIORITY_VALUES)[number];

export const STATUS_LABELS: Record<TaskStatusValue, string> = {
	open: 'Open',
	in_progress: 'In progress',
	blocked: 'Blocked',
	done: 'Done',
	dropped: 'Dropped'
};

export const PRIORITY_LABELS: Record<TaskPriorityValue, string> = {
	low: 'Low',
	normal: 'Normal',
	high: 'High',
	urgent: 'Urgent'
};

const DUE_FORMAT = new Intl.DateTimeFormat('en', {
	year: 'numeric',
	month: 'short',
	day: 'numeric',
	timeZone: 'UTC'
});

/** A due date is a calendar day ('YYYY-MM-DD'): shown as written, whatever the reader's time zone. */
export function formatDueDate(day: string): string {
	const date = new Date(`${day}T00:00:00Z`);
	return Number.isNaN(date.getTime()) ? day : DUE_FORMAT.format(date);
}
