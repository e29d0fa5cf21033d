import { redirect } from '@sveltejs/kit';
import { planAccountDeletion, deleteAccount } from '$lib/server/accounts/deletion';
import { requestEmailChange } from '$lib/server/accounts/email-change';
import { changePassword } from '$lib/server/accounts/password-change';
import { renameUser } from '$lib/server/accounts/profile';
import { createApiToken, listApiTokens, revokeApiToken } from '$lib/server/api-tokens';
import { describeDevice } from '$lib/server/auth/device';
import { MIN_PASSWORD_LENGTH } from '$lib/server/auth/password';
import {
	invalidateOtherSessions,
	invalidateUserSession,
	listSessions,
	SESSION_COOKIE
} from '$lib/server/auth/session';
import { notFound } from '$lib/server/errors';
import { appOrigin, isSecureRequest } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireString } from '$lib/server/validate';
import { m } from '$lib/paraglide/messages';
import { failFromError, readField, requireUser } from '../form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const { db } = await getRuntime();
	const [tokens, sessions, deletion] = await Promise.all([
		listApiTokens(db, user.id),
		listSessions(db, user.id, locals.sessionId),
		planAccountDeletion(db, user.id)
	]);
	return {
		tokens,
		sessions: sessions.map((s) => ({ ...s, device: describeDevice(s.userAgent) })),
		deletion,
		minPasswordLength: MIN_PASSWORD_LENGTH
	};
};

export const actions: Actions = {
	rename: async ({ locals, url, request }) => {
		const user = requireUser(locals, url);
		const { db } = await getRuntime();
		const name = readField(await request.formData(), 'name');
		try {
			await renameUser(db, user.id, name);
			return { action: 'rename', notice: m.settings_notice_name_saved() };
		} catch (caught) {
			return failFromError(caught, { action: 'rename', name });
		}
	},

	changeEmail: async (event) => {
		const user = requireUser(event.locals, event.url);
		const { db, config } = await getRuntime();
		const form = await event.request.formData();
		const email = readField(form, 'email');
		try {
			const pending = await requestEmailChange(db, {
				user,
				email,
				password: form.get('password'),
				address: event.getClientAddress(),
				origin: appOrigin(event.url, config)
			});
			return {
				action: 'changeEmail',
				notice: m.settings_notice_email_pending({ email: pending.email, current: user.email })
			};
		} catch (caught) {
			return failFromError(caught, { action: 'changeEmail', email });
		}
	},

	changePassword: async (event) => {
		const user = requireUser(event.locals, event.url);
		const { db } = await getRuntime();
		const form = await event.request.formData();
		try {
			await changePassword(db, {
				userId: user.id,
				currentSessionId: event.locals.sessionId,
				currentPassword: form.get('currentPassword'),
				newPassword: form.get('newPassword'),
				address: event.getClientAddress()
			});
			return {
				action: 'changePassword',
				notice: m.settings_notice_password_changed()
			};
		} catch (caught) {
			return failFromError(caught, { action: 'changePassword' });
		}
	},

	signOutSession: async ({ locals, url, request }) => {
		const user = requireUser(locals, url);
		const { db } = await getRuntime();
		const form = await request.formData();
		try {
			const sessionId = requireString(form.get('sessionId'), m.server_field_session());
			if (!(await invalidateUserSession(db, user.id, sessionId))) {
				throw notFound(m.settings_session_already_ended());
			}
			return { action: 'signOutSession', notice: m.settings_notice_session_signed_out() };
		} catch (caught) {
			return failFromError(caught, { action: 'signOutSession' });
		}
	},

	signOutOthers: async ({ locals, url }) => {
		const user = requireUser(locals, url);
		const { db } = await getRuntime();
		await invalidateOtherSessions(db, user.id, locals.sessionId);
		return { action: 'signOutOthers', notice: m.settings_notice_others_signed_out() };
	},

	deleteAccount: async (event) => {
		const user = requireUser(event.locals, event.url);
		const { db, config } = await getRuntime();
		const form = await event.request.formData();
		try {
			await deleteAccount(
				{ db },
				{
					userId: user.id,
					password: form.get('password'),
					deleteWorkspaces: form.get('deleteWorkspaces') === 'yes',
					address: event.getClientAddress()
				}
			);
		} catch (caught) {
			return failFromError(caught, { action: 'deleteAccount' });
		}
		event.cookies.delete(SESSION_COOKIE, {
			path: '/',
			secure: isSecureRequest(event.url, config)
		});
		redirect(303, '/');
	},

	createToken: async ({ locals, url, request }) => {
		const user = requireUser(locals, url);
		const { db } = await getRuntime();
		const name = readField(await request.formData(), 'name');
		try {
			const created = await createApiToken(db, user.id, name);
			return { action: 'createToken', token: created.token, tokenName: created.name };
		} catch (caught) {
			return failFromError(caught, { action: 'createToken', name });
		}
	},

	revokeToken: async ({ locals, url, request }) => {
		const user = requireUser(locals, url);
		const { db } = await getRuntime();
		const form = await request.formData();
		try {
			await revokeApiToken(db, user.id, requireString(form.get('id'), 'Token'));
			return { action: 'revokeToken', notice: m.settings_notice_token_revoked() };
		} catch (caught) {
			return failFromError(caught, { action: 'revokeToken' });
		}
	}
};
