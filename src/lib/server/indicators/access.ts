import { and, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { indicators, type Role } from '../db/schema';
import { forbidden, notFound } from '../errors';
import { requireWorkspaceRole, roleAtLeast } from '../workspaces';
import { m } from '../../paraglide/messages.js';
import { noSuch } from '../id-nouns';

export interface IndicatorAccess {
	workspaceId: string;
	workspaceName: string;
	userId: string;
	role: Role;
	/** Editors and owners define indicators and enter values; viewers read. */
	editor: boolean;
}

export type IndicatorRow = typeof indicators.$inferSelect;

export async function requireIndicatorAccess(
	db: Database,
	workspaceId: string,
	userId: string
): Promise<IndicatorAccess> {
	const workspace = await requireWorkspaceRole(db, workspaceId, userId);
	return {
		workspaceId,
		workspaceName: workspace.name,
		userId,
		role: workspace.role,
		editor: roleAtLeast(workspace.role, 'editor')
	};
}

export function requireEditor(access: IndicatorAccess): void {
	if (!access.editor) {
		throw forbidden(m.indsrv_editors_only());
	}
}

/** The indicator and the caller's access to its workspace; 404 for an id that is not there. */
export async function accessToIndicator(
	db: Database,
	indicatorId: string,
	userId: string
): Promise<{ access: IndicatorAccess; indicator: IndicatorRow }> {
	const [indicator] = await db.select().from(indicators).where(eq(indicators.id, indicatorId));
	if (!indicator) throw notFound(noSuch('indicator'));
	const access = await requireIndicatorAccess(db, indicator.workspaceId, userId);
	return { access, indicator };
}

export async function findIndicator(
	db: Database,
	workspaceId: string,
	id: string
): Promise<IndicatorRow | null> {
	const [row] = await db
		.select()
		.from(indicators)
		.where(and(eq(indicators.id, id), eq(indicators.workspaceId, workspaceId)));
	return row ?? null;
}
