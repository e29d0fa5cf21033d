import { describe, expect, it } from 'vitest';
import { createThrottle, type Clock } from './throttle';

function fakeClock() {
	let now = 0;
	let timers: { at: number; run: () => void; id: number }[] = [];
	let nextId = 1;
	const clock: Clock = {
		now: () => now,
		setTimeout: (run, ms) => {
			const id = nextId++;
			timers.push({ at: now + ms, run, id });
			return id;
		},
		clearTimeout: (id) => (timers = timers.filter((t) => t.id !== id))
	};
	const advance = (ms: number) => {
		const end = now + ms;
		for (;;) {
			const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
			if (!due) break;
			timers = timers.filter((t) => t !== due);
			now = due.at;
			due.run();
		}
		now = end;
	};
	return { clock, advance };
}

describe('createThrottle', () => {
	it('sends at most one update per interval, always ending with the newest value', () => {
		const { clock, advance } = fakeClock();
		const sent: number[] = [];
		const throttle = createThrottle((v: number) => sent.push(v), 50, clock);
		// A drag reporting a position every 5 ms for one second.
		for (let i = 0; i < 200; i++) {
			throttle.push(i);
			advance(5);
		}
		advance(100);
		expect(sent.length).toBeLessThanOrEqual(21);
		expect(sent.length).toBeGreaterThanOrEqual(19);
		expect(sent[0]).toBe(0);
		expect(sent[sent.length - 1]).toBe(199);
	});

	it('flushes the waiting value at once and cancel drops it', () => {
		const { clock, advance } = fakeClock();
		const sent: string[] = [];
		const throttle = createThrottle((v: string) => sent.push(v), 50, clock);
		throttle.push('a');
		throttle.push('b');
		throttle.flush();
		expect(sent).toEqual(['a', 'b']);
		throttle.push('c');
		throttle.cancel();
		advance(200);
		expect(sent).toEqual(['a', 'b']);
	});
});
