import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from './db';
import { AppError } from './errors';
import { signUp } from './users';
import {
	addMemberByEmail,
	changeMemberRole,
	createWorkspace,
	listMembers,
	removeMember,
	requireWorkspaceRole
} from './workspaces';

let handle: DatabaseHandle;
const people: Record<string, string> = {};

async function rejection(promise: Promise<unknown>): Promise<AppError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof AppError) return error;
		throw error;
	}
	throw new Error('expected a rejection');
}

beforeAll(async () => {
	handle = await openDatabase({ databaseUrl: null, dataDir: 'memory://' });
	for (const name of ['ann', 'ben', 'cat']) {
		people[name] = (
			await signUp(handle.db, { name, email: `${name}@example.com`, password: 'long enough' })
		).id;
	}
});
afterAll(() => handle.close());

describe('workspaces and roles', () => {
	it('keeps at least one owner, whatever order things happen in', async () => {
		const ws = await createWorkspace(handle.db, people.ann, 'Service desk');
		await addMemberByEmail(handle.db, ws.id, people.ann, {
			email: 'BEN@example.com',
			role: 'editor'
		});
		expect((await rejection(removeMember(handle.db, ws.id, people.ann, people.ann))).status).toBe(
			409
		);
		expect(
			(await rejection(changeMemberRole(handle.db, ws.id, people.ann, people.ann, 'editor'))).status
		).toBe(409);
		await changeMemberRole(handle.db, ws.id, people.ann, people.ben, 'owner');
		await removeMember(handle.db, ws.id, people.ann, people.ann); // now Ann may leave
		const members = await listMembers(handle.db, ws.id);
		expect(members.map((m) => [m.name, m.role])).toEqual([['ben', 'owner']]);
	});

	it('checks roles: non-members get 403, unknown workspaces 404, editors cannot manage members', async () => {
		const ws = await createWorkspace(handle.db, people.ann, 'Field ops');
		await addMemberByEmail(handle.db, ws.id, people.ann, {
			email: 'ben@example.com',
			role: 'editor'
		});
		expect((await rejection(requireWorkspaceRole(handle.db, ws.id, people.cat))).status).toBe(403);
		expect((await rejection(requireWorkspaceRole(handle.db, 'nope', people.ann))).status).toBe(404);
		const denied = await rejection(
			addMemberByEmail(handle.db, ws.id, people.ben, { email: 'cat@example.com', role: 'viewer' })
		);
		expect(denied.status).toBe(403);
		const duplicate = await rejection(
			addMemberByEmail(handle.db, ws.id, people.ann, { email: 'ben@example.com', role: 'viewer' })
		);
		expect(duplicate.status).toBe(409);
		const bad = await rejection(
			addMemberByEmail(handle.db, ws.id, people.ann, { email: 'cat@example.com', role: 'admin' })
		);
		expect(bad.status).toBe(400);
		expect(bad.message).toContain('Role');
	});
});
