import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createDocumentIn, signUpTeam, type ApiUser } from '../helpers/api';
import { waitFor } from '../helpers/clients';
import {
	createStorage,
	engines,
	startServer,
	type TestServer,
	type TestStorage
} from '../helpers/server';

/** A stock y-websocket client; unlike the shared helper's, it leaves every root's type to the document. */
interface Client {
	doc: Y.Doc;
	provider: WebsocketProvider;
	destroy(): void;
}

async function connectSynced(wsUrl: string, documentId: string, token: string): Promise<Client> {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${wsUrl}/sync`, documentId, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		params: { token },
		disableBc: true
	});
	await waitFor(() => provider.synced, `client to sync ${documentId}`);
	return {
		doc,
		provider,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** Resolves with the close code once the server ends `client`'s connection for good, or null if it does not. */
function closedForGood(client: Client, timeoutMs = 10_000): Promise<number | null> {
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve(null), timeoutMs);
		client.provider.once('closed', ({ code }: { code: number }) => {
			clearTimeout(timer);
			resolve(code);
		});
	});
}

function addAction(client: Client, id: string, title: string): void {
	const action = new Y.Map<unknown>();
	client.doc.transact(() => {
		client.doc.getMap<Y.Map<unknown>>('actions').set(id, action);
		action.set('id', id);
		action.set('title', title);
		action.set('done', false);
	});
}

const actionTitle = (client: Client, id: string) =>
	client.doc.getMap<Y.Map<unknown>>('actions').get(id)?.get('title');

describe.each(engines)('server-only roots on %s', (engine) => {
	let storage: TestStorage;
	let server: TestServer;
	let owner: ApiUser;
	let editor: ApiUser;
	let workspaceId: string;

	beforeAll(async () => {
		storage = await createStorage(engine);
		server = await startServer(storage);
		({ owner, editor, workspaceId } = await signUpTeam(server.url, 'Ops'));
	});

	afterAll(async () => {
		await server?.stop();
		await storage?.drop();
	});

	it('relays and keeps what members write into notes and actions of a retro board', async () => {
		const documentId = await createDocumentIn(server.url, owner, workspaceId, 'Week 48', 'retro');
		const writer = await connectSynced(server.wsUrl, documentId, editor.token);
		const reader = await connectSynced(server.wsUrl, documentId, owner.token);
		addAction(writer, 'a1', 'Rotate the pager');
		const note = new Y.Text();
		writer.doc.getMap<Y.Text>('notes').set('t1', note);
		note.insert(0, 'Too many pages at night.');
		note.insert(3, ' very');
		await waitFor(
			() =>
				actionTitle(reader, 'a1') === 'Rotate the pager' &&
				reader.doc.getMap<Y.Text>('notes').get('t1')?.toString() ===
					'Too very many pages at night.',
			'the other member to see the action and the note'
		);
		expect(writer.provider.wsconnected).toBe(true);
		writer.destroy();
		reader.destroy();

		await server.stop();
		await server.restart();
		const later = await connectSynced(server.wsUrl, documentId, owner.token);
		expect(actionTitle(later, 'a1')).toBe('Rotate the pager');
		expect(later.doc.getMap<Y.Text>('notes').get('t1')?.toString()).toBe(
			'Too very many pages at night.'
		);
		later.destroy();
	});

	it('closes with 4400 a client that writes a server-only root, and nobody gets any of it', async () => {
		const documentId = await createDocumentIn(server.url, owner, workspaceId, 'Week 49', 'retro');
		const reader = await connectSynced(server.wsUrl, documentId, owner.token);
		const honest = await connectSynced(server.wsUrl, documentId, editor.token);

		// One update that adds an allowed action and forges a card: refused as a whole.
		const forger = await connectSynced(server.wsUrl, documentId, editor.token);
		const forgerClosed = closedForGood(forger);
		forger.doc.transact(() => {
			addAction(forger, 'smuggled', 'Rides along with the card');
			forger.doc.getMap('cards').set('forged', 'Written by a client');
		});
		expect(await forgerClosed).toBe(4400);
		// A stock provider gives up instead of resending the refused update forever.
		expect(forger.provider.shouldConnect).toBe(false);

		const phaseSetter = await connectSynced(server.wsUrl, documentId, editor.token);
		const phaseSetterClosed = closedForGood(phaseSetter);
		phaseSetter.doc.getMap('meta').set('phase', 'closed');
		expect(await phaseSetterClosed).toBe(4400);

		// The board's initial settings, when the server wrote them, are as protected as the rest.
		const metaKeys = [...reader.doc.getMap('meta').keys()];
		if (metaKeys.length > 0) {
			const remover = await connectSynced(server.wsUrl, documentId, editor.token);
			const removerClosed = closedForGood(remover);
			remover.doc.getMap('meta').delete(metaKeys[0]);
			expect(await removerClosed).toBe(4400);
			remover.destroy();
		}

		// Relays are ordered: once the reader has a later write, it would have had the refused ones.
		addAction(honest, 'after', 'Written after the refusals');
		await waitFor(() => actionTitle(reader, 'after') !== undefined, 'the later write');
		expect(honest.provider.wsconnected).toBe(true);
		const untouched = (client: Client) => {
			expect(client.doc.getMap('cards').has('forged')).toBe(false);
			expect(actionTitle(client, 'smuggled')).toBeUndefined();
			expect(client.doc.getMap('meta').get('phase')).not.toBe('closed');
			expect([...client.doc.getMap('meta').keys()]).toEqual(metaKeys);
		};
		untouched(reader);
		for (const client of [reader, honest, forger, phaseSetter]) client.destroy();

		await server.stop();
		await server.restart();
		const later = await connectSynced(server.wsUrl, documentId, owner.token);
		untouched(later);
		expect(actionTitle(later, 'after')).toBe('Written after the refusals');
		later.destroy();
	});

	it('leaves every root of a framework document open to editors', async () => {
		const documentId = await createDocumentIn(server.url, owner, workspaceId, 'Runbook');
		const writer = await connectSynced(server.wsUrl, documentId, editor.token);
		const reader = await connectSynced(server.wsUrl, documentId, owner.token);
		writer.doc.transact(() => {
			writer.doc.getMap('cards').set('c1', 'any root will do');
			writer.doc.getMap('meta').set('note', 'written by a client');
		});
		await waitFor(
			() =>
				reader.doc.getMap('cards').get('c1') === 'any root will do' &&
				reader.doc.getMap('meta').get('note') === 'written by a client',
			'the other editor to see the write'
		);
		expect(writer.provider.wsconnected).toBe(true);
		writer.destroy();
		reader.destroy();
	});
});
