import { and, asc, count, eq, sql } from 'drizzle-orm';
import { publishAccessChange } from './auth/revocations';
import type { Database, Executor } from './db';
import { documents, memberships, users, workspaces, ROLES, type Role } from './db/schema';
import { generateId } from './auth/secrets';
import { defaultTimeZone, isValidTimeZone } from '$lib/model/dates';
import { badRequest, conflict, forbidden, notFound } from './errors';
import { m } from '../paraglide/messages.js';
import { roleName } from './labels';
import { findUserByEmail } from './users';
import { requireEmail, requireOneOf, requireString } from './validate';

const RANK: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 };

export function roleAtLeast(role: Role, needed: Role): boolean {
	return RANK[role] >= RANK[needed];
}

export interface Workspace {
	id: string;
	name: string;
	createdAt: Date;
	/** IANA zone that due dates and "today" are read in (src/lib/model/dates.ts). */
	timeZone: string;
}

export interface WorkspaceSummary extends Workspace {
	role: Role;
	memberCount: number;
	documentCount: number;
}

export interface Member {
	userId: string;
	name: string;
	email: string;
	role: Role;
	joinedAt: Date;
}

export async function createWorkspace(
	db: Database,
	userId: string,
	nameInput: unknown
): Promise<Workspace & { role: Role }> {
	const name = requireString(nameInput, m.server_field_workspace_name(), { max: 100 });
	const id = generateId();
	return db.transaction(async (tx) => {
		const [row] = await tx.insert(workspaces).values({ id, name, createdBy: userId }).returning();
		await tx.insert(memberships).values({ workspaceId: id, userId, role: 'owner' });
		return {
			id,
			name,
			createdAt: row.createdAt,
			timeZone: row.timeZone ?? defaultTimeZone(),
			role: 'owner' as const
		};
	});
}

export async function listWorkspaces(db: Database, userId: string): Promise<WorkspaceSummary[]> {
	const rows = await db
		.select({
			id: workspaces.id,
			name: workspaces.name,
			createdAt: workspaces.createdAt,
			timeZone: workspaces.timeZone,
			role: memberships.role,
			memberCount: sql<number>`(select count(*)::int from ${memberships} m where m.workspace_id = ${workspaces.id})`,
			documentCount: sql<number>`(select count(*)::int from ${documents} d where d.workspace_id = ${workspaces.id} and d.archived_at is null)`
		})
		.from(memberships)
		.innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
		.where(eq(memberships.userId, userId))
		.orderBy(asc(workspaces.name));
	return rows.map((r) => ({
		...r,
		timeZone: r.timeZone ?? defaultTimeZone(),
		memberCount: Number(r.memberCount),
		documentCount: Number(r.documentCount)
	}));
}

/**
 * The caller's access to a workspace: 404 when it does not exist, 403 when the
 * caller is not a member or their role is below `needed`.
 */
export async function requireWorkspaceRole(
	db: Database,
	workspaceId: string,
	userId: string,
	needed: Role = 'viewer'
): Promise<Workspace & { role: Role }> {
	const [row] = await db
		.select({
			id: workspaces.id,
			name: workspaces.name,
			createdAt: workspaces.createdAt,
			timeZone: workspaces.timeZone,
			role: memberships.role
		})
		.from(workspaces)
		.leftJoin(
			memberships,
			and(eq(memberships.workspaceId, workspaces.id), eq(memberships.userId, userId))
		)
		.where(eq(workspaces.id, workspaceId));
	if (!row) throw notFound(m.server_no_such_workspace());
	if (!row.role) throw forbidden(m.server_not_a_member());
	if (!roleAtLeast(row.role, needed)) {
		throw forbidden(m.server_role_needed({ needed: roleName(needed), role: roleName(row.role) }));
	}
	return {
		id: row.id,
		name: row.name,
		createdAt: row.createdAt,
		timeZone: row.timeZone ?? defaultTimeZone(),
		role: row.role
	};
}

export async function renameWorkspace(
	db: Database,
	workspaceId: string,
	actorId: string,
	nameInput: unknown
): Promise<void> {
	await requireWorkspaceRole(db, workspaceId, actorId, 'owner');
	const name = requireString(nameInput, m.server_field_workspace_name(), { max: 100 });
	await db.update(workspaces).set({ name }).where(eq(workspaces.id, workspaceId));
}

/** Sets the zone the workspace's due dates are read in (owners only); an IANA name such as Europe/Berlin. */
export async function setWorkspaceTimeZone(
	db: Database,
	workspaceId: string,
	actorId: string,
	input: unknown
): Promise<void> {
	await requireWorkspaceRole(db, workspaceId, actorId, 'owner');
	if (!isValidTimeZone(input)) {
		throw badRequest(m.server_time_zone_invalid());
	}
	await db.update(workspaces).set({ timeZone: input }).where(eq(workspaces.id, workspaceId));
}

export async function listMembers(db: Database, workspaceId: string): Promise<Member[]> {
	return db
		.select({
			userId: users.id,
			name: users.name,
			email: users.email,
			role: memberships.role,
			joinedAt: memberships.createdAt
		})
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(eq(memberships.workspaceId, workspaceId))
		.orderBy(asc(users.name));
}

export async function addMemberByEmail(
	db: Database,
	workspaceId: string,
	actorId: string,
	input: { email: unknown; role: unknown }
): Promise<Member> {
	await requireWorkspaceRole(db, workspaceId, actorId, 'owner');
	const email = requireEmail(input.email);
	const role = requireOneOf(input.role ?? 'editor', m.server_field_role(), ROLES);
	const user = await findUserByEmail(db, email);
	if (!user) {
		throw notFound(m.server_no_account_for_email());
	}
	const inserted = await db
		.insert(memberships)
		.values({ workspaceId, userId: user.id, role })
		.onConflictDoNothing()
		.returning();
	if (inserted.length === 0) throw conflict(m.server_already_member({ name: user.name }));
	return {
		userId: user.id,
		name: user.name,
		email: user.email,
		role,
		joinedAt: inserted[0].createdAt
	};
}

async function countOwners(db: Pick<Database, 'select'>, workspaceId: string): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(memberships)
		.where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner')));
	return Number(row.n);
}

/**
 * Locks the workspace's membership rows and returns one of them, so two
 * owners demoting or removing each other at once cannot leave the workspace
 * without an owner.
 */
async function lockMembership(tx: Executor, workspaceId: string, userId: string) {
	await tx.execute(
		sql`select 1 from ${memberships} where workspace_id = ${workspaceId} for update`
	);
	const [current] = await tx
		.select()
		.from(memberships)
		.where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
	if (!current) throw notFound(m.server_not_member_person());
	return current;
}

export async function changeMemberRole(
	db: Database,
	workspaceId: string,
	actorId: string,
	userId: string,
	roleInput: unknown
): Promise<Member> {
	await requireWorkspaceRole(db, workspaceId, actorId, 'owner');
	const role = requireOneOf(roleInput, m.server_field_role(), ROLES);
	const member = await db.transaction(async (tx) => {
		const current = await lockMembership(tx, workspaceId, userId);
		if (current.role === 'owner' && role !== 'owner' && (await countOwners(tx, workspaceId)) <= 1) {
			throw conflict(m.server_needs_an_owner());
		}
		await tx
			.update(memberships)
			.set({ role })
			.where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
		const [user] = await tx.select().from(users).where(eq(users.id, userId));
		return { userId, name: user.name, email: user.email, role, joinedAt: current.createdAt };
	});
	// Open sockets keep the role they were opened with until checked again: a
	// demoted editor must not go on writing through one.
	publishAccessChange({ workspaceId, userId });
	return member;
}

/** Owners remove anyone; any member may remove themselves (leave). The last owner cannot go. */
export async function removeMember(
	db: Database,
	workspaceId: string,
	actorId: string,
	userId: string
): Promise<void> {
	await requireWorkspaceRole(db, workspaceId, actorId, actorId === userId ? 'viewer' : 'owner');
	await db.transaction(async (tx) => {
		const current = await lockMembership(tx, workspaceId, userId);
		if (current.role === 'owner' && (await countOwners(tx, workspaceId)) <= 1) {
			throw conflict(actorId === userId ? m.server_last_owner_leave() : m.server_needs_one_owner());
		}
		await tx
			.delete(memberships)
			.where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
	});
	publishAccessChange({ workspaceId, userId });
}

export async function getMemberRole(
	db: Database,
	workspaceId: string,
	userId: string
): Promise<Role | null> {
	const [row] = await db
		.select({ role: memberships.role })
		.from(memberships)
		.where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
	return row?.role ?? null;
}
