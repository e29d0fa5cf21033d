import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import * as Y from 'yjs';
import WebSocket from 'ws';
import {
	api,
	apiJson,
	createDocumentIn,
	createWorkspaceWith,
	signUpTeam,
	type Team
} from '../helpers/api';
import { closeCode, connectSynced, waitFor, type Client } from '../helpers/clients';
import { hasRedisServer, startRedis, type TestRedis } from '../helpers/redis';
import { createStorage, startServer, type TestServer, type TestStorage } from '../helpers/server';

/**
 * Two server processes on one PostgreSQL database with a private Redis
 * between them, and stock y-websocket clients on each. After every fault the
 * clients converge, the database holds everything any client was sent, and
 * each document's seqs run 1..N without holes.
 */
describe.runIf(process.env.TEST_DATABASE_URL && hasRedisServer())(
	'several processes on PostgreSQL and Redis',
	() => {
		let storage: TestStorage;
		let redis: TestRedis;
		let a: TestServer;
		let b: TestServer;
		let team: Team;
		let sql: postgres.Sql;
		const open: Client[] = [];
		// Compaction would fold the log; the seq checks below want every row.
		const env = () => ({ REDIS_URL: redis.url, SYNC_COMPACT_AFTER_UPDATES: '1000000' });

		beforeAll(async () => {
			storage = await createStorage('postgres');
			redis = await startRedis();
			a = await startServer(storage, env());
			b = await startServer(storage, env());
			team = await signUpTeam(a.url, 'Ops');
			sql = postgres(storage.env.DATABASE_URL, { max: 2, onnotice: () => {} });
		}, 120_000);

		afterAll(async () => {
			for (const client of open) client.destroy();
			await sql?.end();
			await a?.stop();
			await b?.stop();
			await redis?.stop();
			await storage?.drop();
		});

		/** A client that records every update the server sent it. */
		async function client(server: TestServer, documentId: string) {
			const c = await connectSynced(server.wsUrl, documentId, team.editor.token);
			const received: Uint8Array[] = [];
			c.doc.on('update', (update: Uint8Array, origin: unknown) => {
				if (origin === c.provider) received.push(update);
			});
			open.push(c);
			return { ...c, received, text: c.text };
		}
		type Recorded = Awaited<ReturnType<typeof client>>;

		/** Each client types a short mark every few milliseconds until stopped. */
		function type(clients: Recorded[], everyMs = 15) {
			let n = 0;
			const timers = clients.map((c, i) =>
				setInterval(() => {
					n += 1;
					c.text.insert(c.text.length, `${i}.${n};`);
				}, everyMs)
			);
			return {
				get count() {
					return n;
				},
				stop: () => timers.forEach(clearInterval)
			};
		}

		/** The document as the database holds it, and its log's seqs and head, read in one snapshot. */
		async function rebuild(
			documentId: string
		): Promise<{ doc: Y.Doc; seqs: number[]; head: number; folded: number }> {
			return sql.begin('isolation level repeatable read', async (tx) => {
				const snapshot = await tx<{ data: Uint8Array; through_seq: string }[]>`
					select data, through_seq from doc_snapshots where document_id = ${documentId}`;
				const rows = await tx<{ seq: string; data: Uint8Array }[]>`
					select seq, data from doc_updates where document_id = ${documentId} order by seq`;
				const [{ head_seq }] = await tx<{ head_seq: string }[]>`
					select head_seq from documents where id = ${documentId}`;
				const doc = new Y.Doc();
				for (const s of snapshot) Y.applyUpdate(doc, s.data);
				for (const row of rows) Y.applyUpdate(doc, row.data);
				return {
					doc,
					seqs: rows.map((r) => Number(r.seq)),
					head: Number(head_seq),
					folded: snapshot.length > 0 ? Number(snapshot[0].through_seq) : 0
				};
			}) as Promise<{ doc: Y.Doc; seqs: number[]; head: number; folded: number }>;
		}

		/**
		 * Every client shows the same text; the document rebuilt from the
		 * database contains everything any client received and shows that text
		 * too; the log's seqs run 1..head without holes.
		 */
		async function expectConverged(documentId: string, clients: Recorded[]) {
			await waitFor(
				() =>
					clients.every((c) => c.provider.synced) &&
					clients.every((c) => c.text.toString() === clients[0].text.toString()),
				'clients to converge',
				30_000
			);
			// Converged and idle: the server has committed what they wrote (a client's
			// own writes are in the log once another client shows them).
			const expected = clients[0].text.toString();
			let rebuilt = await rebuild(documentId);
			const deadline = Date.now() + 10_000;
			while (rebuilt.doc.getText('notes').toString() !== expected && Date.now() < deadline) {
				await new Promise((r) => setTimeout(r, 100));
				rebuilt = await rebuild(documentId);
			}
			expect(rebuilt.doc.getText('notes').toString()).toBe(expected);
			for (const c of clients) {
				let changed = false;
				rebuilt.doc.once('update', () => (changed = true));
				for (const update of c.received) Y.applyUpdate(rebuilt.doc, update);
				expect(changed, 'a client received something the database does not hold').toBe(false);
			}
			// Seqs 1..head: folded into the snapshot (a process compacts a room it
			// unloads, e.g. one it opened to catch up on extraction after a restart),
			// then every one after it in the log.
			const expectedSeqs = Array.from(
				{ length: rebuilt.head - rebuilt.folded },
				(_, i) => rebuilt.folded + i + 1
			);
			const holes = expectedSeqs.filter((seq) => !rebuilt.seqs.includes(seq));
			expect(holes, 'seqs missing from the log').toEqual([]);
			expect(rebuilt.seqs).toEqual(expectedSeqs);
			return rebuilt;
		}

		const presenceOf = (c: Client, other: Client) =>
			c.provider.awareness.getStates().get(other.doc.clientID) as
				{ user?: { id?: string; name?: string }; caret?: number } | undefined;

		it('relays edits and presence between clients of both processes', async () => {
			const documentId = await createDocumentIn(a.url, team.owner, team.workspaceId, 'Shared');
			const onA = await client(a, documentId);
			const onB = await client(b, documentId);
			onA.text.insert(0, 'from A. ');
			await waitFor(() => onB.text.toString().includes('from A.'), 'A → B');
			onB.text.insert(onB.text.length, 'from B.');
			await waitFor(() => onA.text.toString().includes('from B.'), 'B → A');

			const shownAt = Date.now();
			onA.provider.awareness.setLocalStateField('caret', 3);
			await waitFor(() => presenceOf(onB, onA)?.caret === 3, 'presence across processes', 1_000);
			expect(Date.now() - shownAt).toBeLessThan(1_000);
			// The identity is the session's, stamped by the process that admitted it.
			expect(presenceOf(onB, onA)?.user?.id).toBe(team.editor.id);

			const rebuilt = await expectConverged(documentId, [onA, onB]);
			// Nothing was folded: the log itself runs 1..N.
			expect(rebuilt.folded).toBe(0);
			expect(rebuilt.seqs[0]).toBe(1);
		});

		it('keeps task event ids contiguous across a reconnect to the other process', async () => {
			// A workspace of its own: nothing else writes its task events.
			const workspaceId = await createWorkspaceWith(a.url, team.owner, 'Tasks', [
				[team.editor, 'editor'],
				[team.viewer, 'viewer']
			]);
			const createTask = (server: TestServer, title: string) =>
				apiJson<{ id: string }>(
					server.url,
					team.editor.token,
					'POST',
					`/api/v1/workspaces/${workspaceId}/tasks`,
					{ title },
					201
				);
			const events: { id: number; taskIds: string[] }[] = [];
			const follow = async (server: TestServer, lastEventId: number | null) => {
				const controller = new AbortController();
				const res = await fetch(`${server.url}/api/v1/workspaces/${workspaceId}/tasks/events`, {
					headers: {
						authorization: `Bearer ${team.viewer.token}`,
						...(lastEventId === null ? {} : { 'last-event-id': String(lastEventId) })
					},
					signal: controller.signal
				});
				expect(res.status).toBe(200);
				const reader = res.body!.getReader();
				const decoder = new TextDecoder();
				let buffer = '';
				let connected = false;
				void (async () => {
					for (;;) {
						const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
						if (chunk.done) return;
						buffer += decoder.decode(chunk.value, { stream: true });
						let end: number;
						while ((end = buffer.indexOf('\n\n')) >= 0) {
							const frame = buffer.slice(0, end);
							buffer = buffer.slice(end + 2);
							if (frame.includes(': connected')) connected = true;
							const id = /^id: (\d+)$/m.exec(frame);
							const data = /^data: (.*)$/m.exec(frame);
							if (id && data) {
								events.push({ id: Number(id[1]), taskIds: JSON.parse(data[1]).taskIds });
							}
						}
					}
				})();
				await waitFor(() => connected, 'the stream to open');
				return () => controller.abort();
			};

			const stopOnA = await follow(a, null);
			const created = [await createTask(a, 'On A'), await createTask(b, 'On B')];
			await waitFor(() => events.length === 2, 'events from both processes');
			stopOnA();
			// Made while no stream was open: the browser reconnects to the other process.
			created.push(await createTask(a, 'While away'), await createTask(b, 'Also while away'));
			const stopOnB = await follow(b, events[events.length - 1].id);
			created.push(await createTask(a, 'After the reconnect'));
			await waitFor(() => events.length === 5, 'the missed events and the new one');
			stopOnB();
			const first = events[0].id;
			expect(events.map((e) => e.id)).toEqual([0, 1, 2, 3, 4].map((i) => first + i));
			expect(events.map((e) => e.taskIds)).toEqual(created.map((t) => [t.id]));
		});

		it('tells a history panel open on one process of a version named on the other', async () => {
			const documentId = await createDocumentIn(a.url, team.owner, team.workspaceId, 'Runbook');
			const controller = new AbortController();
			const res = await fetch(`${a.url}/api/v1/documents/${documentId}/versions/events`, {
				headers: { authorization: `Bearer ${team.viewer.token}` },
				signal: controller.signal
			});
			expect(res.status).toBe(200);
			const reader = res.body!.getReader();
			const decoder = new TextDecoder();
			let text = '';
			void (async () => {
				for (;;) {
					const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
					if (chunk.done) return;
					text += decoder.decode(chunk.value, { stream: true });
				}
			})();
			try {
				await waitFor(() => text.includes(': connected'), 'the stream to open');
				await apiJson(
					b.url,
					team.editor.token,
					'POST',
					`/api/v1/documents/${documentId}/versions`,
					{ name: 'Named on B' },
					201
				);
				await waitFor(() => text.includes('event: versions'), 'the event from the other process');
			} finally {
				controller.abort();
			}
		});

		it('closes a socket on one process when its token is revoked on the other', async () => {
			const documentId = await createDocumentIn(a.url, team.owner, team.workspaceId, 'Revoke');
			const { token, id } = await apiJson<{ token: string; id: string }>(
				a.url,
				team.editor.token,
				'POST',
				'/api/v1/tokens',
				{ name: 'script' },
				201
			);
			const ws = new WebSocket(`${b.wsUrl}/sync/${documentId}?token=${token}`);
			await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
			const closed = closeCode(ws);
			expect((await api(a.url, team.editor.token, 'DELETE', `/api/v1/tokens/${id}`)).status).toBe(
				204
			);
			expect(await closed).toBe(4401);
		});

		it('removes the presence of a killed process within seconds, and loses nothing it relayed', async () => {
			const documentId = await createDocumentIn(a.url, team.owner, team.workspaceId, 'Kill');
			const onA = await client(a, documentId);
			const onB = await client(b, documentId);
			onB.provider.awareness.setLocalStateField('caret', 1);
			await waitFor(() => presenceOf(onA, onB)?.caret === 1, 'B’s presence on A');

			const load = type([onA, onB]);
			await waitFor(() => load.count > 60, 'load');
			await b.kill();
			const killedAt = Date.now();
			await waitFor(() => presenceOf(onA, onB) === undefined, 'B’s presence removed', 8_000);
			expect(Date.now() - killedAt).toBeLessThan(8_000);
			await b.restart();
			await waitFor(() => load.count > 200, 'more load after the restart', 30_000);
			load.stop();
			await expectConverged(documentId, [onA, onB]);
		});

		it('loses nothing when Redis restarts under load', async () => {
			const documentId = await createDocumentIn(a.url, team.owner, team.workspaceId, 'Redis');
			const clients = [
				await client(a, documentId),
				await client(b, documentId),
				await client(b, documentId)
			];
			const load = type(clients);
			await waitFor(() => load.count > 60, 'load');
			await redis.kill();
			await waitFor(() => load.count > 120, 'load without Redis');
			await redis.start();
			await waitFor(() => load.count > 200, 'load after Redis is back', 30_000);
			load.stop();
			await expectConverged(documentId, clients);
		});

		it('catches up a process that was paused for 20 s', async () => {
			const documentId = await createDocumentIn(a.url, team.owner, team.workspaceId, 'Pause');
			const onA = await client(a, documentId);
			const onB = await client(b, documentId);
			const load = type([onA, onB], 50);
			await waitFor(() => load.count > 20, 'load');
			b.process.kill('SIGSTOP');
			try {
				await new Promise((r) => setTimeout(r, 20_000));
			} finally {
				b.process.kill('SIGCONT');
			}
			await waitFor(() => onB.provider.wsconnected && onB.provider.synced, 'B back', 30_000);
			const resumedAt = load.count;
			await waitFor(() => load.count > resumedAt + 40, 'load after resuming', 30_000);
			load.stop();
			await expectConverged(documentId, [onA, onB]);
		}, 90_000);

		it('repairs from the database what the relay drops', async () => {
			// A third process that drops most of what it should publish.
			const lossy = await startServer(storage, { ...env(), SYNC_RELAY_TEST_DROP_SHARE: '0.7' });
			try {
				const documentId = await createDocumentIn(a.url, team.owner, team.workspaceId, 'Lossy');
				const clients = [await client(a, documentId), await client(lossy, documentId)];
				const load = type(clients);
				await waitFor(() => load.count > 200, 'load', 30_000);
				load.stop();
				// The last message may be dropped too: the periodic check of the head finds it.
				clients[1].text.insert(0, 'last word; ');
				await expectConverged(documentId, clients);
			} finally {
				await lossy.stop();
			}
		});
	}
);
