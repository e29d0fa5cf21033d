import { redirect } from '@sveltejs/kit';
import { appOrigin } from '$lib/server/http';
import {
	addMemberOrInvite,
	createInvite,
	listInvites,
	resendInvite,
	revokeInvite
} from '$lib/server/invites';
import { getRuntime } from '$lib/server/runtime';
import { requireString } from '$lib/server/validate';
import { roleName } from '$lib/components/role-name';
import { m } from '$lib/paraglide/messages';
import {
	changeMemberRole,
	listMembers,
	removeMember,
	setWorkspaceTimeZone
} from '$lib/server/workspaces';
import { failFromError, readField, requireUser } from '../../../form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
	const { workspace, user } = await parent();
	const { db } = await getRuntime();
	const [members, invites] = await Promise.all([
		listMembers(db, workspace.id),
		workspace.role === 'owner' ? listInvites(db, workspace.id) : Promise.resolve([])
	]);
	return {
		members,
		links: invites.filter((invite) => !invite.email),
		emailInvites: invites.filter((invite) => invite.email),
		me: user?.id ?? null
	};
};

export const actions: Actions = {
	timeZone: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const { db } = await getRuntime();
		const timeZone = readField(await request.formData(), 'timeZone');
		try {
			await setWorkspaceTimeZone(db, params.workspaceId, user.id, timeZone);
			return {
				action: 'timeZone',
				notice: m.members_notice_time_zone({ timeZone: timeZone ?? '' })
			};
		} catch (caught) {
			return failFromError(caught, { action: 'timeZone' });
		}
	},

	/** Someone with an account is added at once; anyone else gets an invitation mail. */
	add: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const { db, config } = await getRuntime();
		const form = await request.formData();
		const email = readField(form, 'email');
		try {
			const result = await addMemberOrInvite(
				db,
				{ workspaceId: params.workspaceId, actorId: user.id, email, role: form.get('role') },
				{ origin: appOrigin(url, config) }
			);
			if ('added' in result) {
				const member = result.added;
				// Lower case reads as a common noun in English ("added as editor"); Chinese is unchanged.
				return {
					action: 'add',
					notice: m.members_notice_added({
						name: member.name,
						role: roleName(member.role).toLowerCase()
					})
				};
			}
			const invite = result.invited;
			return {
				action: 'add',
				notice: m.members_notice_invited({
					email: invite.email ?? email ?? '',
					role: roleName(invite.role).toLowerCase()
				})
			};
		} catch (caught) {
			return failFromError(caught, { action: 'add', email });
		}
	},

	changeRole: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const { db } = await getRuntime();
		const form = await request.formData();
		try {
			const userId = requireString(form.get('userId'), m.server_field_member());
			const member = await changeMemberRole(
				db,
				params.workspaceId,
				user.id,
				userId,
				form.get('role')
			);
			return {
				action: 'changeRole',
				notice: m.members_notice_role_changed({
					name: member.name,
					role: roleName(member.role).toLowerCase()
				})
			};
		} catch (caught) {
			return failFromError(caught, { action: 'changeRole' });
		}
	},

	remove: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const { db } = await getRuntime();
		const form = await request.formData();
		try {
			const userId = requireString(form.get('userId'), m.server_field_member());
			await removeMember(db, params.workspaceId, user.id, userId);
			return { action: 'remove', notice: m.members_notice_removed() };
		} catch (caught) {
			return failFromError(caught, { action: 'remove' });
		}
	},

	leave: async ({ locals, url, params }) => {
		const user = requireUser(locals, url);
		const { db } = await getRuntime();
		try {
			await removeMember(db, params.workspaceId, user.id, user.id);
		} catch (caught) {
			return failFromError(caught, { action: 'leave' });
		}
		redirect(303, '/w');
	},

	invite: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const { db, config } = await getRuntime();
		const form = await request.formData();
		try {
			const invite = await createInvite(db, params.workspaceId, user.id, form.get('role'));
			return {
				action: 'invite',
				inviteUrl: `${appOrigin(url, config)}/invite/${invite.token}`,
				inviteRole: invite.role
			};
		} catch (caught) {
			return failFromError(caught, { action: 'invite' });
		}
	},

	resendInvite: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const { db, config } = await getRuntime();
		const form = await request.formData();
		try {
			const inviteId = requireString(form.get('inviteId'), m.server_field_invitation());
			const invite = await resendInvite(
				db,
				{ workspaceId: params.workspaceId, actorId: user.id, inviteId },
				{ origin: appOrigin(url, config) }
			);
			return {
				action: 'resendInvite',
				notice: m.members_notice_resent({ email: invite.email ?? '' })
			};
		} catch (caught) {
			return failFromError(caught, { action: 'resendInvite' });
		}
	},

	revokeInvite: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const { db } = await getRuntime();
		const form = await request.formData();
		try {
			const inviteId = requireString(form.get('inviteId'), m.server_field_invitation());
			await revokeInvite(db, params.workspaceId, user.id, inviteId);
			return { action: 'revokeInvite', notice: m.members_notice_revoked() };
		} catch (caught) {
			return failFromError(caught, { action: 'revokeInvite' });
		}
	}
};
