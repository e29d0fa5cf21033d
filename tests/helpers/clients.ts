import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

// y-websocket's provider adds a process 'exit' listener per instance in Node;
// a test that opens a dozen at once is not a leak.
process.setMaxListeners(50);

/** A stock y-websocket client in Node, as a script or integration would run it. */
export interface Client {
	doc: Y.Doc;
	provider: WebsocketProvider;
	text: Y.Text;
	destroy(): void;
}

export function connectClient(wsUrl: string, documentId: string, token: string): Client {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${wsUrl}/sync`, documentId, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		params: { token },
		disableBc: true
	});
	return {
		doc,
		provider,
		// Created on first use: a retro board's `notes` root is a Y.Map, not a Y.Text.
		get text() {
			return doc.getText('notes');
		},
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

export async function waitFor(
	condition: () => boolean,
	what: string,
	timeoutMs = 10_000
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 10));
	}
}

export async function connectSynced(
	wsUrl: string,
	documentId: string,
	token: string
): Promise<Client> {
	const client = connectClient(wsUrl, documentId, token);
	await waitFor(() => client.provider.synced, `client to sync ${documentId}`);
	return client;
}

/** Opens a raw socket and reports how the server answered the upgrade. */
export function tryUpgrade(
	url: string,
	headers: Record<string, string> = {}
): Promise<{ status: number; socket: WebSocket | null }> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url, { headers });
		ws.once('open', () => resolve({ status: 101, socket: ws }));
		ws.once('unexpected-response', (_req, res) => {
			resolve({ status: res.statusCode ?? 0, socket: null });
			res.resume();
		});
		ws.once('error', (error) => reject(error));
	});
}

export function closeCode(ws: WebSocket): Promise<number> {
	return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}
