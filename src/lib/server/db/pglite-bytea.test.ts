import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from './index';
import { parseBytea, serializeBytea } from './pglite-bytea';

describe('bytea on the embedded engine', () => {
	let handle: DatabaseHandle;
	// Opening the engine (and migrating it) is set-up, under the hook's timeout:
	// on a starved machine it takes longer than a test's 5 s.
	beforeAll(async () => {
		handle = await openDatabase({ databaseUrl: null, dataDir: 'memory://' });
	});
	afterAll(() => handle?.close());

	it('round-trips every byte value, and large values, through the engine', async () => {
		const every = Uint8Array.from({ length: 256 }, (_, i) => i);
		const large = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 31) & 255);
		await handle.execute('create temporary table bytes (id int, data bytea)', []);
		await handle.execute('insert into bytes values (1, $1), (2, $2), (3, $3)', [
			every,
			large,
			new Uint8Array(0)
		]);
		const rows = await handle.execute<{ data: Uint8Array; n: number; head: string }>(
			"select data, length(data) as n, encode(substring(data from 1 for 3), 'hex') as head from bytes order by id",
			[]
		);
		expect(rows.map((r) => r.n)).toEqual([256, 100_000, 0]);
		// The engine stored the bytes themselves, not their text.
		expect(rows.map((r) => r.head)).toEqual(['000102', '001f3e', '']);
		expect(rows[0].data).toBeInstanceOf(Uint8Array);
		expect(Array.from(rows[0].data)).toEqual(Array.from(every));
		expect(Buffer.from(rows[1].data).equals(Buffer.from(large))).toBe(true);
		expect(rows[2].data).toHaveLength(0);
	});

	it('refuses what is not bytes, and text that is not hex', () => {
		expect(() => serializeBytea(42)).toThrow(/Uint8Array/);
		expect(() => parseBytea('abc')).toThrow(/hex/);
		expect(Array.from(parseBytea('\\x00ff5c'))).toEqual([0, 255, 92]);
	});
});
