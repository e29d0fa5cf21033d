import { resolveApiToken } from '../../src/lib/server/api-tokens';
import { onAccessChange, onRevocation } from '../../src/lib/server/auth/revocations';
import { validateSessionToken } from '../../src/lib/server/auth/session';
import type { Database } from '../../src/lib/server/db';
import { getDocumentAccess, prepareDocumentAccess } from '../../src/lib/server/documents';

/** How long an answer is reused. Anything that ends access also clears the cache at once (below). */
const TTL_MS = 5_000;
/** Bounds memory under a flood of distinct credentials: the oldest answers go first. */
const MAX_ENTRIES = 20_000;

type Token = Awaited<ReturnType<typeof resolveApiToken>>;
type Session = Awaited<ReturnType<typeof validateSessionToken>>;
type Access = Awaited<ReturnType<typeof getDocumentAccess>>;

/**
 * The database reads of a sync upgrade (credential, then access to the
 * document), shared between upgrades: a page load opens several sockets with
 * the same credential, a reconnect wave thousands, and on the embedded
 * engine every query holds the event loop that relays edits. Concurrent
 * identical lookups run once, and an answer is reused for a few seconds.
 *
 * Reuse never outlives a change of rights: every revocation and access
 * change (published in this process or relayed from another one) clears the
 * cache, and an answer read while one happened is not kept. Sockets already
 * open are closed by the same events, so a socket opened from an answer the
 * event had not reached yet is closed with them.
 */
export class UpgradeLookups {
	private readonly entries = new Map<string, { at: number; value: Promise<unknown> }>();
	private generation = 0;
	private readonly stops: (() => void)[];

	private readonly readAccess: ReturnType<typeof prepareDocumentAccess>;

	constructor(private readonly deps: { db: Database }) {
		this.readAccess = prepareDocumentAccess(deps.db);
		const clear = () => {
			this.generation += 1;
			this.entries.clear();
		};
		this.stops = [onRevocation(clear), onAccessChange(clear)];
	}

	token(token: string): Promise<Token> {
		return this.lookup(`t:${token}`, () => resolveApiToken(this.deps.db, token));
	}

	session(token: string): Promise<Session> {
		return this.lookup(`s:${token}`, () => validateSessionToken(this.deps.db, token));
	}

	access(documentId: string, userId: string): Promise<Access> {
		return this.lookup(`a:${documentId}:${userId}`, () => this.readAccess(documentId, userId));
	}

	close(): void {
		for (const stop of this.stops) stop();
		this.entries.clear();
	}

	private lookup<T>(key: string, read: () => Promise<T>): Promise<T> {
		const now = Date.now();
		const hit = this.entries.get(key);
		if (hit && now - hit.at < TTL_MS) return hit.value as Promise<T>;
		const generation = this.generation;
		const value = read();
		this.entries.delete(key);
		this.entries.set(key, { at: now, value });
		if (this.entries.size > MAX_ENTRIES) {
			this.entries.delete(this.entries.keys().next().value!);
		}
		value.then(
			() => {
				// Rights changed while it was read: the answer may predate the change.
				if (this.generation !== generation && this.entries.get(key)?.value === value) {
					this.entries.delete(key);
				}
			},
			() => {
				if (this.entries.get(key)?.value === value) this.entries.delete(key);
			}
		);
		return value;
	}
}
