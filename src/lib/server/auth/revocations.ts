import { EventEmitter } from 'node:events';

/**
 * Credentials or access that ended. Open sockets and event streams hold what
 * they were opened with, so deleting a session row alone would leave them
 * working: whatever ends access publishes here, and whatever holds a
 * connection listens.
 */
export interface Revocation {
	/** Browser sessions that ended (log-out, a session signed out from settings). */
	sessionIds?: string[];
	/** API tokens that were deleted. */
	tokenIds?: string[];
	/** Every browser session of a person ended (a password change or reset); their API tokens stay. */
	sessionsOf?: { userId: string; except: string | null }[];
	/** Every credential of these people ended: their accounts are gone. */
	userIds?: string[];
}

/** What a socket or stream was opened with. */
export type Credential = { type: 'session'; id: string } | { type: 'token'; id: string };

export function isRevoked(revocation: Revocation, userId: string, credential: Credential): boolean {
	if (revocation.userIds?.includes(userId)) return true;
	if (credential.type === 'token') return revocation.tokenIds?.includes(credential.id) ?? false;
	if (revocation.sessionIds?.includes(credential.id)) return true;
	return (
		revocation.sessionsOf?.some((s) => s.userId === userId && s.except !== credential.id) ?? false
	);
}

const KEY = Symbol.for('opsloom.revocations');
type Holder = { [KEY]?: EventEmitter };

/**
 * One bus per process, on globalThis: the bundled app (which ends sessions)
 * and the source-loaded sync server (which holds the sockets) are two copies
 * of this module in one process.
 */
function bus(): EventEmitter {
	const holder = globalThis as Holder;
	if (!holder[KEY]) {
		holder[KEY] = new EventEmitter();
		// One listener per open stream, plus the sync server.
		holder[KEY].setMaxListeners(0);
	}
	return holder[KEY];
}

export function publishRevocation(revocation: Revocation): void {
	bus().emit('revoked', revocation);
}

/** Returns the function that unsubscribes. */
export function onRevocation(listener: (revocation: Revocation) => void): () => void {
	bus().on('revoked', listener);
	return () => bus().off('revoked', listener);
}

/**
 * Rights that changed without any credential ending: a member's role or
 * membership in a workspace, or a document's archived state. Holders check
 * the affected connections again.
 */
export type AccessChange = { workspaceId: string; userId: string } | { documentId: string };

export function publishAccessChange(change: AccessChange): void {
	bus().emit('access', change);
}

/** Returns the function that unsubscribes. */
export function onAccessChange(listener: (change: AccessChange) => void): () => void {
	bus().on('access', listener);
	return () => bus().off('access', listener);
}
