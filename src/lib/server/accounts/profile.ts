import { eq } from 'drizzle-orm';
import type { Database } from '../db';
import { users } from '../db/schema';
import { requireString } from '../validate';
import type { User } from '../users';
import { m } from '../../paraglide/messages.js';

export async function renameUser(db: Database, userId: string, nameInput: unknown): Promise<User> {
	const name = requireString(nameInput, m.server_field_name(), { max: 100 });
	const [row] = await db
		.update(users)
		.set({ name })
		.where(eq(users.id, userId))
		.returning({ id: users.id, email: users.email, name: users.name });
	if (!row) throw new Error(`user ${userId} vanished during the request`);
	return row;
}
