import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { Credential } from '../../src/lib/server/auth/revocations';
import type { PresentUser } from '../../src/lib/server/runtime';
import { encodeSaved } from './protocol';

export const CLOSE_GOING_AWAY = 1001;
export const CLOSE_INVALID_PAYLOAD = 1007;
export const CLOSE_POLICY = 1008;
export const CLOSE_INTERNAL_ERROR = 1011;
export const CLOSE_TRY_AGAIN_LATER = 1013;
/** Application close code: the session or API token the socket was opened with ended (log-out, revocation). */
export const CLOSE_SIGNED_OUT = 4401;
/** Application close code: the user lost access or edit rights while connected (or the document was archived). */
export const CLOSE_ACCESS_REVOKED = 4403;
/**
 * Application close code: an update wrote roots the document kind reserves for
 * the server. The client's replica keeps what was refused, so reconnecting
 * would only send it again; stock y-websocket providers (3.1+) treat
 * 4400-4499 as final and stop.
 */
export const CLOSE_FORBIDDEN_WRITE = 4400;

/** One client's socket on one document. */
export class Connection {
	/** Awareness client ids this socket has announced, removed when it closes. */
	readonly awarenessClients = new Set<number>();
	/** Messages that arrived while the document was still loading, or while its access was re-checked. */
	readonly backlog: Uint8Array[] = [];
	backlogBytes = 0;
	/**
	 * Re-checks of this connection's access in flight (an access change:
	 * archived, role changed). Until they end, what it sends waits in the
	 * backlog: a write must not slip in between the change and the check.
	 */
	rechecking = 0;
	closed = false;
	/** Dropped presence is logged once per connection, not once per frame. */
	warnedAboutAwareness = false;
	/** Highest clock per Yjs client of this connection's updates that are committed. */
	private saved: Map<number, number> | null;
	private savedPending = false;

	constructor(
		readonly ws: WebSocket,
		readonly user: PresentUser,
		public readOnly: boolean,
		acks: boolean,
		private readonly maxBufferedBytes: number,
		readonly documentId: string,
		readonly credential: Credential
	) {
		this.saved = acks ? new Map() : null;
	}

	send(message: Uint8Array): void {
		if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
		// A client that does not read would make us buffer without bound: drop it
		// instead; its provider reconnects and resyncs from the stored document.
		if (this.ws.bufferedAmount > this.maxBufferedBytes) {
			this.close(CLOSE_POLICY, 'client is not reading fast enough');
			return;
		}
		this.ws.send(message);
	}

	/** Records that `update` (which came from this connection) is durable; tells the client once per tick. */
	acknowledge(update: Uint8Array): void {
		if (!this.saved) return;
		// parseUpdateMeta's `to` holds the clock after the update's last struct for
		// every client in it (encodeStateVectorFromUpdate only counts updates that
		// start at clock 0).
		for (const [client, clock] of Y.parseUpdateMeta(update).to) {
			if ((this.saved.get(client) ?? 0) < clock) this.saved.set(client, clock);
		}
		if (this.savedPending) return;
		this.savedPending = true;
		queueMicrotask(() => {
			this.savedPending = false;
			if (this.saved) this.send(encodeSaved(this.saved));
		});
	}

	close(code: number, reason: string): void {
		if (this.closed) return;
		this.closed = true;
		try {
			this.ws.close(code, reason);
		} catch {
			this.ws.terminate();
		}
		// A peer that never answers the close handshake must not hold the socket open.
		setTimeout(() => this.ws.terminate(), 5_000).unref();
	}
}
