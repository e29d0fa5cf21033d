import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * `npm run build` always builds; `npm start` runs this with --if-stale, which
 * builds only when the build is missing or its inputs changed since it was
 * made, so a restart serves in seconds instead of after a 20–45 s build.
 *
 * Staleness is a content hash, not mtimes: a git checkout touches every file it
 * writes, and would otherwise force a rebuild after each branch switch.
 */

const root = path.resolve(import.meta.dirname, '..');

/** Everything `vite build` reads. `server/` and `drizzle/` are loaded at run time, not built. */
const INPUTS = [
	'src',
	'static',
	'messages',
	'project.inlang',
	'svelte.config.js',
	'vite.config.ts',
	'tsconfig.json',
	'package.json',
	'package-lock.json'
];

/**
 * What the build itself writes inside the inputs (Paraglide compiles the
 * messages into src/lib/paraglide; the inlang SDK writes its cache and notes
 * into project.inlang): hashing them would make every build stale at once.
 */
const GENERATED = [
	'src/lib/paraglide/',
	'project.inlang/cache/',
	'project.inlang/.meta.json',
	'project.inlang/README.md',
	'project.inlang/.gitignore'
];

const isGenerated = (file: string) => {
	const posix = file.split(path.sep).join('/');
	return GENERATED.some((g) => (g.endsWith('/') ? posix.startsWith(g) : posix === g));
};

/** Written into the build folder after a successful build; adapter-node empties that folder first. */
const STAMP_FILE = '.opsloom-build-inputs';

function listFiles(relative: string): string[] {
	const absolute = path.join(root, relative);
	if (!fs.existsSync(absolute)) return [];
	if (!fs.statSync(absolute).isDirectory()) return [relative];
	return fs
		.readdirSync(absolute, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

function hashInputs(): string {
	const hash = createHash('sha256');
	// The build folder is part of what was built for: another BUILD_DIR is another build.
	hash.update(`BUILD_DIR=${process.env.BUILD_DIR || 'build'}\0`);
	for (const file of INPUTS.flatMap(listFiles)
		.filter((f) => !isGenerated(f))
		.sort()) {
		hash.update(`${file.split(path.sep).join('/')}\0`);
		hash.update(fs.readFileSync(path.join(root, file)));
		hash.update('\0');
	}
	return hash.digest('hex');
}

function main(): void {
	const ifStale = process.argv.includes('--if-stale');
	const buildDir = path.resolve(root, process.env.BUILD_DIR || 'build');
	const stampPath = path.join(buildDir, STAMP_FILE);
	const shown = path.relative(root, buildDir) || buildDir;
	// Hashed before building: a file edited during the build leaves an old hash, so the next start rebuilds.
	const inputs = hashInputs();

	if (ifStale && fs.existsSync(path.join(buildDir, 'handler.js'))) {
		const built = fs.existsSync(stampPath) ? fs.readFileSync(stampPath, 'utf8').trim() : null;
		if (built === inputs) {
			console.log(`Build is up to date (${shown}/).`);
			return;
		}
	}

	console.log(`Building… (${shown}/)`);
	// The stamp only ever sits beside a build that finished.
	fs.rmSync(stampPath, { force: true });
	const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
	const result = spawnSync(process.execPath, [vite, 'build'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) {
		process.exitCode = result.status ?? 1;
		return;
	}
	fs.writeFileSync(stampPath, `${inputs}\n`);
}

main();
