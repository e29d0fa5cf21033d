import { eq } from 'drizzle-orm';
import type { Database } from '../db';
import { users } from '../db/schema';
import { badRequest, conflict, forbidden } from '../errors';
import { m } from '../../paraglide/messages.js';
import { recipientLocale, requestLocale } from '../recipient-locale';
import { composeMail, queueMail } from '../mail';
import { findUserByEmail, type User } from '../users';
import { requireEmail, requireString } from '../validate';
import { requireCurrentPassword } from './current-password';
import { consumeAccountToken, inspectAccountToken, issueAccountToken } from './account-tokens';

/** Long enough to find the mail the next morning. */
export const EMAIL_CHANGE_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * Mails a confirmation link to the new address. Nothing changes until it is
 * followed: the old address keeps working for log-in and resets meanwhile.
 */
export async function requestEmailChange(
	db: Database,
	input: { user: User; email: unknown; password: unknown; address: string; origin: string }
): Promise<{ email: string }> {
	const email = requireEmail(input.email);
	if (email === input.user.email) throw badRequest(m.server_email_same());
	await requireCurrentPassword(db, input.user.id, input.password, input.address);
	if (await findUserByEmail(db, email)) throw conflict(m.server_email_taken());
	const locale = await recipientLocale(db, input.user.id, requestLocale());
	const options = { locale };
	await db.transaction(async (tx) => {
		const token = await issueAccountToken(tx, {
			userId: input.user.id,
			purpose: 'email_change',
			email,
			lifetimeMs: EMAIL_CHANGE_LIFETIME_MS
		});
		await queueMail(
			tx,
			composeMail({
				to: email,
				locale,
				subject: m.server_mail_confirm_subject({}, options),
				heading: m.server_mail_confirm_heading({}, options),
				paragraphs: [
					m.server_mail_hello({ name: input.user.name }, options),
					m.server_mail_confirm_body({ newEmail: email, currentEmail: input.user.email }, options)
				],
				action: {
					label: m.server_mail_confirm_action({}, options),
					url: `${input.origin}/confirm-email/${token}`
				},
				footer: m.server_mail_confirm_footer({}, options)
			})
		);
	});
	return { email };
}

/** For the confirmation page: what the link would do, or null when it names nothing. */
export async function describeEmailChange(db: Database, token: string) {
	return inspectAccountToken(db, token, 'email_change');
}

/**
 * Switches the account to the new address and tells the old one it happened.
 * It must be confirmed while logged in as the account that asked: the mail
 * alone (perhaps sent to a mistyped address) is not enough to take it over.
 */
export async function confirmEmailChange(
	db: Database,
	userId: string,
	tokenInput: unknown
): Promise<User> {
	const token = requireString(tokenInput, m.server_field_token(), { max: 100 });
	return db.transaction(async (tx) => {
		const consumed = await consumeAccountToken(tx, token, 'email_change');
		// Rolled back with the transaction, so the right account can still use the link.
		if (consumed.userId !== userId) {
			throw forbidden(m.server_email_confirm_other_account());
		}
		const email = consumed.email;
		if (!email) throw new Error(`email_change token of ${userId} has no email`);
		const [before] = await tx
			.select({ email: users.email, name: users.name })
			.from(users)
			.where(eq(users.id, userId));
		const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
		if (taken && taken.id !== userId) throw conflict(m.server_email_taken());
		await tx.update(users).set({ email }).where(eq(users.id, userId));
		const locale = await recipientLocale(tx, userId, requestLocale());
		const options = { locale };
		await queueMail(
			tx,
			composeMail({
				to: before.email,
				locale,
				subject: m.server_mail_changed_subject({}, options),
				heading: m.server_mail_changed_heading({}, options),
				paragraphs: [
					m.server_mail_hello({ name: before.name }, options),
					m.server_mail_changed_body({ newEmail: email }, options)
				],
				footer: m.server_mail_changed_footer({}, options)
			})
		);
		return { id: userId, email, name: before.name };
	});
}
