import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentIn, signUpTeam } from '../helpers/api';
import { connectSynced, waitFor } from '../helpers/clients';
import { createStorage, startServer, type TestServer, type TestStorage } from '../helpers/server';

/** What `startServer` reports when the process exits instead of serving. */
async function refusal(storage: TestStorage, env: Record<string, string> = {}): Promise<string> {
	try {
		const server = await startServer(storage, env);
		await server.stop();
	} catch (error) {
		return String(error);
	}
	throw new Error('the server started although it should have refused to');
}

describe.runIf(process.env.TEST_DATABASE_URL)('a second process on one PostgreSQL database', () => {
	let storage: TestStorage;
	let first: TestServer;

	beforeAll(async () => {
		storage = await createStorage('postgres');
		first = await startServer(storage);
	});

	afterAll(async () => {
		await first?.stop();
		await storage?.drop();
	});

	it('refuses to serve with one sentence while the first keeps serving', async () => {
		const message = await refusal(storage);
		expect(message).toContain('server exited with 1');
		expect(message).toContain(
			'opsloom: Another Opsloom process is already serving this database; stop it first, or start every process with REDIS_URL so they relay updates to each other.'
		);

		const { owner, workspaceId } = await signUpTeam(first.url, 'Ops');
		const documentId = await createDocumentIn(first.url, owner, workspaceId, 'Still here');
		const a = await connectSynced(first.wsUrl, documentId, owner.token);
		const b = await connectSynced(first.wsUrl, documentId, owner.token);
		a.text.insert(0, 'served by the first process');
		await waitFor(() => b.text.toString() === 'served by the first process', 'relay');
		a.destroy();
		b.destroy();
	});

	it('can be started once the first has stopped', async () => {
		await first.stop();
		await first.restart();
		expect((await fetch(`${first.url}/healthz`)).ok).toBe(true);
	});

	it('refuses a process with REDIS_URL beside one that serves alone', async () => {
		// Refused at the database lock, before it would connect to Redis.
		const message = await refusal(storage, { REDIS_URL: 'redis://127.0.0.1:1' });
		expect(message).toContain(
			'opsloom: An Opsloom process that serves this database alone is already running; stop it first, then start every process with REDIS_URL.'
		);
	});
});

describe('REDIS_URL with the embedded database', () => {
	it('refuses to start with one sentence: PGlite allows one process', async () => {
		const storage = await createStorage('pglite');
		try {
			const message = await refusal(storage, { REDIS_URL: 'redis://127.0.0.1:6379' });
			expect(message).toContain('server exited with 1');
			expect(message).toContain(
				'opsloom: REDIS_URL needs DATABASE_URL: the embedded database (PGlite) allows one process, so several processes need PostgreSQL.'
			);
		} finally {
			await storage.drop();
		}
	});
});
