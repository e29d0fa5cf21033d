import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../db';
import { sessions } from '../db/schema';
import { signUp } from '../users';
import {
	createSession,
	invalidateSession,
	SESSION_LIFETIME_MS,
	validateSessionToken
} from './session';
import { hashSecret } from './secrets';

let handle: DatabaseHandle;
let userId: string;

beforeAll(async () => {
	handle = await openDatabase({ databaseUrl: null, dataDir: 'memory://' });
	userId = (
		await signUp(handle.db, { name: 'Sam', email: 'sam@example.com', password: 'long enough' })
	).id;
});
afterAll(() => handle.close());

describe('sessions', () => {
	it('stores only a hash of the secret and validates the token', async () => {
		const { token, session } = await createSession(handle.db, userId);
		const [id, secret] = token.split('.');
		expect(id).toBe(session.id);
		const [row] = await handle.db.select().from(sessions).where(eq(sessions.id, id));
		expect(Buffer.from(row.secretHash)).toEqual(Buffer.from(hashSecret(secret)));
		expect(JSON.stringify(row)).not.toContain(secret);
		const validated = await validateSessionToken(handle.db, token);
		expect(validated?.user.email).toBe('sam@example.com');
	});

	it('rejects a wrong secret, a malformed token and an invalidated session', async () => {
		const { token, session } = await createSession(handle.db, userId);
		const [id] = token.split('.');
		expect(await validateSessionToken(handle.db, `${id}.${'a'.repeat(32)}`)).toBeNull();
		expect(await validateSessionToken(handle.db, 'nonsense')).toBeNull();
		await invalidateSession(handle.db, session.id);
		expect(await validateSessionToken(handle.db, token)).toBeNull();
	});

	it('slides the expiry forward when used and forgets expired sessions', async () => {
		const { token, session } = await createSession(handle.db, userId);
		const soon = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000);
		await handle.db.update(sessions).set({ expiresAt: soon }).where(eq(sessions.id, session.id));
		const renewed = await validateSessionToken(handle.db, token);
		expect(renewed?.renewed).toBe(true);
		expect(renewed!.session.expiresAt.getTime()).toBeGreaterThan(
			Date.now() + SESSION_LIFETIME_MS - 60_000
		);

		await handle.db
			.update(sessions)
			.set({ expiresAt: new Date(Date.now() - 1000) })
			.where(eq(sessions.id, session.id));
		expect(await validateSessionToken(handle.db, token)).toBeNull();
		expect(await handle.db.select().from(sessions).where(eq(sessions.id, session.id))).toHaveLength(
			0
		);
	});
});
