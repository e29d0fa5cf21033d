import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/**
 * Without ORIGIN, adapter-node builds each request's URL from PROTOCOL_HEADER
 * and the Host header, and with no PROTOCOL_HEADER it assumes https. Served
 * over plain http (the README's first run), every form post then fails
 * SvelteKit's Origin check: `https://127.0.0.1:3000` never equals the
 * browser's `http://127.0.0.1:3000`. So we point PROTOCOL_HEADER at a header
 * of our own and fill it from the socket on every request.
 */
export const CONNECTION_PROTOCOL_HEADER = 'x-opsloom-connection-protocol';

/**
 * Must run before the built handler is imported: adapter-node reads its
 * environment once, at import. Returns whether requests need stamping; it
 * leaves an operator's ORIGIN or PROTOCOL_HEADER (a reverse proxy's) alone.
 */
export function useConnectionProtocol(env: NodeJS.ProcessEnv): boolean {
	// Our config reads an empty ORIGIN as unset; adapter-node would refuse to start on it.
	if (env.ORIGIN === '') delete env.ORIGIN;
	if (env.ORIGIN || env.PROTOCOL_HEADER) return false;
	env.PROTOCOL_HEADER = CONNECTION_PROTOCOL_HEADER;
	return true;
}

/** Overwrites whatever the client sent under our header, so the protocol cannot be spoofed. */
export function stampConnectionProtocol(request: IncomingMessage): void {
	const encrypted = (request.socket as Partial<TLSSocket>).encrypted === true;
	request.headers[CONNECTION_PROTOCOL_HEADER] = encrypted ? 'https' : 'http';
}
