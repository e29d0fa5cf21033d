import { describe, expect, it } from 'vitest';
import { readOptions, UsageError } from './options';

describe('readOptions: scenarios and the processes database', () => {
	it('leaves the processes scenario out of the default run and puts it in --only=all', () => {
		expect(readOptions([], {}).scenarios).not.toContain('processes');
		expect(readOptions([], {}).scenarios).toContain('rooms');
		expect(readOptions(['--only=all'], {}).scenarios).toContain('processes');
		expect(readOptions(['--only=processes'], {}).scenarios).toEqual(['processes']);
		expect(readOptions([], { BENCH_ONLY: 'processes,rooms' }).scenarios).toEqual([
			'processes',
			'rooms'
		]);
	});

	it('refuses an unknown scenario', () => {
		expect(() => readOptions(['--only=process'], {})).toThrow(UsageError);
	});

	it('makes the database on the local PostgreSQL unless told otherwise', () => {
		expect(readOptions([], {}).processesDatabaseUrl).toBe(
			'postgres://postgres@127.0.0.1:5432/postgres'
		);
		expect(
			readOptions(['--processes-database-url=postgres://me@db:5433/admin'], {}).processesDatabaseUrl
		).toBe('postgres://me@db:5433/admin');
	});

	it('runs the rooms load at quick sizes with --quick', () => {
		const quick = readOptions(['--quick'], {});
		expect(quick.rooms.rooms).toBe(100);
		expect(readOptions([], {}).rooms.rooms).toBe(1000);
	});
});

describe('readOptions: rounds', () => {
	it('runs once unless told otherwise, and gives every round its own time limit', () => {
		expect(readOptions([], {}).rounds).toBe(1);
		expect(readOptions([], {}).maxMinutes).toBe(30);
		expect(readOptions(['--rounds=3'], {}).maxMinutes).toBe(90);
		expect(readOptions(['--rounds=3', '--max-minutes=40'], {}).maxMinutes).toBe(40);
		expect(readOptions([], { BENCH_ROUNDS: '5' }).rounds).toBe(5);
	});

	it('refuses a round count that is not a whole positive number', () => {
		expect(() => readOptions(['--rounds=0'], {})).toThrow(UsageError);
		expect(() => readOptions(['--rounds=1.5'], {})).toThrow(UsageError);
	});
});
