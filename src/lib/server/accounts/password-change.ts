import { eq } from 'drizzle-orm';
import type { Database } from '../db';
import { users } from '../db/schema';
import { hashPassword } from '../auth/password';
import { publishRevocation } from '../auth/revocations';
import { invalidateOtherSessions } from '../auth/session';
import { requirePassword } from '../users';
import { requireCurrentPassword } from './current-password';
import { m } from '../../paraglide/messages.js';

/**
 * Changes the password and signs out every other session: whoever knew the
 * old one may be logged in somewhere. The session making the change stays, and
 * so do API tokens (scripts are revoked one by one in settings, on purpose).
 * Over an API token (no session), every session is signed out.
 */
export async function changePassword(
	db: Database,
	input: {
		userId: string;
		currentSessionId: string | null;
		currentPassword: unknown;
		newPassword: unknown;
		address: string;
	}
): Promise<void> {
	const newPassword = requirePassword(input.newPassword, m.server_field_new_password());
	await requireCurrentPassword(
		db,
		input.userId,
		input.currentPassword,
		input.address,
		m.server_field_current_password()
	);
	const passwordHash = await hashPassword(newPassword);
	await db.transaction(async (tx) => {
		await tx.update(users).set({ passwordHash }).where(eq(users.id, input.userId));
		await invalidateOtherSessions(tx, input.userId, input.currentSessionId);
	});
	publishRevocation({ sessionsOf: [{ userId: input.userId, except: input.currentSessionId }] });
}
