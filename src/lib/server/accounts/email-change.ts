import { eq } from 'drizzle-orm';
import type { Database } from '../db';
import { users } from '../db/schema';
import { badRequest, conflict, forbidden } from '../errors';
import { composeMail, queueMail } from '../mail';
import { findUserByEmail, type User } from '../users';
import { requireEmail, requireString } from '../validate';
import { requireCurrentPassword } from './current-password';
import { consumeAccountToken, inspectAccountToken, issueAccountToken } from './account-tokens';

/** Long enough to find the mail the next morning. */
export const EMAIL_CHANGE_LIFETIME_MS = 24 * 60 * 60 * 1000;

const TAKEN = 'Another account already uses that email.';

/**
 * Mails a confirmation link to the new address. Nothing changes until it is
 * followed: the old address keeps working for log-in and resets meanwhile.
 */
export async function requestEmailChange(
	db: Database,
	input: { user: User; email: unknown; password: unknown; address: string; origin: string }
): Promise<{ email: string }> {
	const email = requireEmail(input.email);
	if (email === input.user.email) throw badRequest('Email is already your address.');
	await requireCurrentPassword(db, input.user.id, input.password, input.address);
	if (await findUserByEmail(db, email)) throw conflict(TAKEN);
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
				subject: 'Confirm your new Opsloom email',
				heading: 'Confirm your new email',
				paragraphs: [
					`Hello ${input.user.name},`,
					`you asked to use ${email} for your Opsloom account instead of ${input.user.email}. Confirm it within 24 hours; until then the old address stays in use.`
				],
				action: { label: 'Confirm this address', url: `${input.origin}/confirm-email/${token}` },
				footer: 'If you did not ask for this, ignore this mail: nothing changes.'
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
	const token = requireString(tokenInput, 'Token', { max: 100 });
	return db.transaction(async (tx) => {
		const consumed = await consumeAccountToken(tx, token, 'email_change', 'confirmation');
		// Rolled back with the transaction, so the right account can still use the link.
		if (consumed.userId !== userId) {
			throw forbidden('This link confirms another account’s email. Log in as that account.');
		}
		const email = consumed.email;
		if (!email) throw new Error(`email_change token of ${userId} has no email`);
		const [before] = await tx
			.select({ email: users.email, name: users.name })
			.from(users)
			.where(eq(users.id, userId));
		const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
		if (taken && taken.id !== userId) throw conflict(TAKEN);
		await tx.update(users).set({ email }).where(eq(users.id, userId));
		await queueMail(
			tx,
			composeMail({
				to: before.email,
				subject: 'Your Opsloom email was changed',
				heading: 'Your email was changed',
				paragraphs: [
					`Hello ${before.name},`,
					`your Opsloom account now uses ${email}. Mail about it, password resets included, goes there from now on.`
				],
				footer:
					'If you did not make this change, tell whoever runs Opsloom for your team right away.'
			})
		);
		return { id: userId, email, name: before.name };
	});
}
