import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, createWorkspace, fillSignUp, uniqueEmail } from '../e2e/steps';

/**
 * A newcomer's first run, exactly as the README says: clone, `npm install &&
 * npm start` with none of our variables set, then sign up in a browser on
 * http://127.0.0.1:3000 and log in on http://localhost:3000. It tests the
 * committed HEAD, not the work tree.
 */

const README_PORT = 3000;
const root = path.resolve(import.meta.dirname, '../..');

/**
 * Variables a newcomer's shell would not have: ours, adapter-node's, the test
 * run's, and npm's per-script ones (npm_config_local_prefix would point the
 * clone's npm at this checkout). The machine's own npm config stays.
 */
const NOT_A_NEWCOMERS =
	/^(ORIGIN|PORT|HOST|DATA_DIR|DATABASE_URL|TEST_DATABASE_URL|REDIS_URL|BUILD_DIR|SVELTEKIT_OUT|MIGRATIONS_DIR|LOG_LEVEL|SYNC_\w+|PROTOCOL_HEADER|HOST_HEADER|PORT_HEADER|ADDRESS_HEADER|XFF_DEPTH|BODY_SIZE_LIMIT|E2E_PORT|OPSLOOM_\w+|NODE_ENV|NODE_OPTIONS|INIT_CWD|PW_\w+|TEST_\w+|npm_config_local_prefix|npm_(?!config_)\w+)$/;

function newcomersEnv(): NodeJS.ProcessEnv {
	return Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !NOT_A_NEWCOMERS.test(name))
	);
}

function assertPortFree(port: number): Promise<void> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', () =>
			reject(
				new Error(
					`Port ${port}, the README's, is in use on this machine: stop what listens there to run the first-run test.`
				)
			)
		);
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
	});
}

/**
 * A just-started server sends its first pages' scripts slowly, and hydration
 * empties a field typed into before it (seen here: the Title, so the form never
 * posted). A person waits for the page to settle; so does this test.
 */
function hydrated(page: Page): Promise<void> {
	return page.waitForLoadState('networkidle');
}

/** `sh -c command` in its own process group, so that npm, tsx and the server stop together. */
class Shell {
	readonly child: ChildProcess;
	private output = '';

	constructor(command: string, cwd: string) {
		this.child = spawn('sh', ['-c', command], {
			cwd,
			env: newcomersEnv(),
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe']
		});
		const keep = (chunk: Buffer) => (this.output += chunk.toString());
		this.child.stdout!.on('data', keep);
		this.child.stderr!.on('data', keep);
	}

	get log(): string {
		return this.output;
	}

	/** What explains a failure: a build alone prints hundreds of lines. */
	private get tail(): string {
		return this.output.slice(-8_000);
	}

	async waitForHealth(url: string, timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (this.child.exitCode !== null) {
				throw new Error(`The server exited with ${this.child.exitCode}:\n${this.tail}`);
			}
			try {
				if ((await fetch(`${url}/healthz`)).ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`No answer from ${url}/healthz within ${timeoutMs / 1000} s:\n${this.tail}`);
	}

	async stop(): Promise<void> {
		if (this.child.exitCode !== null || this.child.signalCode !== null) return;
		const exited = new Promise((resolve) => this.child.once('exit', resolve));
		const group = -this.child.pid!;
		process.kill(group, 'SIGTERM');
		const timer = setTimeout(() => process.kill(group, 'SIGKILL'), 15_000);
		await exited;
		clearTimeout(timer);
		// sh may exit before its children: make sure none of the group is left.
		try {
			process.kill(group, 'SIGKILL');
		} catch {
			// the group is gone
		}
	}
}

test('a fresh clone serves the README first run, and a newcomer signs up and edits', async ({
	browser
}) => {
	await assertPortFree(README_PORT);
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsloom-first-run-'));
	const clone = path.join(workDir, 'opsloom');
	let shell: Shell | null = null;
	try {
		const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
		execFileSync('git', ['clone', '--quiet', root, clone]);
		execFileSync('git', ['checkout', '--quiet', '--detach', head], { cwd: clone });

		shell = new Shell('npm install && npm start', clone);
		await shell.waitForHealth(`http://127.0.0.1:${README_PORT}`, 10 * 60_000);
		expect(shell.log).toContain('Building…');

		const email = uniqueEmail('Newcomer');
		const page = await browser.newPage();
		await page.goto(`http://127.0.0.1:${README_PORT}/signup`);
		await hydrated(page);
		await fillSignUp(page, 'Newcomer', email);
		await expect(page.getByRole('heading', { name: 'Your workspaces' })).toBeVisible();
		await createWorkspace(page, 'Service desk');
		await hydrated(page);
		await page.getByLabel('Title').fill('Hand-over framework');
		await page.getByRole('button', { name: 'Create document' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
		const documentPath = new URL(page.url()).pathname;
		await page.close();

		// The other name people type: forms and the sync socket must accept it too.
		const other = await browser.newPage();
		await other.goto(`http://localhost:${README_PORT}/login`);
		await hydrated(other);
		await other.getByLabel('Email').fill(email);
		await other.getByLabel('Password').fill(PASSWORD);
		await other.getByRole('button', { name: 'Log in' }).click();
		await expect(other.getByRole('heading', { name: 'Your workspaces' })).toBeVisible();
		await other.goto(`http://localhost:${README_PORT}${documentPath}`);
		await expect(other.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
		await other.close();

		// A restart with nothing changed serves without building again.
		await shell.stop();
		shell = new Shell('npm start', clone);
		await shell.waitForHealth(`http://127.0.0.1:${README_PORT}`, 60_000);
		expect(shell.log).toContain('Build is up to date');
	} finally {
		await shell?.stop();
		fs.rmSync(workDir, { recursive: true, force: true });
	}
});
