import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/helpers/chromium';

/**
 * End-to-end tests drive the built app (`npm run build`, or BUILD_DIR for a
 * side build) in the system Chromium; browsers are not downloaded here.
 */
const port = Number(process.env.E2E_PORT || 41739);
const origin = `http://127.0.0.1:${port}`;

// The config is evaluated again in every worker; they inherit the first process's data dir.
let dataDir = process.env.OPSLOOM_E2E_DATA_DIR;
if (!dataDir) {
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsloom-e2e-'));
	process.env.OPSLOOM_E2E_DATA_DIR = dataDir;
	const created = dataDir;
	process.on('exit', () => fs.rmSync(created, { recursive: true, force: true }));
}

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? 'line' : 'list',
	use: {
		baseURL: origin,
		headless: true,
		trace: 'retain-on-failure',
		launchOptions: chromiumLaunchOptions
	},
	projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
	webServer: {
		command: 'node --import tsx server/index.ts',
		url: `${origin}/healthz`,
		reuseExistingServer: false,
		timeout: 120_000,
		stdout: 'ignore',
		stderr: 'pipe',
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			DATA_DIR: dataDir,
			BUILD_DIR: process.env.BUILD_DIR || 'build',
			LOG_LEVEL: 'warn',
			// Due-date reminders within a second, not a minute (tests/e2e/notifications.spec.ts).
			NOTIFICATIONS_SWEEP_MS: '1000'
		}
	}
});
