import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentIn, signUpTeam } from '../helpers/api';
import { connectSynced } from '../helpers/clients';
import { createStorage, startServer, type TestServer, type TestStorage } from '../helpers/server';
import { runSyncFuzz } from '../helpers/sync-fuzz';

/**
 * The sync server under hostile traffic while a person edits. `npm test`
 * sends SYNC_FUZZ_FRAMES frames (30,000 by default, about ten seconds here);
 * `npm run fuzz` sends 100,000 through the same test. SYNC_FUZZ_SEED
 * replays a run (the seed is in the test's name).
 */
const FRAMES = Number(process.env.SYNC_FUZZ_FRAMES || 30_000);
const SEED = Number(process.env.SYNC_FUZZ_SEED || Date.now() % 1_000_000);

describe('hostile frames from several sockets', () => {
	let storage: TestStorage;
	let server: TestServer;

	beforeAll(async () => {
		storage = await createStorage('pglite');
		server = await startServer(storage);
	});

	afterAll(async () => {
		await server?.stop();
		await storage?.drop();
	});

	it(`leave the process up, the editing person connected and the stored document theirs (seed ${SEED})`, async () => {
		const team = await signUpTeam(server.url, 'Ops');
		const documentId = await createDocumentIn(server.url, team.owner, team.workspaceId, 'Plan');
		const sibling = await createDocumentIn(server.url, team.owner, team.workspaceId, 'Other');
		const person = await connectSynced(server.wsUrl, documentId, team.editor.token);
		let disconnects = 0;
		person.provider.on('connection-close', () => disconnects++);

		let written = 0;
		const typing = setInterval(() => {
			person.doc.getText('notes').insert(person.doc.getText('notes').length, `w${written++} `);
		}, 15);
		let stats;
		try {
			stats = await runSyncFuzz({
				seed: SEED,
				frames: FRAMES,
				urls: [
					// Viewers on the person's document: whatever they send must change nothing.
					`${server.wsUrl}/sync/${documentId}?token=${team.viewer.token}`,
					`${server.wsUrl}/sync/${documentId}?token=${team.viewer.token}`,
					`${server.wsUrl}/sync/${documentId}?token=${team.viewer.token}`,
					// An editor elsewhere in the same process, whose junk is applied where it parses.
					`${server.wsUrl}/sync/${sibling}?token=${team.editor.token}`
				]
			});
		} finally {
			clearInterval(typing);
		}
		expect(stats.sent).toBeGreaterThanOrEqual(FRAMES);
		// Every close is one malformed frame the server read, refused and survived.
		expect(stats.closedByServer).toBeGreaterThan(FRAMES / 100);
		process.stderr.write(
			`sync fuzz: ${stats.sent} frames, ${stats.closedByServer} sockets closed by the server (seed ${SEED})\n`
		);

		expect(server.process.exitCode).toBeNull();
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
		expect(disconnects).toBe(0);
		const expected = person.doc.getText('notes').toString();
		expect(expected.split(' ').length).toBeGreaterThan(10);

		// What is stored is exactly what the person wrote: read it after a restart.
		// Give the last keystrokes time to be committed before the person leaves.
		await new Promise((r) => setTimeout(r, 500));
		person.destroy();
		await server.stop();
		await server.restart();
		const reader = await connectSynced(server.wsUrl, documentId, team.owner.token);
		expect(reader.doc.getText('notes').toString()).toBe(expected);
		// The server's own meta (written when the document was made) and the notes: nothing the hostile frames sent.
		expect([...reader.doc.share.keys()].sort()).toEqual(['meta', 'notes']);
		reader.destroy();
		const other = await connectSynced(server.wsUrl, sibling, team.owner.token);
		other.destroy();
	}, 240_000);
});
