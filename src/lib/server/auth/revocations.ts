import { EventEmitter } from 'node:events';
import type { DatabaseHandle } from '../db';
import { log } from '../log';

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

/** `remote`: it happened in another process and came here through the database (see bridgeToProcesses). */
export function publishRevocation(revocation: Revocation, remote = false): void {
	bus().emit('revoked', revocation, remote);
}

/** Returns the function that unsubscribes. */
export function onRevocation(
	listener: (revocation: Revocation, remote: boolean) => void
): () => void {
	bus().on('revoked', listener);
	return () => bus().off('revoked', listener);
}

/**
 * Rights that changed without any credential ending: a member's role or
 * membership in a workspace, or a document's archived state. Holders check
 * the affected connections again.
 */
export type AccessChange = { workspaceId: string; userId: string } | { documentId: string };

export function publishAccessChange(change: AccessChange, remote = false): void {
	bus().emit('access', change, remote);
}

/** Returns the function that unsubscribes. */
export function onAccessChange(
	listener: (change: AccessChange, remote: boolean) => void
): () => void {
	bus().on('access', listener);
	return () => bus().off('access', listener);
}

/** The PostgreSQL channel that carries revocations and access changes between processes. */
const CHANNEL = 'opsloom_access';
/** NOTIFY payloads must stay under 8000 bytes. */
const MAX_PAYLOAD = 7_500;

type Envelope = { from: string; revocation: Revocation } | { from: string; change: AccessChange };

/**
 * With several processes on one database, a session ended in one process
 * must close the sockets and streams another holds: every revocation and
 * access change published here is sent to the others with NOTIFY (delivered
 * to every listening process), and theirs arrive as `remote`. Returns what
 * stops the bridge.
 */
export async function bridgeToProcesses(
	database: Pick<DatabaseHandle, 'execute' | 'listen'>,
	processId: string
): Promise<() => Promise<void>> {
	const send = (envelope: Envelope) => {
		const payload = JSON.stringify(envelope);
		if (payload.length > MAX_PAYLOAD) {
			log.error('a revocation is too large to send to the other processes', {
				bytes: payload.length
			});
			return;
		}
		database.execute('select pg_notify($1, $2)', [CHANNEL, payload]).catch((error: unknown) => {
			log.error('telling the other processes about a revocation failed', { error });
		});
	};
	const stopRevocations = onRevocation((revocation, remote) => {
		if (!remote) send({ from: processId, revocation });
	});
	const stopAccess = onAccessChange((change, remote) => {
		if (!remote) send({ from: processId, change });
	});
	const unlisten = await database.listen(CHANNEL, (payload) => {
		try {
			const envelope = JSON.parse(payload) as Envelope;
			if (envelope.from === processId) return;
			if ('revocation' in envelope) publishRevocation(envelope.revocation, true);
			else publishAccessChange(envelope.change, true);
		} catch (error) {
			log.error('a revocation from another process could not be read', { error });
		}
	});
	return async () => {
		stopRevocations();
		stopAccess();
		await unlisten();
	};
}
