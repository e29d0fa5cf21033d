import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * Runs first in `npm test` (and before each Playwright run): the end-to-end
 * tests drive a system Chromium, and finding out it is missing should take a
 * second and one sentence, not a stack trace halfway through the suite. As
 * root on Debian/Ubuntu it installs the distribution's package, as `.ci/run`
 * needs on a fresh machine.
 */

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const HOW_TO_INSTALL =
	'install it with `sudo apt-get install chromium`, or set CHROMIUM_PATH to a Chromium binary';

function isExecutableFile(file: string): boolean {
	try {
		fs.accessSync(file, fs.constants.X_OK);
		return fs.statSync(file).isFile();
	} catch {
		return false;
	}
}

function fail(sentence: string): never {
	process.stderr.write(`${sentence}\n`);
	process.exit(1);
}

function canInstallWithApt(): boolean {
	return (
		process.getuid?.() === 0 &&
		fs.existsSync('/etc/debian_version') &&
		spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0
	);
}

function aptGet(args: string[]): boolean {
	const result = spawnSync('apt-get', ['-qq', ...args], {
		// apt's progress is noise here; its errors are what someone needs to read.
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
	});
	return result.status === 0;
}

function main(): void {
	const configured = process.env.CHROMIUM_PATH;
	if (configured) {
		if (!isExecutableFile(configured)) {
			fail(`CHROMIUM_PATH is ${configured}, which is not an executable file: ${HOW_TO_INSTALL}.`);
		}
		return;
	}
	if (isExecutableFile(SYSTEM_CHROMIUM)) return;
	if (!canInstallWithApt()) {
		fail(`The end-to-end tests need Chromium at ${SYSTEM_CHROMIUM}: ${HOW_TO_INSTALL}.`);
	}
	console.log(
		'Chromium is missing: installing it for the end-to-end tests (apt-get install chromium)…'
	);
	if (
		!aptGet(['update']) ||
		!aptGet(['install', '-y', 'chromium']) ||
		!isExecutableFile(SYSTEM_CHROMIUM)
	) {
		fail(`Installing Chromium with apt-get failed (see above): ${HOW_TO_INSTALL}.`);
	}
	console.log(`Installed Chromium at ${SYSTEM_CHROMIUM}.`);
}

main();
