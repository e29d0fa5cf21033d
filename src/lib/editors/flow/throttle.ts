/**
 * Calls `run` with the latest value at most once per `intervalMs`: the first
 * value at once, later ones when the interval has passed (only the newest one
 * waiting). Used for what others watch live — positions during a drag, the
 * cursor, the viewport — so one person sends at most 1000 / intervalMs
 * updates a second however fast their pointer moves.
 */
export interface Throttle<T> {
	push(value: T): void;
	/** Runs the waiting value now, if any. */
	flush(): void;
	/** Drops the waiting value. */
	cancel(): void;
}

export interface Clock {
	now(): number;
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
	now: () => performance.now(),
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

export function createThrottle<T>(
	run: (value: T) => void,
	intervalMs: number,
	clock: Clock = realClock
): Throttle<T> {
	let last = -Infinity;
	let waiting: { value: T } | null = null;
	let timer: unknown = null;

	const fire = () => {
		timer = null;
		if (!waiting) return;
		const { value } = waiting;
		waiting = null;
		last = clock.now();
		run(value);
	};

	return {
		push(value) {
			waiting = { value };
			const wait = last + intervalMs - clock.now();
			if (wait <= 0) {
				if (timer !== null) clock.clearTimeout(timer);
				fire();
			} else if (timer === null) {
				timer = clock.setTimeout(fire, wait);
			}
		},
		flush() {
			if (timer !== null) clock.clearTimeout(timer);
			fire();
		},
		cancel() {
			if (timer !== null) clock.clearTimeout(timer);
			timer = null;
			waiting = null;
		}
	};
}
