/** "4:05" for a countdown; a started second counts as a whole one, so 0:00 means the time is up. */
export function formatCountdown(milliseconds: number): string {
	const total = Math.max(0, Math.ceil(milliseconds / 1000));
	const minutes = Math.floor(total / 60);
	const seconds = total % 60;
	return `${minutes}:${String(seconds).padStart(2, '0')}`;
}
