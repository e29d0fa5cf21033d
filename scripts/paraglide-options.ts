/**
 * How Paraglide compiles `messages/*.json` into `src/lib/paraglide/`: shared by
 * the Vite plugin (dev, build, unit tests) and `npm run check`, which runs
 * before any Vite build has produced the generated modules.
 *
 * The locale is chosen once per request on the server (`src/lib/i18n/negotiate.ts`,
 * wired in `hooks.server.ts`) and read back in the browser from `<html lang>`:
 * both are the `custom-negotiated` strategy.
 */
export const paraglideOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	strategy: ['custom-negotiated', 'baseLocale'] as ('custom-negotiated' | 'baseLocale')[]
};
