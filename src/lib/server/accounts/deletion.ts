import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Executor } from '../db';
import { memberships, users, workspaces } from '../db/schema';
import { publishRevocation } from '../auth/revocations';
import { conflict } from '../errors';
import { m } from '../../paraglide/messages.js';
import { quotedList } from '../labels';
import { requireCurrentPassword } from './current-password';

export interface WorkspaceRef {
	id: string;
	name: string;
}

/**
 * What deleting an account does to the person's workspaces. A workspace where
 * they are the last owner but others are members blocks the deletion: it must
 * be handed over first, or the others would be left in a workspace nobody can
 * manage. A workspace where they are the only member would have no one left
 * at all, so it is deleted with the account — but only when the request says
 * so, after the person was shown the list.
 */
export interface DeletionPlan {
	handOverFirst: WorkspaceRef[];
	deletedWithAccount: WorkspaceRef[];
}

export async function planAccountDeletion(db: Executor, userId: string): Promise<DeletionPlan> {
	const rows = await db
		.select({
			id: workspaces.id,
			name: workspaces.name,
			otherMembers: sql<number>`(select count(*)::int from ${memberships} m where m.workspace_id = ${workspaces.id} and m.user_id <> ${userId})`,
			otherOwners: sql<number>`(select count(*)::int from ${memberships} m where m.workspace_id = ${workspaces.id} and m.user_id <> ${userId} and m.role = 'owner')`
		})
		.from(memberships)
		.innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
		.where(and(eq(memberships.userId, userId), eq(memberships.role, 'owner')))
		.orderBy(workspaces.name);
	return {
		handOverFirst: rows
			.filter((r) => Number(r.otherMembers) > 0 && Number(r.otherOwners) === 0)
			.map(({ id, name }) => ({ id, name })),
		deletedWithAccount: rows
			.filter((r) => Number(r.otherMembers) === 0)
			.map(({ id, name }) => ({ id, name }))
	};
}

const quoted = (list: WorkspaceRef[]) => quotedList(list.map((w) => w.name));

/**
 * Deletes the account. Documents, cards, comments and tasks stay in their
 * workspaces (their creator becomes null: "a former member"); memberships,
 * sessions, API tokens, private retro drafts and votes go with the person.
 */
export async function deleteAccount(
	deps: { db: Database },
	input: { userId: string; password: unknown; deleteWorkspaces: unknown; address: string }
): Promise<{ deletedWorkspaces: WorkspaceRef[] }> {
	const { db } = deps;
	await requireCurrentPassword(db, input.userId, input.password, input.address);
	const { deletedWorkspaces } = await db.transaction(async (tx) => {
		const memberOf = (
			await tx
				.select({ workspaceId: memberships.workspaceId })
				.from(memberships)
				.where(eq(memberships.userId, input.userId))
		).map((r) => r.workspaceId);
		if (memberOf.length > 0) {
			// Holds off concurrent role changes in these workspaces until the check and the delete are done.
			await tx.execute(
				sql`select 1 from ${memberships} where ${inArray(memberships.workspaceId, memberOf)} for update`
			);
		}
		const plan = await planAccountDeletion(tx, input.userId);
		if (plan.handOverFirst.length > 0) {
			throw conflict(m.server_delete_last_owner_of({ workspaces: quoted(plan.handOverFirst) }));
		}
		if (plan.deletedWithAccount.length > 0 && input.deleteWorkspaces !== true) {
			throw conflict(
				m.server_delete_only_member_of({ workspaces: quoted(plan.deletedWithAccount) })
			);
		}
		const soleIds = plan.deletedWithAccount.map((w) => w.id);
		if (soleIds.length > 0) {
			// Their documents, tasks and invitations go with them (foreign keys cascade).
			await tx.delete(workspaces).where(inArray(workspaces.id, soleIds));
		}
		await tx.delete(users).where(eq(users.id, input.userId));
		return { deletedWorkspaces: plan.deletedWithAccount };
	});
	// Every socket and stream the account had open ends with it.
	publishRevocation({ userIds: [input.userId] });
	return { deletedWorkspaces };
}
