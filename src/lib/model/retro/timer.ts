/** A phase timer runs at least this long and at most two hours: a meeting's phase, not a day. */
export const MIN_TIMER_SECONDS = 10;
export const MAX_TIMER_SECONDS = 2 * 60 * 60;

export function isTimerLength(value: unknown): value is number {
	return (
		typeof value === 'number' &&
		Number.isInteger(value) &&
		value >= MIN_TIMER_SECONDS &&
		value <= MAX_TIMER_SECONDS
	);
}
