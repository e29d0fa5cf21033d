import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { freePort } from './server';

/** Whether this machine can run a private Redis for a test. */
export function hasRedisServer(): boolean {
	return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

export interface TestRedis {
	url: string;
	port: number;
	/** SIGKILL: every message in flight and every key is gone. */
	kill(): Promise<void>;
	/** Starts it again, empty, on the same port. */
	start(): Promise<void>;
	stop(): Promise<void>;
}

function reachable(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.end();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/** A private redis-server on a free port, keeping nothing on disk. */
export async function startRedis(): Promise<TestRedis> {
	const port = await freePort();
	let child: ChildProcess | null = null;
	const start = async () => {
		child = spawn(
			'redis-server',
			['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
			{ stdio: 'ignore' }
		);
		const deadline = Date.now() + 10_000;
		while (!(await reachable(port))) {
			if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
			if (Date.now() > deadline) throw new Error('redis-server did not start');
			await new Promise((r) => setTimeout(r, 50));
		}
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
