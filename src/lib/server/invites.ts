import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from './db';
import { invites, memberships, workspaces, ROLES, type Role } from './db/schema';
import { generateId, generateSecret, hashSecret, secretMatches, splitToken } from './auth/secrets';
import { notFound } from './errors';
import { notifyInviteAccepted } from './notifications/triggers';
import { requireOneOf } from './validate';
import { requireWorkspaceRole } from './workspaces';

/** Invitation links work for two weeks unless revoked. */
const INVITE_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

export interface Invite {
	id: string;
	role: Role;
	createdAt: Date;
	expiresAt: Date;
}

/** Creates a link token `<id>.<secret>`; only the secret's hash is kept, so the link is shown once. */
export async function createInvite(
	db: Database,
	workspaceId: string,
	actorId: string,
	roleInput: unknown
): Promise<Invite & { token: string }> {
	await requireWorkspaceRole(db, workspaceId, actorId, 'owner');
	const role = requireOneOf(roleInput ?? 'editor', 'Role', ROLES);
	const id = generateId();
	const secret = generateSecret();
	const expiresAt = new Date(Date.now() + INVITE_LIFETIME_MS);
	const [row] = await db
		.insert(invites)
		.values({
			id,
			workspaceId,
			role,
			secretHash: hashSecret(secret),
			createdBy: actorId,
			expiresAt
		})
		.returning();
	return { id, role, createdAt: row.createdAt, expiresAt, token: `${id}.${secret}` };
}

export async function listInvites(db: Database, workspaceId: string): Promise<Invite[]> {
	return db
		.select({
			id: invites.id,
			role: invites.role,
			createdAt: invites.createdAt,
			expiresAt: invites.expiresAt
		})
		.from(invites)
		.where(
			and(
				eq(invites.workspaceId, workspaceId),
				isNull(invites.revokedAt),
				gt(invites.expiresAt, new Date())
			)
		)
		.orderBy(desc(invites.createdAt));
}

export async function revokeInvite(
	db: Database,
	workspaceId: string,
	actorId: string,
	inviteId: string
): Promise<void> {
	await requireWorkspaceRole(db, workspaceId, actorId, 'owner');
	const updated = await db
		.update(invites)
		.set({ revokedAt: new Date() })
		.where(and(eq(invites.id, inviteId), eq(invites.workspaceId, workspaceId)))
		.returning({ id: invites.id });
	if (updated.length === 0) throw notFound('No such invitation.');
}

/** What a link offers, or null when it is unknown, revoked or expired. */
export async function describeInvite(
	db: Database,
	token: string
): Promise<{ inviteId: string; workspaceId: string; workspaceName: string; role: Role } | null> {
	const parts = splitToken(token);
	if (!parts) return null;
	const [row] = await db
		.select({
			id: invites.id,
			secretHash: invites.secretHash,
			role: invites.role,
			expiresAt: invites.expiresAt,
			revokedAt: invites.revokedAt,
			workspaceId: workspaces.id,
			workspaceName: workspaces.name
		})
		.from(invites)
		.innerJoin(workspaces, eq(workspaces.id, invites.workspaceId))
		.where(eq(invites.id, parts.id));
	if (!row || !secretMatches(parts.secret, row.secretHash)) return null;
	if (row.revokedAt || row.expiresAt.getTime() <= Date.now()) return null;
	return {
		inviteId: row.id,
		workspaceId: row.workspaceId,
		workspaceName: row.workspaceName,
		role: row.role
	};
}

/** Joins the workspace through a link. Someone who is already a member keeps their role. */
export async function acceptInvite(db: Database, token: string, userId: string): Promise<string> {
	const invite = await describeInvite(db, token);
	if (!invite) throw notFound('This invitation link is not valid any more. Ask for a new one.');
	await db.transaction(async (tx) => {
		const joined = await tx
			.insert(memberships)
			.values({ workspaceId: invite.workspaceId, userId, role: invite.role })
			.onConflictDoNothing()
			.returning({ userId: memberships.userId });
		if (joined.length > 0) await notifyInviteAccepted({ db: tx }, invite.inviteId, userId);
	});
	return invite.workspaceId;
}
