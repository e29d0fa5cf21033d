import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Room } from './room';
import { MAX_WAIT_MS, QUIET_MS, SettleScheduler, type SettleConsumer } from './settle-scheduler';

function room(documentId: string, kind = 'framework'): Room {
	return { documentId, kind, state: 'ready' } as Room;
}

function consumer(name: string, kinds = ['framework']) {
	const runs: string[] = [];
	let release: (() => void) | null = null;
	const c: SettleConsumer & { runs: string[]; hold: boolean; release: () => void } = {
		name,
		runs,
		hold: false,
		handles: (r) => kinds.includes(r.kind),
		settle: async (r) => {
			runs.push(r.documentId);
			if (c.hold) await new Promise<void>((resolve) => (release = resolve));
		},
		release: () => release?.()
	};
	return c;
}

describe('settling documents after edits', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('runs each subscriber once a document was quiet, and only for the kinds it handles', async () => {
		const scheduler = new SettleScheduler();
		const actions = consumer('actions');
		const search = consumer('search', ['framework', 'retro']);
		scheduler.subscribe(actions);
		scheduler.subscribe(search);
		const a = room('a');
		const b = room('b', 'retro');
		scheduler.changed(a);
		scheduler.changed(b);
		await vi.advanceTimersByTimeAsync(QUIET_MS / 2);
		scheduler.changed(a);
		await vi.advanceTimersByTimeAsync(QUIET_MS / 2 + 150);
		expect(actions.runs).toEqual([]);
		expect(search.runs).toEqual(['b']);
		await vi.advanceTimersByTimeAsync(QUIET_MS);
		expect(actions.runs).toEqual(['a']);
		expect(search.runs).toEqual(['b', 'a']);
		scheduler.close();
	});

	it('runs a document that never goes quiet within the maximum wait', async () => {
		const scheduler = new SettleScheduler();
		const actions = consumer('actions');
		scheduler.subscribe(actions);
		const a = room('a');
		for (let t = 0; t < MAX_WAIT_MS + 200; t += 200) {
			scheduler.changed(a);
			await vi.advanceTimersByTimeAsync(200);
		}
		expect(actions.runs).toEqual(['a']);
		scheduler.close();
	});

	it('never runs a consumer twice at once for a document, and flush waits for both', async () => {
		const scheduler = new SettleScheduler();
		const actions = consumer('actions');
		actions.hold = true;
		scheduler.subscribe(actions);
		const a = room('a');
		scheduler.changed(a);
		await vi.advanceTimersByTimeAsync(QUIET_MS + 150);
		expect(actions.runs).toEqual(['a']);
		scheduler.changed(a);
		await vi.advanceTimersByTimeAsync(QUIET_MS * 3);
		expect(actions.runs).toEqual(['a']);
		let flushed = false;
		const flush = scheduler.flush(a).then(() => (flushed = true));
		actions.release();
		await vi.advanceTimersByTimeAsync(0);
		expect(actions.runs).toEqual(['a', 'a']);
		expect(flushed).toBe(false);
		actions.release();
		await flush;
		expect(flushed).toBe(true);
		scheduler.close();
	});

	it('settles a thousand documents at once, a few runs at a time', async () => {
		const scheduler = new SettleScheduler();
		let running = 0;
		let most = 0;
		const done: string[] = [];
		scheduler.subscribe({
			name: 'slow',
			handles: () => true,
			settle: async (r) => {
				running += 1;
				most = Math.max(most, running);
				await new Promise((resolve) => setTimeout(resolve, 1));
				running -= 1;
				done.push(r.documentId);
			}
		});
		for (let i = 0; i < 1000; i++) scheduler.changed(room(`d${i}`));
		await vi.advanceTimersByTimeAsync(QUIET_MS + 2_000);
		expect(done).toHaveLength(1000);
		expect(most).toBeLessThanOrEqual(2);
		scheduler.close();
	});

	it('stops calling a consumer that unsubscribed', async () => {
		const scheduler = new SettleScheduler();
		const actions = consumer('actions');
		const stop = scheduler.subscribe(actions);
		scheduler.changed(room('a'));
		stop();
		await vi.advanceTimersByTimeAsync(MAX_WAIT_MS);
		expect(actions.runs).toEqual([]);
		scheduler.close();
	});
});
