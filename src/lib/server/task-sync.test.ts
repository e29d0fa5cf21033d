import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { ExtractedAction } from '$lib/model/actions';
import { openDatabase, type DatabaseHandle } from './db';
import { tasks } from './db/schema';
import { createDocument } from './documents';
import { reconcileDocumentTasks } from './task-sync';
import { signUp } from './users';
import { createWorkspace } from './workspaces';

let handle: DatabaseHandle;
let document: { id: string; workspaceId: string };
let userId: string;

const action = (
	sourceKey: string,
	title: string,
	extra: Partial<ExtractedAction> = {}
): ExtractedAction => ({
	sourceKey,
	title,
	done: false,
	assigneeId: null,
	dueDate: null,
	...extra
});

async function taskRows() {
	const rows = await handle.db.select().from(tasks).where(eq(tasks.sourceDocumentId, document.id));
	return new Map(rows.map((r) => [r.sourceKey, r]));
}

beforeAll(async () => {
	handle = await openDatabase({ databaseUrl: null, dataDir: 'memory://' });
	userId = (
		await signUp(handle.db, { name: 'Ann', email: 'ann@example.com', password: 'long enough' })
	).id;
	const ws = await createWorkspace(handle.db, userId, 'Ops');
	document = await createDocument(handle.db, ws.id, userId, {
		kind: 'framework',
		title: 'Framework'
	});
});
afterAll(() => handle.close());

describe('reconciling extracted actions into tasks', () => {
	it('creates, updates, marks removed and revives, and a re-run changes nothing', async () => {
		const first = await reconcileDocumentTasks(handle, document, [
			action('a', 'Publish hours', { assigneeId: userId, dueDate: '2026-12-01' }),
			action('b', 'Retire old form', { assigneeId: 'not-a-member' })
		]);
		expect(first.created).toHaveLength(2);
		let rows = await taskRows();
		expect(rows.get('a')).toMatchObject({
			title: 'Publish hours',
			status: 'open',
			assigneeId: userId,
			dueDate: '2026-12-01'
		});
		expect(rows.get('b')!.assigneeId).toBeNull(); // only members can be assignees

		const again = await reconcileDocumentTasks(handle, document, [
			action('a', 'Publish hours', { assigneeId: userId, dueDate: '2026-12-01' }),
			action('b', 'Retire old form', { assigneeId: 'not-a-member' })
		]);
		expect(again).toEqual({ created: [], updated: [], removed: [], assigned: [] });

		const edited = await reconcileDocumentTasks(handle, document, [
			action('a', 'Publish new hours', { done: true, assigneeId: userId, dueDate: '2026-12-01' })
		]);
		expect(edited.created).toEqual([]);
		expect(edited.updated).toHaveLength(1);
		expect(edited.removed).toHaveLength(1);
		rows = await taskRows();
		expect(rows.size).toBe(2);
		expect(rows.get('a')).toMatchObject({ title: 'Publish new hours', status: 'done' });
		expect(rows.get('a')!.completedAt).not.toBeNull();
		expect(rows.get('b')!.removedFromSourceAt).not.toBeNull();

		// Undo brings item b back: the same task is revived, not a new one.
		const revived = await reconcileDocumentTasks(handle, document, [
			action('a', 'Publish new hours', { done: true, assigneeId: userId, dueDate: '2026-12-01' }),
			action('b', 'Retire old form')
		]);
		expect(revived.created).toEqual([]);
		rows = await taskRows();
		expect(rows.get('b')!.removedFromSourceAt).toBeNull();
	});

	it('keeps list-only statuses while the box stays unticked, and reopens a done task when unticked', async () => {
		await reconcileDocumentTasks(handle, document, [action('s', 'Status test')]);
		const rows = await taskRows();
		await handle.db
			.update(tasks)
			.set({ status: 'blocked' })
			.where(eq(tasks.id, rows.get('s')!.id));
		await reconcileDocumentTasks(handle, document, [action('s', 'Status test')]);
		expect((await taskRows()).get('s')!.status).toBe('blocked');
		await reconcileDocumentTasks(handle, document, [action('s', 'Status test', { done: true })]);
		expect((await taskRows()).get('s')!.status).toBe('done');
		await reconcileDocumentTasks(handle, document, [action('s', 'Status test')]);
		expect((await taskRows()).get('s')!.status).toBe('open');
	});

	it('with the previous actions given, touches only what changed', async () => {
		const before = [action('i1', 'One'), action('i2', 'Two'), action('i3', 'Three')];
		await reconcileDocumentTasks(handle, document, before);
		const after = [action('i1', 'One'), action('i2', 'Two, edited')];
		const result = await reconcileDocumentTasks(handle, document, after, { previous: before });
		expect(result.created).toEqual([]);
		expect(result.updated).toHaveLength(1);
		expect(result.removed).toHaveLength(1);
		const rows = await taskRows();
		expect(rows.get('i2')!.title).toBe('Two, edited');
		expect(rows.get('i3')!.removedFromSourceAt).not.toBeNull();
		expect(await reconcileDocumentTasks(handle, document, after, { previous: after })).toEqual({
			created: [],
			updated: [],
			removed: [],
			assigned: []
		});
	});

	it('treats duplicate keys (a paste before re-keying) as one task', async () => {
		const result = await reconcileDocumentTasks(handle, document, [
			action('d', 'Copy 1'),
			action('d', 'Copy 2')
		]);
		expect(result.created).toHaveLength(1);
		expect((await taskRows()).get('d')!.title).toBe('Copy 1');
	});
});
