import type { LaunchOptions } from '@playwright/test';

/**
 * The system Chromium every Playwright run drives (browsers are not downloaded
 * here; `scripts/ensure-browser.ts` makes sure there is one).
 */
export const chromiumLaunchOptions: LaunchOptions = {
	executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-background-networking',
		'--disable-component-update'
	]
};
