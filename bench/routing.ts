import { createHash } from 'node:crypto';

/**
 * Consistent hashing of document ids onto server processes, as the load
 * balancer in docs/deploy.md does (HAProxy `hash-type consistent`, nginx
 * `hash … consistent`): each process owns many points on a ring of 32-bit
 * hashes, and a document goes to the first point at or after its own hash.
 * Removing a process moves only the documents it owned.
 */

/** Points per process: enough for an even split of a few hundred documents. */
const POINTS_PER_SERVER = 160;

function hash32(text: string): number {
	return createHash('md5').update(text).digest().readUInt32BE(0);
}

export class HashRing<T> {
	private points: { at: number; server: T }[] = [];

	/** `servers` by a name each (the name, not the order, decides who owns what). */
	constructor(servers: readonly { name: string; server: T }[]) {
		if (servers.length === 0) throw new Error('a hash ring needs at least one server');
		const names = new Set(servers.map((s) => s.name));
		if (names.size !== servers.length) throw new Error('server names on a hash ring must differ');
		for (const { name, server } of servers) {
			for (let i = 0; i < POINTS_PER_SERVER; i++) {
				this.points.push({ at: hash32(`${name}-${i}`), server });
			}
		}
		this.points.sort((a, b) => a.at - b.at);
	}

	/** The server that owns `key`. */
	pick(key: string): T {
		const h = hash32(key);
		// First point at or after h (binary search); past the last one, wrap to the first.
		let lo = 0;
		let hi = this.points.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (this.points[mid].at < h) lo = mid + 1;
			else hi = mid;
		}
		return this.points[lo === this.points.length ? 0 : lo].server;
	}
}
