import type { RequestEvent } from '@sveltejs/kit';
import { isRevoked, onAccessChange, onRevocation, type Credential } from './auth/revocations';
import { tooManyRequests } from './errors';
import { m } from '../paraglide/messages.js';

/**
 * Proxies and load balancers close connections that stay silent for a minute
 * or so; a comment line this often keeps an idle stream open.
 */
const HEARTBEAT_MS = 25_000;
/**
 * A person's open streams across tabs and devices. Each tab holds one or two;
 * past this many something is looping, and every stream costs memory here.
 */
export const MAX_STREAMS_PER_USER = 24;

const KEY = Symbol.for('opsloom.event-streams');
type Holder = { [KEY]?: Map<string, number> };
function openStreams(): Map<string, number> {
	const holder = globalThis as Holder;
	return (holder[KEY] ??= new Map());
}

export interface StreamOptions {
	/** The workspace whose membership the stream depends on: removal from it ends the stream. */
	workspaceId?: string;
	/** Checks again that the person may still read the stream; false ends it. */
	stillAllowed?: () => Promise<boolean>;
	/** Starts sending; returns what stops it. `send` takes whole SSE frames. */
	start(send: (frame: string) => void): () => void;
}

function credentialOf(locals: App.Locals): Credential | null {
	if (locals.sessionId) return { type: 'session', id: locals.sessionId };
	if (locals.tokenId) return { type: 'token', id: locals.tokenId };
	return null;
}

/**
 * A Server-Sent Events response that ends when the session or token it was
 * opened with ends, or (with `workspaceId`) when the person's access to that
 * workspace goes: losing access takes effect on open streams, not only on the
 * next request.
 */
export function eventStream(event: RequestEvent, options: StreamOptions): Response {
	const user = event.locals.user!;
	const credential = credentialOf(event.locals);
	const counts = openStreams();
	const open = counts.get(user.id) ?? 0;
	if (open >= MAX_STREAMS_PER_USER) {
		throw tooManyRequests(m.server_too_many_streams());
	}
	counts.set(user.id, open + 1);

	const encoder = new TextEncoder();
	let stop = () => {};
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			let ended = false;
			const end = () => {
				if (ended) return;
				ended = true;
				stop();
				try {
					controller.close();
				} catch {
					// already closed
				}
			};
			const send = (text: string) => {
				if (ended) return;
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					// The client went away.
					end();
				}
			};
			const stopSending = options.start(send);
			const heartbeat = setInterval(() => send(': heartbeat\n\n'), HEARTBEAT_MS);
			const stopRevocations = onRevocation((revocation) => {
				if (credential && isRevoked(revocation, user.id, credential)) end();
			});
			const stopAccess = onAccessChange((change) => {
				if (!('workspaceId' in change) || change.workspaceId !== options.workspaceId) return;
				if (change.userId !== user.id || !options.stillAllowed) return;
				options.stillAllowed().then(
					(allowed) => allowed || end(),
					() => end()
				);
			});
			const onAbort = () => end();
			stop = () => {
				clearInterval(heartbeat);
				stopSending();
				stopRevocations();
				stopAccess();
				event.request.signal.removeEventListener('abort', onAbort);
				counts.set(user.id, (counts.get(user.id) ?? 1) - 1);
				if ((counts.get(user.id) ?? 0) <= 0) counts.delete(user.id);
				stop = () => {};
			};
			event.request.signal.addEventListener('abort', onAbort);
			// Tells the client the subscription is live, and how soon to reconnect after a drop.
			send('retry: 3000\n: connected\n\n');
		},
		cancel() {
			stop();
		}
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-store',
			// Stops nginx from buffering the stream.
			'x-accel-buffering': 'no'
		}
	});
}
