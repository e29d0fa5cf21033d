import { redirect } from '@sveltejs/kit';
import { MIN_PASSWORD_LENGTH } from '$lib/server/auth/password';
import { AppError } from '$lib/server/errors';
import { acceptInvite, describeInvite } from '$lib/server/invites';
import { getRuntime } from '$lib/server/runtime';
import { signUp } from '$lib/server/users';
import { startBrowserSession } from '../browser-session';
import { failFromError, readField, safeRedirectTarget } from '../form-errors';
import type { Actions, PageServerLoad } from './$types';

/**
 * `?invite=<token>` comes from an email invitation: the address is filled in
 * and the new account joins the workspace as part of signing up.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const inviteToken = url.searchParams.get('invite');
	// "Log in instead" comes back to the invitation.
	const redirectTo = safeRedirectTarget(
		inviteToken ? `/invite/${encodeURIComponent(inviteToken)}` : url.searchParams.get('redirectTo')
	);
	if (locals.user) redirect(303, inviteToken ? `/invite/${inviteToken}` : redirectTo);
	const { db } = await getRuntime();
	const invite = inviteToken ? await describeInvite(db, inviteToken) : null;
	return {
		redirectTo,
		minPasswordLength: MIN_PASSWORD_LENGTH,
		invite: invite && { workspaceName: invite.workspaceName, email: invite.email }
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { db } = await getRuntime();
		const form = await event.request.formData();
		const name = readField(form, 'name');
		const email = readField(form, 'email');
		let user;
		try {
			user = await signUp(db, { name, email, password: form.get('password') });
			await startBrowserSession(event, user.id);
		} catch (caught) {
			return failFromError(caught, { name, email });
		}
		const inviteToken = event.url.searchParams.get('invite');
		if (inviteToken) {
			let workspaceId: string;
			try {
				workspaceId = await acceptInvite(db, inviteToken, user.id);
			} catch (caught) {
				// The account exists now; the invitation page explains what went wrong (e.g. another email).
				if (caught instanceof AppError) redirect(303, `/invite/${inviteToken}`);
				throw caught;
			}
			redirect(303, `/w/${workspaceId}`);
		}
		redirect(303, safeRedirectTarget(event.url.searchParams.get('redirectTo')));
	}
};
