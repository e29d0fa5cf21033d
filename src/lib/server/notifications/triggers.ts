import { and, eq, inArray } from 'drizzle-orm';
import type { DocumentMention } from '$lib/model/framework/mentions';
import { documents, invites, memberships, tasks, users, workspaces } from '../db/schema';
import { notify, type CreatedNotification, type NotifyDeps } from './commands';

/**
 * What happens in Opsloom, turned into notifications. Each function takes the
 * caller's transaction (deps.db) and names every event with a dedupe key, so
 * running one twice (a repeated extraction, a restart, two processes) adds
 * nothing.
 */

async function namesOf(deps: NotifyDeps, ids: (string | null)[]): Promise<Map<string, string>> {
	const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
	if (wanted.length === 0) return new Map();
	const rows = await deps.db
		.select({ id: users.id, name: users.name })
		.from(users)
		.where(inArray(users.id, wanted));
	return new Map(rows.map((r) => [r.id, r.name]));
}

async function workspaceName(deps: NotifyDeps, workspaceId: string): Promise<string> {
	const [row] = await deps.db
		.select({ name: workspaces.name })
		.from(workspaces)
		.where(eq(workspaces.id, workspaceId));
	return row?.name ?? '';
}

async function membersAmong(
	deps: NotifyDeps,
	workspaceId: string,
	userIds: string[]
): Promise<Set<string>> {
	if (userIds.length === 0) return new Set();
	const rows = await deps.db
		.select({ userId: memberships.userId })
		.from(memberships)
		.where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, userIds)));
	return new Set(rows.map((r) => r.userId));
}

/** The page that shows a task: its source item, highlighted, or the task list. */
export function taskUrl(task: {
	id: string;
	workspaceId: string;
	sourceDocumentId: string | null;
	sourceKey: string | null;
}): string {
	return task.sourceDocumentId && task.sourceKey
		? `/w/${task.workspaceId}/d/${task.sourceDocumentId}#action-${encodeURIComponent(task.sourceKey)}`
		: `/w/${task.workspaceId}/tasks#task-${task.id}`;
}

/**
 * Tells assignees a task is theirs. `actorId` is who assigned it (null when
 * the server cannot tell). Once per task and person: being unassigned and
 * assigned the same task again does not notify again.
 */
export async function notifyTasksAssigned(
	deps: NotifyDeps,
	assignments: { taskId: string; actorId: string | null }[]
): Promise<CreatedNotification[]> {
	if (assignments.length === 0) return [];
	const rows = await deps.db
		.select({
			id: tasks.id,
			workspaceId: tasks.workspaceId,
			title: tasks.title,
			assigneeId: tasks.assigneeId,
			sourceDocumentId: tasks.sourceDocumentId,
			sourceKey: tasks.sourceKey,
			documentTitle: documents.title,
			workspaceName: workspaces.name
		})
		.from(tasks)
		.innerJoin(workspaces, eq(workspaces.id, tasks.workspaceId))
		.leftJoin(documents, eq(documents.id, tasks.sourceDocumentId))
		.where(
			inArray(
				tasks.id,
				assignments.map((a) => a.taskId)
			)
		);
	const actorOf = new Map(assignments.map((a) => [a.taskId, a.actorId]));
	const names = await namesOf(deps, [...actorOf.values()]);
	return notify(
		deps,
		rows.flatMap((task) => {
			if (!task.assigneeId) return [];
			const actorId = actorOf.get(task.id) ?? null;
			return [
				{
					recipientId: task.assigneeId,
					workspaceId: task.workspaceId,
					kind: 'task_assigned' as const,
					actorId,
					dedupeKey: `task_assigned:${task.id}:${task.assigneeId}`,
					url: taskUrl(task),
					data: {
						actorName: actorId ? (names.get(actorId) ?? null) : null,
						workspaceName: task.workspaceName,
						taskTitle: task.title,
						documentTitle: task.documentTitle ?? undefined
					}
				}
			];
		})
	);
}

/** Tells people they were @mentioned; only workspace members, each mention node once. */
export async function notifyMentions(
	deps: NotifyDeps,
	document: { id: string; workspaceId: string },
	mentions: { mention: DocumentMention; actorId: string | null }[]
): Promise<CreatedNotification[]> {
	if (mentions.length === 0) return [];
	const members = await membersAmong(
		deps,
		document.workspaceId,
		mentions.map((m) => m.mention.userId)
	);
	const relevant = mentions.filter((m) => members.has(m.mention.userId));
	if (relevant.length === 0) return [];
	const [doc] = await deps.db
		.select({ title: documents.title })
		.from(documents)
		.where(eq(documents.id, document.id));
	const names = await namesOf(
		deps,
		relevant.map((m) => m.actorId)
	);
	const workspace = await workspaceName(deps, document.workspaceId);
	const base = `/w/${document.workspaceId}/d/${document.id}`;
	return notify(
		deps,
		relevant.map(({ mention, actorId }) => ({
			recipientId: mention.userId,
			workspaceId: document.workspaceId,
			kind: 'mention' as const,
			actorId,
			dedupeKey: `mention:${document.id}:${mention.id}`,
			url: mention.itemKey ? `${base}#action-${encodeURIComponent(mention.itemKey)}` : base,
			data: {
				actorName: actorId ? (names.get(actorId) ?? null) : null,
				workspaceName: workspace,
				documentTitle: doc?.title ?? '',
				excerpt: mention.excerpt
			}
		}))
	);
}

/** Tells whoever created an invitation link that someone joined through it. */
export async function notifyInviteAccepted(
	deps: NotifyDeps,
	inviteId: string,
	joinedUserId: string
): Promise<CreatedNotification[]> {
	const [invite] = await deps.db
		.select({
			inviteId: invites.id,
			workspaceId: invites.workspaceId,
			createdBy: invites.createdBy
		})
		.from(invites)
		.where(eq(invites.id, inviteId));
	if (!invite?.createdBy) return [];
	const names = await namesOf(deps, [joinedUserId]);
	return notify(deps, [
		{
			recipientId: invite.createdBy,
			workspaceId: invite.workspaceId,
			kind: 'invite_accepted',
			actorId: joinedUserId,
			dedupeKey: `invite_accepted:${invite.inviteId}:${joinedUserId}`,
			url: `/w/${invite.workspaceId}/members`,
			data: {
				actorName: names.get(joinedUserId) ?? null,
				workspaceName: await workspaceName(deps, invite.workspaceId)
			}
		}
	]);
}

/**
 * Tells a workspace's members that a review meeting started: the board left
 * the phase it was created in. Everyone in the workspace may join a board, so
 * "belonging to the meeting" means membership; once per board.
 */
export async function notifyRetroStarted(
	deps: NotifyDeps,
	document: { id: string; workspaceId: string; title: string },
	actorId: string
): Promise<CreatedNotification[]> {
	const members = await deps.db
		.select({ userId: memberships.userId })
		.from(memberships)
		.where(eq(memberships.workspaceId, document.workspaceId));
	const names = await namesOf(deps, [actorId]);
	const workspace = await workspaceName(deps, document.workspaceId);
	return notify(
		deps,
		members.map((m) => ({
			recipientId: m.userId,
			workspaceId: document.workspaceId,
			kind: 'retro_started' as const,
			actorId,
			dedupeKey: `retro_started:${document.id}`,
			url: `/w/${document.workspaceId}/d/${document.id}`,
			data: {
				actorName: names.get(actorId) ?? null,
				workspaceName: workspace,
				documentTitle: document.title
			}
		}))
	);
}
