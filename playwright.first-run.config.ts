import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/helpers/chromium';

/**
 * The README's first run on a fresh clone of the committed HEAD. Its spec
 * starts and stops that clone's server itself, on the README's port, so there
 * is no webServer here.
 */
export default defineConfig({
	testDir: 'tests/first-run',
	workers: 1,
	retries: 0,
	// npm install (warm cache) and a full build, on a 2-core machine others share.
	timeout: 12 * 60_000,
	expect: { timeout: 15_000 },
	reporter: process.env.CI ? 'line' : 'list',
	use: {
		headless: true,
		trace: 'retain-on-failure',
		launchOptions: chromiumLaunchOptions
	},
	projects: [{ name: 'chromium', use: { browserName: 'chromium' } }]
});
