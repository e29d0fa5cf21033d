import type { ApiTokenInfo } from '$lib/server/api-tokens';
import { describeDevice } from '$lib/server/auth/device';
import type { SessionInfo } from '$lib/server/auth/session';
import type { DocumentInfo } from '$lib/server/documents';
import type { WorkspaceTemplate } from '$lib/server/workspace-templates';
import type { Invite } from '$lib/server/invites';
import type { PresentUser } from '$lib/server/runtime';
import type { Member, Workspace, WorkspaceSummary } from '$lib/server/workspaces';
import type { Role } from '$lib/server/db/schema';

/*
 * The API's response shapes, in one place so that every endpoint returning a
 * workspace, member or document returns the same fields. Dates become ISO strings.
 */

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function serializeToken(token: ApiTokenInfo) {
	return {
		id: token.id,
		name: token.name,
		createdAt: token.createdAt.toISOString(),
		lastUsedAt: iso(token.lastUsedAt)
	};
}

export function serializeSession(session: SessionInfo) {
	return {
		id: session.id,
		device: describeDevice(session.userAgent),
		userAgent: session.userAgent,
		ip: session.ip,
		createdAt: session.createdAt.toISOString(),
		lastSeenAt: session.lastSeenAt.toISOString(),
		current: session.current
	};
}

export function serializeUser(user: { id: string; name: string; email: string }) {
	return { id: user.id, name: user.name, email: user.email };
}

export function serializeWorkspace(workspace: Workspace & { role: Role }) {
	return {
		id: workspace.id,
		name: workspace.name,
		role: workspace.role,
		timeZone: workspace.timeZone,
		createdAt: workspace.createdAt.toISOString()
	};
}

export function serializeWorkspaceSummary(workspace: WorkspaceSummary) {
	return {
		...serializeWorkspace(workspace),
		memberCount: workspace.memberCount,
		documentCount: workspace.documentCount
	};
}

export function serializeMember(member: Member) {
	return {
		userId: member.userId,
		name: member.name,
		email: member.email,
		role: member.role,
		joinedAt: member.joinedAt.toISOString()
	};
}

export function serializeInvite(invite: Invite) {
	return {
		id: invite.id,
		role: invite.role,
		email: invite.email,
		invitedBy: invite.invitedBy,
		createdAt: invite.createdAt.toISOString(),
		expiresAt: invite.expiresAt.toISOString()
	};
}

export function serializeDocument(document: DocumentInfo) {
	return {
		id: document.id,
		kind: document.kind,
		title: document.title,
		workspaceId: document.workspaceId,
		createdAt: document.createdAt.toISOString(),
		updatedAt: document.updatedAt.toISOString(),
		archivedAt: iso(document.archivedAt),
		createdBy: document.createdBy,
		createdByName: document.createdByName,
		pinnedAt: iso(document.pinnedAt)
	};
}

export function serializePresence(present: PresentUser[] | undefined) {
	return (present ?? []).map((user) => ({ id: user.id, name: user.name }));
}

export function serializeTemplate(template: WorkspaceTemplate) {
	return {
		id: template.id,
		workspaceId: template.workspaceId,
		kind: template.kind,
		name: template.name,
		sourceDocumentId: template.sourceDocumentId,
		createdBy: template.createdBy,
		createdByName: template.createdByName,
		createdAt: template.createdAt.toISOString()
	};
}
