import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../db';
import { measurementChanges, measurements } from '../db/schema';
import { signUp } from '../users';
import { createWorkspace } from '../workspaces';
import { requireIndicatorAccess, type IndicatorRow } from './access';
import { createIndicator } from './commands';
import { recordMeasurements } from './measurements';

let handle: DatabaseHandle;
let userId: string;
let indicator: IndicatorRow;

beforeAll(async () => {
	handle = await openDatabase({ databaseUrl: null, dataDir: 'memory://' });
	userId = (
		await signUp(handle.db, { name: 'Ann', email: 'ann@example.com', password: 'long enough' })
	).id;
	const ws = await createWorkspace(handle.db, userId, 'Ops');
	const access = await requireIndicatorAccess(handle.db, ws.id, userId);
	indicator = await createIndicator(handle.db, access, {
		name: 'First-contact resolution',
		direction: 'higher',
		frequency: 'daily'
	});
});
afterAll(() => handle.close());

const stored = async () =>
	handle.db
		.select({ period: measurements.period, value: measurements.value, note: measurements.note })
		.from(measurements)
		.where(eq(measurements.indicatorId, indicator.id))
		.orderBy(asc(measurements.period));

const audit = async () =>
	handle.db
		.select()
		.from(measurementChanges)
		.where(eq(measurementChanges.indicatorId, indicator.id))
		.orderBy(asc(measurementChanges.id));

describe('recording measurements in bulk', () => {
	it('adds, updates with notes kept, removes, and audits each change in order', async () => {
		const days = Array.from({ length: 2500 }, (_, i) =>
			new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10)
		);
		const first = await recordMeasurements(
			handle.db,
			indicator,
			days.map((period, i) => ({
				period,
				value: i / 4,
				note: i === 0 ? '首日 “quoted”' : undefined
			})),
			userId,
			'import'
		);
		expect(first).toEqual({ added: 2500, updated: 0, removed: 0, unchanged: 0 });
		let rows = await stored();
		expect(rows).toHaveLength(2500);
		expect(rows[0]).toEqual({ period: days[0], value: 0, note: '首日 “quoted”' });
		expect(rows[2499].value).toBe(2499 / 4);

		const second = await recordMeasurements(
			handle.db,
			indicator,
			[
				{ period: days[0], value: 7 },
				{ period: days[1], value: 0.25 },
				{ period: days[2], value: null }
			],
			userId,
			'api'
		);
		expect(second).toEqual({ added: 0, updated: 1, removed: 1, unchanged: 1 });
		rows = await stored();
		expect(rows).toHaveLength(2499);
		expect(rows[0]).toEqual({ period: days[0], value: 7, note: '首日 “quoted”' });

		const trail = await audit();
		expect(trail).toHaveLength(2502);
		expect(trail.slice(0, 3).map((c) => c.period)).toEqual(days.slice(0, 3));
		expect(trail.at(-2)).toMatchObject({
			period: days[0],
			oldValue: 0,
			newValue: 7,
			oldNote: '首日 “quoted”',
			newNote: '首日 “quoted”',
			source: 'api',
			changedBy: userId
		});
		expect(trail.at(-1)).toMatchObject({ period: days[2], oldValue: 0.5, newValue: null });
	});
});
