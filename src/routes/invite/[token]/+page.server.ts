import { redirect } from '@sveltejs/kit';
import { acceptInvite, describeInvite } from '$lib/server/invites';
import { getRuntime } from '$lib/server/runtime';
import { findUserByEmail } from '$lib/server/users';
import { getMemberRole } from '$lib/server/workspaces';
import { failFromError, requireUser } from '../../form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const { db } = await getRuntime();
	const invite = await describeInvite(db, params.token);
	if (!invite) return { invite: null, currentRole: null };
	// An email invitation to someone without an account goes straight to sign-up, address filled in.
	if (!locals.user && invite.email && !(await findUserByEmail(db, invite.email))) {
		redirect(303, `/signup?invite=${encodeURIComponent(params.token)}`);
	}
	const currentRole = locals.user
		? await getMemberRole(db, invite.workspaceId, locals.user.id)
		: null;
	return {
		invite: {
			workspaceId: invite.workspaceId,
			workspaceName: invite.workspaceName,
			role: invite.role,
			email: invite.email
		},
		currentRole
	};
};

export const actions: Actions = {
	default: async ({ params, locals, url }) => {
		const user = requireUser(locals, url);
		const { db } = await getRuntime();
		let workspaceId: string;
		try {
			workspaceId = await acceptInvite(db, params.token, user.id);
		} catch (caught) {
			return failFromError(caught);
		}
		redirect(303, `/w/${workspaceId}`);
	}
};
