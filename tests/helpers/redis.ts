import type { ChildProcess } from 'node:child_process';
import { freePort, spawnRedisServer } from '../../scripts/local-services';

export { hasRedisServer } from '../../scripts/local-services';

export interface TestRedis {
	url: string;
	port: number;
	/** SIGKILL: every message in flight and every key is gone. */
	kill(): Promise<void>;
	/** Starts it again, empty, on the same port. */
	start(): Promise<void>;
	stop(): Promise<void>;
}

/** A private redis-server on a free port, keeping nothing on disk. */
export async function startRedis(): Promise<TestRedis> {
	const port = await freePort();
	let child: ChildProcess | null = null;
	const start = async () => {
		child = await spawnRedisServer(port);
	};
	const end = async (signal: NodeJS.Signals) => {
		const running = child;
		if (!running || running.exitCode !== null || running.signalCode !== null) return;
		await new Promise<void>((resolve) => {
			running.once('exit', () => resolve());
			running.kill(signal);
		});
	};
	await start();
	return {
		url: `redis://127.0.0.1:${port}`,
		port,
		kill: () => end('SIGKILL'),
		start,
		stop: () => end('SIGTERM')
	};
}
