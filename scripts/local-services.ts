import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';

/**
 * Throwaway services on 127.0.0.1 for the tests and the bench: a free port,
 * and a private redis-server that keeps nothing on disk.
 */

/** A TCP port on 127.0.0.1 that nothing listened on a moment ago. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			srv.close(() => resolve(port));
		});
	});
}

function accepts(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.end();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/** Whether this machine can run a private Redis. */
export function hasRedisServer(): boolean {
	return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

export interface RedisServerOptions {
	/** Called with the child as soon as it is spawned, before it listens (to track it for clean-up). */
	onSpawn?: (child: ChildProcess) => void;
	timeoutMs?: number;
}

/**
 * Starts redis-server on `port` without persistence and resolves once it
 * accepts connections. One that exits or does not listen in time is killed and
 * the promise rejects saying which.
 */
export async function spawnRedisServer(
	port: number,
	{ onSpawn, timeoutMs = 10_000 }: RedisServerOptions = {}
): Promise<ChildProcess> {
	const child = spawn(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
		{ stdio: 'ignore' }
	);
	let failed: Error | null = null;
	child.once('error', (error) => (failed = error));
	onSpawn?.(child);
	const deadline = Date.now() + timeoutMs;
	while (!(await accepts(port))) {
		if (failed) throw new Error(`redis-server could not start: ${(failed as Error).message}`);
		if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`redis-server did not listen on ${port} within ${timeoutMs} ms`);
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	return child;
}
