import postgres from 'postgres';
import { ConfigError } from '../config';
import { log } from '../log';

/**
 * Any constant would do: advisory locks live in the current database, so two
 * Opsloom installations on one PostgreSQL server do not see each other's.
 */
const SERVING_LOCK_KEY = 0x6f70736c; // "opsl"
const RETAKE_DELAY_MS = 1_000;

/**
 * `alone`: this process must be the only one serving the database (its rooms
 * hold documents in memory that no other process sees). `shared`: several
 * processes that relay updates to each other may serve it together, but none
 * alongside a process that serves alone.
 */
export type ServingMode = 'alone' | 'shared';

export interface DatabaseClaim {
	release(): Promise<void>;
}

const refusals: Record<ServingMode, string> = {
	alone:
		'Another Opsloom process is already serving this database; stop it first, or start every process with REDIS_URL so they relay updates to each other.',
	shared:
		'An Opsloom process that serves this database alone is already running; stop it first, then start every process with REDIS_URL.'
};

/**
 * Takes a session-level advisory lock on a connection of its own and holds it
 * for the life of the process: exclusive when serving alone, shared when
 * serving with others. A second process that cannot take it refuses to start
 * with one sentence, before it runs migrations or loads a document.
 *
 * The lock lives exactly as long as that connection. If the connection drops
 * (a restart of PostgreSQL, a network cut), the lock is taken again on the
 * next connection; if another process took it meanwhile, this process exits,
 * because going on would let two processes number the same documents' updates.
 */
export async function claimDatabase(
	databaseUrl: string,
	mode: ServingMode
): Promise<DatabaseClaim> {
	let releasing = false;
	const client = postgres(databaseUrl, {
		max: 1,
		// The defaults recycle connections after 30 to 60 minutes, which would drop the lock.
		idle_timeout: null as unknown as number,
		max_lifetime: null,
		onnotice: () => {},
		onclose: () => {
			if (!releasing) void retake();
		}
	});
	const take = async (): Promise<boolean> => {
		const [row] =
			mode === 'alone'
				? await client`select pg_try_advisory_lock(${SERVING_LOCK_KEY}) as taken`
				: await client`select pg_try_advisory_lock_shared(${SERVING_LOCK_KEY}) as taken`;
		return row.taken === true;
	};
	const retake = async (): Promise<void> => {
		for (;;) {
			try {
				if (await take()) {
					log.warn('the connection holding the database lock was lost; took the lock again');
					return;
				}
				log.error(refusals[mode]);
				process.exit(1);
			} catch (error) {
				log.error('taking the database lock again failed; retrying', { error });
				await new Promise((r) => setTimeout(r, RETAKE_DELAY_MS));
			}
		}
	};

	let taken: boolean;
	try {
		taken = await take();
	} catch (error) {
		releasing = true;
		await client.end({ timeout: 1 });
		throw error;
	}
	if (!taken) {
		releasing = true;
		await client.end({ timeout: 1 });
		throw new ConfigError(refusals[mode]);
	}
	return {
		async release() {
			releasing = true;
			await client.end({ timeout: 5 });
		}
	};
}
