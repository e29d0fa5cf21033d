import { callApi } from '$lib/api-client';

export interface MemberOption {
	id: string;
	name: string;
	/** Offered to find someone by (typing `@wang` finds 王小明); never written into text. */
	email: string;
	role: string;
}

/**
 * The workspace's members, fetched when first needed (typing `@`, choosing
 * an action's owner, opening the box settings) rather than sent with the
 * pages: the page of an anonymous suggestion then carries no one's name but
 * those shown on it.
 */
export class WorkspaceMembers {
	list = $state<MemberOption[]>([]);
	private loading: Promise<void> | null = null;

	constructor(private readonly workspaceId: string) {}

	load(): Promise<void> {
		this.loading ??= callApi<{
			members: { userId: string; name: string; email: string; role: string }[];
		}>('GET', `/api/v1/workspaces/${this.workspaceId}/members`).then(
			(answer) => {
				this.list = answer.members.map((m) => ({
					id: m.userId,
					name: m.name,
					email: m.email,
					role: m.role
				}));
			},
			() => {
				// Offline or refused: no list to offer, and the next use tries again.
				this.loading = null;
			}
		);
		return this.loading;
	}
}
