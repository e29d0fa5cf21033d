import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
	['year', 365 * 24 * 3600],
	['month', 30 * 24 * 3600],
	['week', 7 * 24 * 3600],
	['day', 24 * 3600],
	['hour', 3600],
	['minute', 60]
];

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
function relativeFormat(locale: string): Intl.RelativeTimeFormat {
	let format = relativeFormats.get(locale);
	if (!format)
		relativeFormats.set(
			locale,
			(format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }))
		);
	return format;
}

/** "just now", "5 minutes ago", "yesterday", "3 weeks ago" — or 刚刚, 5分钟前, 昨天, 3周前. */
export function formatRelativeTime(
	date: Date | string,
	now: Date = new Date(),
	locale: string = getLocale()
): string {
	const seconds = Math.round((new Date(date).getTime() - now.getTime()) / 1000);
	for (const [unit, size] of UNITS) {
		if (Math.abs(seconds) >= size)
			return relativeFormat(locale).format(Math.trunc(seconds / size), unit);
	}
	return m.time_just_now({}, { locale: locale as ReturnType<typeof getLocale> });
}

/** "Dec 1, 2026" / 2026年12月1日. */
export function formatDate(date: Date | string, locale: string = getLocale()): string {
	return new Date(date).toLocaleDateString(locale, {
		year: 'numeric',
		month: 'short',
		day: 'numeric'
	});
}

/** A moment with its time, for tooltips: "Dec 1, 2026, 3:04 PM" / 2026年12月1日 15:04. */
export function formatDateTime(date: Date | string, locale: string = getLocale()): string {
	return new Date(date).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}
