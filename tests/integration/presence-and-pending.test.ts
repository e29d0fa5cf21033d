import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { createDocumentIn, signUpTeam } from '../helpers/api';
import { connectSynced, waitFor } from '../helpers/clients';
import {
	createStorage,
	engines,
	startServer,
	type TestServer,
	type TestStorage
} from '../helpers/server';
import {
	encodeAwareness,
	encodeSyncStep1,
	encodeUpdate,
	readMessage
} from '../../server/sync/protocol';
import { decodeAwarenessEntries } from '../../server/sync/awareness-guard';

/** A socket that writes frames by hand, as an attacker would, and records what it receives. */
async function openRaw(server: TestServer, documentId: string, token: string) {
	const ws = new WebSocket(`${server.wsUrl}/sync/${documentId}?token=${token}`);
	const received: ReturnType<typeof readMessage>[] = [];
	let bytes = 0;
	ws.on('message', (data) => {
		bytes += (data as Buffer).byteLength;
		received.push(readMessage(new Uint8Array(data as Buffer)));
	});
	await new Promise<void>((resolve, reject) => {
		ws.once('open', () => resolve());
		ws.once('error', reject);
	});
	return {
		ws,
		received,
		get bytes() {
			return bytes;
		},
		close: () => ws.close()
	};
}

function awarenessFrame(
	entries: { clientId: number; clock: number; state: unknown }[]
): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const entry of entries) {
		encoding.writeVarUint(encoder, entry.clientId);
		encoding.writeVarUint(encoder, entry.clock);
		encoding.writeVarString(encoder, JSON.stringify(entry.state));
	}
	return encodeAwareness(encoding.toUint8Array(encoder));
}

const isGhost = (id: number) => id >= 1_000_000 && id < 1_020_000;

type State = { user?: { id?: string; name?: string; color?: string }; ready?: unknown };

describe.each(engines)('presence belongs to the authenticated person (%s)', (engine) => {
	let storage: TestStorage;
	let server: TestServer;
	let team: Awaited<ReturnType<typeof signUpTeam>>;
	let documentId: string;

	beforeAll(async () => {
		storage = await createStorage(engine);
		server = await startServer(storage);
		team = await signUpTeam(server.url, 'Ops');
		documentId = await createDocumentIn(server.url, team.owner, team.workspaceId, 'Plan');
	});

	afterAll(async () => {
		await server?.stop();
		await storage?.drop();
	});

	it("refuses a viewer's awareness for another connection's client id and stamps identity from the session", async () => {
		const editor = await connectSynced(server.wsUrl, documentId, team.editor.token);
		const observer = await connectSynced(server.wsUrl, documentId, team.owner.token);
		const attacker = await openRaw(server, documentId, team.viewer.token);
		try {
			editor.provider.awareness.setLocalState({
				user: { id: team.editor.id, name: team.editor.name, color: '#2f5bd3' },
				ready: false
			});
			const editorId = editor.doc.clientID;
			const seen = () => observer.provider.awareness.getStates().get(editorId) as State | undefined;
			await waitFor(() => seen()?.user?.name === team.editor.name, 'observer to see the editor');

			// Rename and "ready" the editor with a higher clock, then try to remove them.
			attacker.ws.send(
				awarenessFrame([
					{
						clientId: editorId,
						clock: 1000,
						state: { user: { id: team.editor.id, name: 'Forged' }, ready: true }
					}
				])
			);
			attacker.ws.send(awarenessFrame([{ clientId: editorId, clock: 1001, state: null }]));
			// The attacker's own id, claiming to be the owner.
			attacker.ws.send(
				awarenessFrame([
					{
						clientId: 424242,
						clock: 1,
						state: { user: { id: team.owner.id, name: team.owner.name, color: 'red;x' } }
					}
				])
			);
			await waitFor(
				() => observer.provider.awareness.getStates().has(424242),
				'the attacker to appear'
			);
			const own = observer.provider.awareness.getStates().get(424242) as State;
			expect(own.user).toEqual({ id: team.viewer.id, name: team.viewer.name });
			expect(seen()?.user?.name).toBe(team.editor.name);
			expect(seen()?.ready).toBe(false);
		} finally {
			attacker.close();
			editor.destroy();
			observer.destroy();
		}
	});

	it('relays at most a few entries of a flood, and drops them when the connection closes', async () => {
		const observer = await connectSynced(server.wsUrl, documentId, team.owner.token);
		const attacker = await openRaw(server, documentId, team.editor.token);
		try {
			const flood = Array.from({ length: 20_000 }, (_, i) => ({
				clientId: 1_000_000 + i,
				clock: 1,
				state: { user: { name: `ghost ${i}` }, cursor: 'x'.repeat(40) }
			}));
			attacker.ws.send(awarenessFrame(flood));
			await waitFor(
				() => observer.provider.awareness.getStates().has(1_000_000),
				'the first entries to arrive'
			);
			await new Promise((r) => setTimeout(r, 300));
			const ghosts = [...observer.provider.awareness.getStates().keys()].filter(isGhost);
			expect(ghosts.length).toBeGreaterThan(0);
			expect(ghosts.length).toBeLessThanOrEqual(4);

			// A joiner gets the same few, not twenty thousand.
			const joiner = await openRaw(server, documentId, team.owner.token);
			await waitFor(() => joiner.received.some((m) => m.type === 'awareness'), 'joiner awareness');
			const entries = joiner.received
				.filter((m) => m.type === 'awareness')
				.flatMap((m) => decodeAwarenessEntries((m as { update: Uint8Array }).update));
			expect(entries.filter((e) => isGhost(e.clientId)).length).toBeLessThanOrEqual(4);
			joiner.close();

			attacker.close();
			await waitFor(
				() => ![...observer.provider.awareness.getStates().keys()].some(isGhost),
				'the entries to go with their connection'
			);
		} finally {
			attacker.close();
			observer.destroy();
		}
	});
});

describe.each(engines)('updates the server cannot integrate (%s)', (engine) => {
	let storage: TestStorage;
	let server: TestServer;
	let team: Awaited<ReturnType<typeof signUpTeam>>;

	beforeAll(async () => {
		storage = await createStorage(engine);
		server = await startServer(storage);
		team = await signUpTeam(server.url, 'Ops');
	});

	afterAll(async () => {
		await server?.stop();
		await storage?.drop();
	});

	it.each(['framework', 'flow'] as const)(
		'are never sent to joiners of a %s document',
		async (kind) => {
			const documentId = await createDocumentIn(
				server.url,
				team.owner,
				team.workspaceId,
				'Junk',
				kind
			);
			const writer = await connectSynced(server.wsUrl, documentId, team.editor.token);
			writer.doc.getText('notes').insert(0, 'real text');
			const attacker = await openRaw(server, documentId, team.editor.token);
			try {
				// 300 KB of text that continues a client's history from clock 1000: the
				// server has nothing of that client, so Yjs would keep it pending.
				const junkDoc = new Y.Doc();
				junkDoc.clientID = 777;
				junkDoc.getText('notes').insert(0, 'p'.repeat(1000));
				const before = Y.encodeStateVector(junkDoc);
				junkDoc.getText('notes').insert(1000, 'j'.repeat(300_000));
				attacker.ws.send(encodeUpdate(Y.encodeStateAsUpdate(junkDoc, before)));
				await new Promise((r) => setTimeout(r, 300));

				const joiner = await openRaw(server, documentId, team.owner.token);
				joiner.ws.send(encodeSyncStep1(new Y.Doc()));
				await waitFor(() => joiner.received.some((m) => m.type === 'sync-step-2'), 'sync reply');
				expect(joiner.bytes).toBeLessThan(20_000);
				const reader = new Y.Doc();
				for (const m of joiner.received) {
					if (m.type === 'sync-step-2' || m.type === 'update') Y.applyUpdate(reader, m.update);
				}
				await waitFor(() => {
					for (const m of joiner.received) {
						if (m.type === 'sync-step-2' || m.type === 'update') Y.applyUpdate(reader, m.update);
					}
					return reader.getText('notes').toString() === 'real text';
				}, 'the real text');
				joiner.close();
			} finally {
				attacker.close();
				writer.destroy();
			}
		}
	);
});
