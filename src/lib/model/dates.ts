/**
 * The one "today" of Opsloom. Due dates are calendar days ('YYYY-MM-DD')
 * without a time zone; a workspace says which calendar they belong to
 * (`workspaces.time_zone`, an IANA name). The server's task list, the sweeps
 * that notify about due and overdue tasks, the editor's checklist chips and
 * the browser's task page all ask this module, with the workspace's zone, so
 * they agree on the day at every hour.
 */

/** True when `name` is a time zone this runtime's Intl knows (IANA names such as 'Europe/Berlin'). */
export function isValidTimeZone(name: unknown): name is string {
	if (typeof name !== 'string' || name === '' || name.length > 64) return false;
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: name });
		return true;
	} catch {
		return false;
	}
}

let runtimeZone: { tz: string | undefined; zone: string } | null = null;

/**
 * The runtime's own zone: the default for workspaces that never chose one.
 * Resolving it builds a formatter (~0.15 ms), and every workspace lookup asks,
 * so it is kept until `TZ` changes.
 */
export function defaultTimeZone(): string {
	const tz = globalThis.process?.env?.TZ;
	if (runtimeZone?.tz !== tz || runtimeZone === null) {
		runtimeZone = { tz, zone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' };
	}
	return runtimeZone.zone;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(timeZone: string, at: Date): Record<string, number> {
	let format = formatters.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		});
		formatters.set(timeZone, format);
	}
	const parts: Record<string, number> = {};
	for (const part of format.formatToParts(at)) {
		if (part.type !== 'literal') parts[part.type] = Number(part.value);
	}
	return parts;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The calendar day it is at `now` in `timeZone`, as 'YYYY-MM-DD'. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
	const p = partsIn(timeZone, now);
	return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** The hour of the day (0–23) at `now` in `timeZone`. */
export function hourIn(timeZone: string, now: Date = new Date()): number {
	return partsIn(timeZone, now).hour;
}

/** The day `days` after a 'YYYY-MM-DD' day (negative for before). */
export function addDays(day: string, days: number): string {
	const [y, m, d] = day.split('-').map(Number);
	const date = new Date(Date.UTC(y, m - 1, d + days));
	return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** A task due before today is overdue (due today is not: there is still the day to do it). */
export function isOverdue(due: string | null, today: string): boolean {
	return due !== null && due < today;
}

/** Due tomorrow, as the due-date reminder understands it. */
export function isDueTomorrow(due: string | null, today: string): boolean {
	return due !== null && due === addDays(today, 1);
}
