import type { IncomingMessage } from 'node:http';
import type { Credential } from '../../src/lib/server/auth/revocations';
import { SESSION_COOKIE } from '../../src/lib/server/auth/session';
import type { Config } from '../../src/lib/server/config';
import type { DocumentInfo } from '../../src/lib/server/documents';
import type { Role } from '../../src/lib/server/db/schema';
import type { UpgradeLookups } from './upgrade-lookups';

export type UpgradeDecision =
	| {
			ok: true;
			user: { id: string; name: string };
			/** What the socket was opened with: it is closed when that ends. */
			credential: Credential;
			document: DocumentInfo;
			role: Role;
			readOnly: boolean;
			acks: boolean;
	  }
	| { ok: false; status: 400 | 401 | 403 | 404; message: string };

const DOCUMENT_ID = /^[a-z2-7]{20}$/;

function readCookie(header: string | undefined, name: string): string | null {
	if (!header) return null;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0 && part.slice(0, eq).trim() === name) {
			try {
				return decodeURIComponent(part.slice(eq + 1).trim());
			} catch {
				return null;
			}
		}
	}
	return null;
}

/**
 * Decides an upgrade request before any WebSocket exists, so a refused client
 * gets a plain HTTP status: 401 without valid credentials, 403 when it may not
 * see the document (or a cookie arrives from a foreign page), 404 when there is
 * no such document.
 */
export async function authorizeUpgrade(
	request: IncomingMessage,
	{ lookups, config }: { lookups: UpgradeLookups; config: Config }
): Promise<UpgradeDecision> {
	const url = new URL(request.url ?? '/', 'http://localhost');
	const documentId = decodeURIComponent(url.pathname.slice('/sync/'.length));
	if (!DOCUMENT_ID.test(documentId)) {
		return { ok: false, status: 404, message: 'No such document.' };
	}

	let user: { id: string; name: string } | null = null;
	let credential: Credential | null = null;
	const token = url.searchParams.get('token');
	if (token) {
		const resolved = await lookups.token(token);
		if (resolved) {
			user = resolved.user;
			credential = { type: 'token', id: resolved.tokenId };
		}
	} else {
		const cookie = readCookie(request.headers.cookie, SESSION_COOKIE);
		if (cookie) {
			// Browsers attach cookies to WebSocket requests from any page, and the
			// same-origin policy does not apply to WebSockets: a foreign page could
			// open a socket as the visitor (cross-site WebSocket hijacking).
			const origin = request.headers.origin;
			if (origin && origin !== expectedOrigin(request, config)) {
				return {
					ok: false,
					status: 403,
					message: 'Cross-site WebSocket connections are not allowed.'
				};
			}
			const validated = await lookups.session(cookie);
			if (validated) {
				user = validated.user;
				credential = { type: 'session', id: validated.session.id };
			}
		}
	}
	if (!user || !credential) {
		return { ok: false, status: 401, message: 'Log in or pass ?token=<api token>.' };
	}

	const access = await lookups.access(documentId, user.id);
	if (!access.ok) {
		return access.reason === 'not_found'
			? { ok: false, status: 404, message: 'No such document.' }
			: { ok: false, status: 403, message: 'You are not a member of this workspace.' };
	}
	return {
		ok: true,
		user: { id: user.id, name: user.name },
		credential,
		document: access.document,
		role: access.role,
		// Viewers follow along; archived documents are frozen for everyone.
		readOnly: access.role === 'viewer' || access.document.archivedAt !== null,
		acks: url.searchParams.get('acks') === '1'
	};
}

function expectedOrigin(request: IncomingMessage, config: Config): string {
	if (config.origin) return config.origin;
	const encrypted = (request.socket as { encrypted?: boolean }).encrypted;
	return `${encrypted ? 'https' : 'http'}://${request.headers.host ?? ''}`;
}
