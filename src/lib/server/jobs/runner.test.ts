import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../config';
import { openDatabase, type DatabaseHandle } from '../db';
import { simpleParser } from 'mailparser';
import { jobs } from '../db/schema';
import { composeMail, queueMail } from '../mail';
import { enqueueJob } from './queue';
import { defineJob, defineRecurringJob, type JobDeps } from './registry';
import { JobRunner } from './runner';

let handle: DatabaseHandle;
let dataDir: string;
let deps: JobDeps;
const runs: string[] = [];
let hourlyRuns = 0;
let failuresLeft = 0;

defineJob<{ name: string }>('test.record', async ({ name }) => {
	runs.push(name);
});
defineJob<{ name: string }>('test.flaky', async ({ name }) => {
	if (failuresLeft-- > 0) throw new Error('mail server is down');
	runs.push(name);
});
defineRecurringJob('test.every-hour', 60 * 60 * 1000, async () => {
	hourlyRuns++;
});

beforeAll(async () => {
	handle = await openDatabase({ databaseUrl: null, dataDir: 'memory://' });
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsloom-jobs-'));
	const config = readConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'error' });
	deps = { db: handle.db, config, origin: 'http://127.0.0.1:3000', sync: null };
});

afterAll(async () => {
	await handle.close();
	fs.rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
	runs.length = 0;
	failuresLeft = 0;
	hourlyRuns = 0;
	await handle.db.delete(jobs);
});

/** Makes a failed job due again now, as if its backoff had passed. */
async function skipBackoff(): Promise<void> {
	await handle.db.execute(sql`update jobs set run_at = now() where done_at is null`);
}

describe('the job runner', () => {
	it('runs a queued job once and marks it done', async () => {
		const runner = new JobRunner(deps, 1000);
		await enqueueJob(handle.db, 'test.record', { name: 'a' });
		await runner.runNow();
		await runner.runNow();
		expect(runs).toEqual(['a']);
		const [row] = await handle.db
			.select()
			.from(jobs)
			.where(sql`kind = 'test.record'`);
		expect(row.doneAt).not.toBeNull();
		expect(row.attempts).toBe(1);
	});

	it('keeps one job per key, however often it is queued', async () => {
		const runner = new JobRunner(deps, 1000);
		expect(await enqueueJob(handle.db, 'test.record', { name: 'k' }, { key: 'once' })).toBe(true);
		expect(await enqueueJob(handle.db, 'test.record', { name: 'k2' }, { key: 'once' })).toBe(false);
		await runner.runNow();
		expect(await enqueueJob(handle.db, 'test.record', { name: 'k3' }, { key: 'once' })).toBe(false);
		await runner.runNow();
		expect(runs).toEqual(['k']);
	});

	it('does not run a job before its time', async () => {
		const runner = new JobRunner(deps, 1000);
		await enqueueJob(
			handle.db,
			'test.record',
			{ name: 'later' },
			{ runAt: new Date(Date.now() + 60_000) }
		);
		await runner.runNow();
		expect(runs).toEqual([]);
	});

	it('retries a failing job with backoff, then gives up and keeps the error', async () => {
		const runner = new JobRunner(deps, 1000);
		failuresLeft = 1;
		await enqueueJob(handle.db, 'test.flaky', { name: 'retried' });
		await runner.runNow();
		expect(runs).toEqual([]);
		const [waiting] = await handle.db
			.select()
			.from(jobs)
			.where(sql`kind = 'test.flaky'`);
		expect(waiting.lastError).toBe('mail server is down');
		// The first retry waits about ten seconds, not zero.
		expect(waiting.runAt.getTime() - Date.now()).toBeGreaterThan(5_000);
		await runner.runNow();
		expect(runs).toEqual([]);
		await skipBackoff();
		await runner.runNow();
		expect(runs).toEqual(['retried']);

		failuresLeft = 100;
		await enqueueJob(handle.db, 'test.flaky', { name: 'hopeless' }, { maxAttempts: 2 });
		await runner.runNow();
		await skipBackoff();
		await runner.runNow();
		const [failed] = await handle.db
			.select()
			.from(jobs)
			.where(sql`payload->>'name' = 'hopeless'`);
		expect(failed.failedAt).not.toBeNull();
		expect(failed.attempts).toBe(2);
		await skipBackoff();
		await runner.runNow();
		expect(runs).toEqual(['retried']);
	});

	it('runs a recurring job once per slot, also with two runners on one database', async () => {
		const first = new JobRunner(deps, 1000);
		const second = new JobRunner(deps, 1000);
		await Promise.all([first.runNow(), second.runNow(), first.runNow()]);
		await second.runNow();
		expect(hourlyRuns).toBe(1);
	});

	it('never gives one job to two runners at once', async () => {
		const first = new JobRunner(deps, 1000);
		const second = new JobRunner(deps, 1000);
		for (let i = 0; i < 30; i++) await enqueueJob(handle.db, 'test.record', { name: `j${i}` });
		await Promise.all([first.runNow(), second.runNow(), first.runNow(), second.runNow()]);
		expect([...runs].sort()).toEqual(Array.from({ length: 30 }, (_, i) => `j${i}`).sort());
	});
});

describe('mail without SMTP_URL', () => {
	it('writes a queued mail to DATA_DIR/outbox with text, HTML and the unsubscribe headers', async () => {
		const runner = new JobRunner(deps, 1000);
		await handle.db.transaction(async (tx) => {
			await queueMail(
				tx,
				composeMail({
					to: 'mei@example.com',
					locale: 'en',
					subject: '客户回访 <due> tomorrow',
					heading: 'Your action is due tomorrow',
					paragraphs: ['Call the supplier <b>today</b>.'],
					action: { label: 'Open the task', url: 'http://127.0.0.1:3000/w/ws1/tasks' },
					unsubscribeUrl: 'http://127.0.0.1:3000/unsubscribe/abc'
				})
			);
		});
		await runner.runNow();
		const dir = path.join(dataDir, 'outbox');
		const files = fs.readdirSync(dir).filter((f) => f.endsWith('.eml'));
		expect(files).toHaveLength(1);
		const raw = fs.readFileSync(path.join(dir, files[0]), 'utf8');
		expect(raw).toMatch(/^To: mei@example\.com$/m);
		expect(raw).toMatch(/^From: Opsloom <opsloom@localhost>$/m);
		expect(raw).toMatch(/^List-Unsubscribe: <http:\/\/127\.0\.0\.1:3000\/unsubscribe\/abc>$/m);
		expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
		const mail = await simpleParser(raw);
		expect(mail.subject).toBe('客户回访 <due> tomorrow');
		expect(mail.text).toContain('Call the supplier <b>today</b>.');
		expect(mail.text).toContain('Open the task: http://127.0.0.1:3000/w/ws1/tasks');
		// User text is escaped in the HTML part; the link is a real link.
		expect(mail.html).toContain('Call the supplier &lt;b&gt;today&lt;/b&gt;.');
		expect(mail.html).toContain('href="http://127.0.0.1:3000/w/ws1/tasks"');
	});

	it('refuses to put a javascript: link into a mail', () => {
		expect(() =>
			composeMail({
				to: 'a@example.com',
				locale: 'en',
				subject: 's',
				heading: 'h',
				paragraphs: [],
				action: { label: 'x', url: 'javascript:alert(1)' }
			})
		).toThrow(/javascript/);
	});
});
