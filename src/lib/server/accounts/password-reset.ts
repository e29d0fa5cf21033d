import { eq } from 'drizzle-orm';
import type { Database } from '../db';
import { users } from '../db/schema';
import { hashPassword } from '../auth/password';
import { publishRevocation } from '../auth/revocations';
import { invalidateOtherSessions } from '../auth/session';
import { loginThrottle, passwordResetThrottle, waitSentence } from '../auth/throttle';
import { gone, notFound, tooManyRequests } from '../errors';
import { m } from '../../paraglide/messages.js';
import { recipientLocale, requestLocale } from '../recipient-locale';
import { composeMail, queueMail } from '../mail';
import { findUserByEmail, requirePassword, type User } from '../users';
import { requireEmail, requireString } from '../validate';
import { consumeAccountToken, inspectAccountToken, issueAccountToken } from './account-tokens';

/** A reset link is a password in someone's inbox: it works for one hour, once. */
export const PASSWORD_RESET_LIFETIME_MS = 60 * 60 * 1000;

/**
 * Mails a reset link when an account uses the email. The caller answers the
 * same way either way, so the form cannot tell who has an account; nothing
 * slow (no argon2) runs on this path, so timing does not tell either.
 */
export async function requestPasswordReset(
	db: Database,
	input: { email: unknown; address: string; origin: string }
): Promise<void> {
	const email = requireEmail(input.email);
	const waitMinutes = await passwordResetThrottle.blockedFor(db, email, input.address);
	if (waitMinutes !== null) {
		throw tooManyRequests(waitSentence(m.server_reset_too_many(), waitMinutes));
	}
	await passwordResetThrottle.record(db, email, input.address);
	const user = await findUserByEmail(db, email);
	if (!user) return;
	// Their saved language; without one, the one the form was filled in.
	const locale = await recipientLocale(db, user.id, requestLocale());
	const options = { locale };
	await db.transaction(async (tx) => {
		const token = await issueAccountToken(tx, {
			userId: user.id,
			purpose: 'password_reset',
			lifetimeMs: PASSWORD_RESET_LIFETIME_MS
		});
		await queueMail(
			tx,
			composeMail({
				to: user.email,
				locale,
				subject: m.server_mail_reset_subject({}, options),
				heading: m.server_mail_reset_heading({}, options),
				paragraphs: [
					m.server_mail_hello({ name: user.name }, options),
					m.server_mail_reset_body({}, options)
				],
				action: {
					label: m.server_mail_reset_action({}, options),
					url: `${input.origin}/reset-password/${token}`
				},
				footer: m.server_mail_reset_footer({}, options)
			})
		);
	});
}

/** For the reset page: whether the link still works, before anyone types a password. */
export async function checkPasswordResetLink(
	db: Database,
	token: string
): Promise<'valid' | 'used' | 'expired' | 'unknown'> {
	return (await inspectAccountToken(db, token, 'password_reset'))?.state ?? 'unknown';
}

/**
 * Sets the new password and signs out every session of the person: whoever
 * prompted the reset may have been someone else using the old one. API tokens
 * stay, as with a password change. The caller starts a fresh session.
 */
export async function resetPassword(
	db: Database,
	input: { token: unknown; password: unknown }
): Promise<User> {
	const token = requireString(input.token, m.server_field_token(), { max: 100 });
	const password = requirePassword(input.password);
	// Checked before hashing, so a made-up token costs no argon2 run.
	const state = await checkPasswordResetLink(db, token);
	if (state === 'unknown') throw notFound(m.server_reset_link_invalid());
	if (state !== 'valid')
		throw gone(state === 'used' ? m.server_reset_link_used() : m.server_reset_link_expired());
	const passwordHash = await hashPassword(password);
	const user = await db.transaction(async (tx) => {
		const { userId } = await consumeAccountToken(tx, token, 'password_reset');
		const [row] = await tx
			.update(users)
			.set({ passwordHash })
			.where(eq(users.id, userId))
			.returning({ id: users.id, email: users.email, name: users.name });
		await invalidateOtherSessions(tx, userId, null);
		return row;
	});
	publishRevocation({ sessionsOf: [{ userId: user.id, except: null }] });
	// Proving access to the mailbox is as good as knowing the password.
	await loginThrottle.clear(db, user.email);
	return user;
}
