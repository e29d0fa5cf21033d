import type http from 'node:http';
import { unsubscribe } from '../src/lib/server/notifications/unsubscribe';
import type { Database } from '../src/lib/server/db';
import { log } from '../src/lib/server/log';

const PATH = /^\/unsubscribe\/([A-Za-z0-9._-]{1,200})$/;

/**
 * RFC 8058 one-click unsubscribe: a mail client POSTs
 * `List-Unsubscribe=One-Click` to the link in the List-Unsubscribe header,
 * from no origin at all, which SvelteKit's cross-site form check refuses. So
 * the production entry answers those POSTs before SvelteKit sees them; a
 * person pressing the button on the page (same origin) is answered the same
 * way and sent back to the page. Returns false for any other request.
 */
export function handleOneClickUnsubscribe(
	db: Database,
	req: http.IncomingMessage,
	res: http.ServerResponse
): boolean {
	if (req.method !== 'POST') return false;
	const match = PATH.exec(new URL(req.url ?? '/', 'http://x').pathname);
	if (!match) return false;
	const token = match[1];
	// The body ("List-Unsubscribe=One-Click") says nothing the URL does not: drain it.
	req.resume();
	unsubscribe(db, token).then(
		(ok) => {
			if (req.headers.accept?.includes('text/html')) {
				res.writeHead(303, { location: `/unsubscribe/${token}?done=${ok ? 1 : 0}` }).end();
			} else {
				res
					.writeHead(ok ? 200 : 404, { 'content-type': 'text/plain; charset=utf-8' })
					.end(ok ? 'Unsubscribed.\n' : 'This unsubscribe link is not valid.\n');
			}
		},
		(error: unknown) => {
			log.error('one-click unsubscribe failed', { error });
			res
				.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
				.end('Something went wrong.\n');
		}
	);
	return true;
}
