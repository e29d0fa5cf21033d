import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { log } from './log';

/** Every key and channel of one installation starts with this. */
const PREFIX = 'opsloom:';
/** A process renews its heartbeat key this often… */
export const HEARTBEAT_MS = 1_000;
/** …and the key expires this long after the last renewal: a dead process is noticed within about this. */
export const HEARTBEAT_TTL_MS = 3_000;
/** How often the heartbeats of processes this one has heard from are checked. */
const LIVENESS_CHECK_MS = 1_000;

/**
 * This process's link to the others serving the same database (`REDIS_URL`):
 * a publish/subscribe relay and a heartbeat per process. Redis carries only
 * what may be lost: document updates, which every receiver can read again
 * from the database (the only log), and presence, which clients renew.
 * Nothing here decides order or durability.
 */
export interface Cluster {
	/** Random per start: a restarted process is a new one to the others. */
	readonly processId: string;
	/** Whether both Redis connections are up (the health check reports it). */
	readonly connected: boolean;
	/** Fire and forget: while Redis is unreachable the message is dropped, not queued. */
	publish(channel: string, message: Uint8Array): void;
	/**
	 * Does not wait for Redis: while it is away the subscription is made on
	 * reconnecting, and `onReconnect` tells the caller to catch up.
	 */
	subscribe(channel: string, listener: (message: Buffer) => void): void;
	unsubscribe(channel: string): void;
	/**
	 * Called once the subscription connection is back after a drop (or Redis
	 * restarted): whatever was published meanwhile never arrived.
	 */
	onReconnect(listener: () => void): () => void;
	/** Called when this process's own heartbeat had expired (it was paused, or Redis restarted). */
	onRevived(listener: () => void): () => void;
	/** Starts watching a process heard from; `onGone` fires once its heartbeat expires. */
	watch(processId: string): void;
	onGone(listener: (processId: string) => void): () => void;
	close(): Promise<void>;
}

export function channel(name: string): string {
	return `${PREFIX}${name}`;
}

const heartbeatKey = (processId: string) => `${PREFIX}process:${processId}`;

export async function connectCluster(redisUrl: string): Promise<Cluster> {
	// Loaded only here: a process without REDIS_URL does not hold the client (~8 MB of heap).
	const { createClient } = await import('redis');
	const processId = randomBytes(8).toString('hex');
	const events = new EventEmitter();
	events.setMaxListeners(0);
	let closing = false;
	const reconnectStrategy = (retries: number) => Math.min(50 * 2 ** retries, 2_000);
	// Commands fail at once while Redis is away instead of piling up in memory:
	// the receivers catch up from the database.
	const commands = createClient({
		url: redisUrl,
		disableOfflineQueue: true,
		socket: { reconnectStrategy }
	});
	const subscriber = createClient({ url: redisUrl, socket: { reconnectStrategy } });
	let warned = false;
	for (const client of [commands, subscriber]) {
		client.on('error', (error: Error) => {
			if (closing || warned) return;
			warned = true;
			log.warn('lost the connection to Redis; relaying resumes when it is back', {
				error: error.message
			});
		});
	}
	let subscriberDropped = false;
	subscriber.on('end', () => (subscriberDropped = true));
	subscriber.on('reconnecting', () => (subscriberDropped = true));
	subscriber.on('ready', () => {
		if (!subscriberDropped) return;
		subscriberDropped = false;
		warned = false;
		log.info('reconnected to Redis');
		events.emit('reconnect');
	});
	await Promise.all([commands.connect(), subscriber.connect()]);

	let beating = false;
	const beat = async () => {
		if (beating || closing) return;
		beating = true;
		try {
			const previous = await commands.set(heartbeatKey(processId), '1', {
				expiration: { type: 'PX', value: HEARTBEAT_TTL_MS },
				GET: true
			});
			if (previous === null && started) events.emit('revived');
			started = true;
		} catch {
			// Redis is away; the next beat tries again.
		} finally {
			beating = false;
		}
	};
	let started = false;
	await beat();
	const heartbeat = setInterval(() => void beat(), HEARTBEAT_MS);
	heartbeat.unref();

	const watched = new Set<string>();
	let checking = false;
	const check = async () => {
		if (checking || closing || watched.size === 0) return;
		checking = true;
		try {
			const ids = [...watched];
			const alive = await commands.mGet(ids.map(heartbeatKey));
			ids.forEach((id, i) => {
				if (alive[i] !== null) return;
				watched.delete(id);
				events.emit('gone', id);
			});
		} catch {
			// Unknown while Redis is away: nobody is declared dead for that.
		} finally {
			checking = false;
		}
	};
	const liveness = setInterval(() => void check(), LIVENESS_CHECK_MS);
	liveness.unref();

	const listeners = new Map<string, (message: Buffer) => void>();
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	const on = (name: string, listener: (...args: any[]) => void) => {
		events.on(name, listener);
		return () => void events.off(name, listener);
	};

	return {
		processId,
		get connected() {
			return commands.isReady && subscriber.isReady;
		},
		publish(name, message) {
			if (!commands.isReady) return;
			commands
				.publish(name, Buffer.from(message.buffer, message.byteOffset, message.byteLength))
				.catch(() => {
					// Lost like any relayed message: receivers catch up from the database.
				});
		},
		subscribe(name, listener) {
			listeners.set(name, listener);
			subscriber
				.subscribe(name, (message: Buffer) => listeners.get(name)?.(message), true)
				.catch((error: Error) =>
					log.warn('subscribing failed', { channel: name, error: error.message })
				);
		},
		unsubscribe(name) {
			if (!listeners.delete(name)) return;
			subscriber.unsubscribe(name).catch(() => {
				// Gone with the connection anyway.
			});
		},
		onReconnect: (listener) => on('reconnect', listener),
		onRevived: (listener) => on('revived', listener),
		watch(id) {
			if (id !== processId) watched.add(id);
		},
		onGone: (listener) => on('gone', listener),
		async close() {
			closing = true;
			clearInterval(heartbeat);
			clearInterval(liveness);
			try {
				// Others drop this process's presence at once instead of waiting for the key to expire.
				if (commands.isReady) await commands.del(heartbeatKey(processId));
			} catch {
				// Expires on its own.
			}
			for (const client of [subscriber, commands]) {
				try {
					await client.close();
				} catch {
					client.destroy();
				}
			}
		}
	};
}
