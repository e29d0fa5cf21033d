// `npm run serve`: the production server, bundled by `npm run build` into the
// build folder (server/index.ts compiled once, not by tsx at every start).
// Node's flags for it are in package.json's "serve" script, which the bench
// reads too (bench/servers.ts), so both run the server the same way.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const entry = path.resolve(import.meta.dirname, '..', process.env.BUILD_DIR || 'build', 'serve.js');
if (!fs.existsSync(entry)) {
	process.stderr.write(
		'opsloom: The app is not built yet: run `npm run build` (or `npm start`).\n'
	);
	process.exit(1);
}
await import(pathToFileURL(entry).href);
