import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * `npm run build` always builds; `npm start` runs this with --if-stale, which
 * builds only when the build is missing or its inputs changed since it was
 * made, so a restart serves in seconds instead of after a 20–45 s build.
 *
 * Two things are built: the app (`vite build`, adapter-node's handler) and the
 * production entry, `server/index.ts` bundled into one plain JavaScript file
 * (`$BUILD_DIR/serve.js`, what `npm run serve` runs). Compiling TypeScript at
 * run time through tsx cost an idle server ~120 MB of memory (tsx's loader
 * thread, every module's transformed source and inline source map) and
 * seconds of start-up; the bundle is made in about a second.
 *
 * Staleness is a content hash, not mtimes: a git checkout touches every file it
 * writes, and would otherwise force a rebuild after each branch switch.
 */

const root = path.resolve(import.meta.dirname, '..');

/** Everything `vite build` reads. `drizzle/` is read at run time, not built. */
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
/** The bundled production entry, inside the build folder. */
const SERVER_BUNDLE = 'serve.js';
/** The embedded engine's worker, bundled beside it. */
const WORKER_ENTRY = 'src/lib/server/db/pglite-worker.ts';
const WORKER_BUNDLE = 'pglite-worker.js';

function listFiles(relative: string): string[] {
	const absolute = path.join(root, relative);
	if (!fs.existsSync(absolute)) return [];
	if (!fs.statSync(absolute).isDirectory()) return [relative];
	return fs
		.readdirSync(absolute, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

function hashFiles(hash: ReturnType<typeof createHash>, files: string[]): void {
	for (const file of files.filter((f) => !isGenerated(f)).sort()) {
		hash.update(`${file.split(path.sep).join('/')}\0`);
		hash.update(fs.readFileSync(path.join(root, file)));
		hash.update('\0');
	}
}

function hashInputs(): string {
	const hash = createHash('sha256');
	// The build folder is part of what was built for: another BUILD_DIR is another build.
	hash.update(`BUILD_DIR=${process.env.BUILD_DIR || 'build'}\0`);
	hashFiles(hash, INPUTS.flatMap(listFiles));
	return hash.digest('hex');
}

/**
 * The server bundle also reads `server/` (and `src/`, already in the app's
 * hash): a change there alone re-bundles in a second without a `vite build`.
 */
function hashServerInputs(appInputs: string): string {
	const hash = createHash('sha256');
	hash.update(`${appInputs}\0`);
	hashFiles(
		hash,
		listFiles('server').filter((f) => !/\.test\.ts$/.test(f))
	);
	return hash.digest('hex');
}

/**
 * Bundles `server/index.ts` and the modules it imports from `src/` and
 * `server/` into one ESM file; packages stay imports of node_modules. The
 * esbuild is the one tsx runs on (tsx is a dependency, so it is always there).
 */
async function bundleServer(buildDir: string): Promise<void> {
	const fromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
	const esbuild = (await import(
		pathToFileURL(fromTsx.resolve('esbuild')).href
	)) as typeof import('esbuild');
	const result = await esbuild.build({
		absWorkingDir: root,
		entryPoints: ['server/index.ts'],
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		packages: 'external',
		alias: { $lib: './src/lib' },
		write: false,
		logLevel: 'warning'
	});
	// esbuild escapes non-ASCII in code but keeps it in the comments it keeps;
	// one such character makes V8 hold the whole (multi-megabyte) source as
	// two bytes per character. Escaped, a comment just reads "\u2026".
	const code = result.outputFiles[0].text.replace(
		/[^\t\n\r -~]/g,
		(c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
	);
	fs.writeFileSync(path.join(buildDir, SERVER_BUNDLE), code);
	// The embedded engine's worker thread (src/lib/server/db/pglite-remote.ts
	// looks for it next to the server bundle).
	const worker = await esbuild.build({
		absWorkingDir: root,
		entryPoints: [WORKER_ENTRY],
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		packages: 'external',
		write: false,
		logLevel: 'warning'
	});
	fs.writeFileSync(path.join(buildDir, WORKER_BUNDLE), worker.outputFiles[0].text);
}

async function main(): Promise<void> {
	const ifStale = process.argv.includes('--if-stale');
	const buildDir = path.resolve(root, process.env.BUILD_DIR || 'build');
	const stampPath = path.join(buildDir, STAMP_FILE);
	const shown = path.relative(root, buildDir) || buildDir;
	// Hashed before building: a file edited during the build leaves an old hash, so the next start rebuilds.
	const inputs = hashInputs();
	const serverInputs = hashServerInputs(inputs);
	// Line 1: the app's inputs; line 2: the server bundle's.
	const [builtApp, builtServer] = fs.existsSync(stampPath)
		? fs.readFileSync(stampPath, 'utf8').split('\n')
		: [];

	const appFresh =
		ifStale && builtApp === inputs && fs.existsSync(path.join(buildDir, 'handler.js'));
	const serverFresh =
		appFresh &&
		builtServer === serverInputs &&
		fs.existsSync(path.join(buildDir, SERVER_BUNDLE)) &&
		fs.existsSync(path.join(buildDir, WORKER_BUNDLE));
	if (serverFresh) {
		console.log(`Build is up to date (${shown}/).`);
		return;
	}

	// The stamp only ever sits beside a build that finished.
	fs.rmSync(stampPath, { force: true });
	if (!appFresh) {
		console.log(`Building… (${shown}/)`);
		const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
		const result = spawnSync(process.execPath, [vite, 'build'], { cwd: root, stdio: 'inherit' });
		if (result.status !== 0) {
			process.exitCode = result.status ?? 1;
			return;
		}
	}
	console.log(`Bundling the server… (${shown}/${SERVER_BUNDLE})`);
	await bundleServer(buildDir);
	fs.writeFileSync(stampPath, `${inputs}\n${serverInputs}\n`);
}

await main();
