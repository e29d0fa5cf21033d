import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineError, RemotePGlite } from './pglite-remote';

/** The embedded engine in its worker thread, through the interface drizzle and the sync store use. */
describe('RemotePGlite', () => {
	let pg: RemotePGlite;
	beforeAll(async () => {
		pg = await RemotePGlite.create({ dataDir: 'memory://', extraStartParams: [] });
		await pg.query(
			'create table items (id int primary key, name text, at timestamptz, data jsonb)'
		);
	});
	afterAll(() => pg.close());

	it('returns rows parsed as PGlite would, and leaves the types a caller parses itself as text', async () => {
		await pg.query('insert into items values ($1, $2, $3, $4)', [
			1,
			'客户回访',
			'2026-12-02T06:00:00Z',
			JSON.stringify({ a: [1, 2] })
		]);
		const parsed = await pg.query<{ id: number; name: string; at: Date; data: unknown }>(
			'select * from items where id = $1',
			[1]
		);
		expect(parsed.rows[0]).toMatchObject({ id: 1, name: '客户回访', data: { a: [1, 2] } });
		expect(parsed.rows[0].at).toBeInstanceOf(Date);

		// drizzle's driver asks for timestamps as text and arrays of values.
		const raw = await pg.query<unknown[]>('select id, at from items', [], {
			rowMode: 'array',
			parsers: { 1184: (value: string) => `text:${value}` }
		});
		expect(raw.rows[0][0]).toBe(1);
		expect(raw.rows[0][1]).toMatch(/^text:2026-12-02 06:00:00/);
	});

	it('runs a statement prepared before a schema change that changed its columns, and after a failed one', async () => {
		await pg.query('create table shapes (id int primary key)');
		await pg.query('insert into shapes values (1)');
		const text = 'select * from shapes order by id';
		expect((await pg.query(text)).rows).toEqual([{ id: 1 }]);
		await pg.query('alter table shapes add column label text');
		await pg.query("update shapes set label = '客户'");
		expect((await pg.query(text)).rows).toEqual([{ id: 1, label: '客户' }]);

		// A statement that fails to prepare is not kept: once its table exists, it runs.
		const later = 'select count(*)::int as n from not_yet';
		await expect(pg.query(later)).rejects.toMatchObject({ code: '42P01' });
		await pg.query('create table not_yet (id int)');
		expect((await pg.query(later)).rows).toEqual([{ n: 0 }]);
	});

	it("keeps PostgreSQL's error fields, which callers test", async () => {
		const error = await pg.query('insert into items (id) values (1)').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(EngineError);
		expect(error).toMatchObject({ code: '23505', constraint: 'items_pkey' });
	});

	it('commits a transaction, and rolls one back when its callback throws, changing nothing', async () => {
		await pg.transaction(async (tx) => {
			await tx.query('insert into items (id, name) values (2, $1)', ['two']);
			await tx.query('insert into items (id, name) values (3, $1)', ['three']);
		});
		await expect(
			pg.transaction(async (tx) => {
				await tx.query('insert into items (id, name) values (4, $1)', ['four']);
				throw new Error('changed my mind');
			})
		).rejects.toThrow('changed my mind');
		await expect(
			pg.transaction(async (tx) => {
				await tx.query('update items set name = $1 where id = 2', ['renamed']);
				await tx.query('insert into items (id) values (3)');
			})
		).rejects.toMatchObject({ code: '23505' });
		const { rows } = await pg.query<{ id: number; name: string }>(
			'select id, name from items where id > 1 order by id'
		);
		expect(rows).toEqual([
			{ id: 2, name: 'two' },
			{ id: 3, name: 'three' }
		]);
	});

	it('keeps other statements out of an open transaction until it ends', async () => {
		let outsideSaw: number | null = null;
		await pg.transaction(async (tx) => {
			await tx.query('insert into items (id) values (10)');
			// Sent while the transaction is open: it must run after the commit.
			const outside = pg
				.query<{ n: number }>('select count(*)::int as n from items where id = 10')
				.then((r) => (outsideSaw = r.rows[0].n));
			await new Promise((r) => setTimeout(r, 50));
			expect(outsideSaw).toBeNull();
			await tx.query('delete from items where id = 10');
			void outside;
		});
		await new Promise((r) => setTimeout(r, 20));
		expect(outsideSaw).toBe(0);
	});

	it('runs urgent statements before background work queued earlier', async () => {
		const order: string[] = [];
		// A slow statement occupies the engine; then ten background reads queue, then one commit.
		const slow = pg.query('select pg_sleep(0.2)').then(() => order.push('slow'));
		const background = Array.from({ length: 10 }, (_, i) =>
			pg.query('select $1::int as i', [i]).then(() => order.push(`read${i}`))
		);
		await new Promise((r) => setTimeout(r, 20));
		const urgent = pg.urgentQuery('select 1').then(() => order.push('commit'));
		await Promise.all([slow, urgent, ...background]);
		expect(order[0]).toBe('slow');
		expect(order[1]).toBe('commit');
	});

	it('delivers notifications committed on the engine', async () => {
		const received: string[] = [];
		const stop = await pg.listen('wakeups', (payload) => received.push(payload));
		await pg.query("select pg_notify('wakeups', 'one')");
		await pg
			.transaction(async (tx) => {
				await tx.query("select pg_notify('wakeups', 'rolled back')");
				throw new Error('no');
			})
			.catch(() => undefined);
		await pg.query("select pg_notify('wakeups', 'two')");
		await expect.poll(() => received).toEqual(['one', 'two']);
		await stop();
		await pg.query("select pg_notify('wakeups', 'three')");
		await new Promise((r) => setTimeout(r, 50));
		expect(received).toEqual(['one', 'two']);
	});
});
