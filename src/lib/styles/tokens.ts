import tokensCss from './tokens.css?raw';

/**
 * The design tokens for code that draws without the page's CSS: the SVG/PNG
 * flow export, the collaboration caret's colours. Read from tokens.css itself
 * (its first `:root` block), so a colour is spelled once. Values are the
 * light theme's: an export is a file on white paper whatever the screen shows.
 */
export type TokenName = string;

const LIGHT_DARK = /^light-dark\(\s*([^,()]+(?:\([^()]*\))?[^,()]*)\s*,/;
const VAR = /var\(--([\w-]+)\)/g;

/** Custom properties of the first `:root { … }` block, comments removed. */
export function readRootTokens(css: string): Map<string, string> {
	const body = /:root\s*\{([\s\S]*?)\n\}/.exec(css.replace(/\/\*[\s\S]*?\*\//g, ''))?.[1];
	if (!body) throw new Error('tokens.css has no :root block');
	const raw = new Map<string, string>();
	for (const match of body.matchAll(/--([\w-]+)\s*:\s*([^;]+);/g)) {
		raw.set(match[1], match[2].replace(/\s+/g, ' ').trim());
	}
	const resolved = new Map<string, string>();
	const resolve = (name: string, seen: string[]): string => {
		const known = resolved.get(name);
		if (known !== undefined) return known;
		const value = raw.get(name);
		if (value === undefined) throw new Error(`tokens.css has no --${name}`);
		if (seen.includes(name)) throw new Error(`tokens.css: --${name} refers to itself`);
		const light = LIGHT_DARK.exec(value)?.[1]?.trim() ?? value;
		const out = light.replace(VAR, (_, ref: string) => resolve(ref, [...seen, name]));
		resolved.set(name, out);
		return out;
	};
	for (const name of raw.keys()) resolve(name, []);
	return resolved;
}

const TOKENS = readRootTokens(tokensCss);

/** A token's light value, e.g. `token('color-text')` → `#1d2430`. Unknown names throw. */
export function token(name: TokenName): string {
	const value = TOKENS.get(name);
	if (value === undefined) throw new Error(`Unknown design token --${name}`);
	return value;
}

/** `var(--name)` for inline styles that should follow the theme. */
export const cssVar = (name: TokenName): string => `var(--${name})`;

/** The font stack the page uses for a UI language, for text drawn into SVG. */
export function fontStackFor(locale: string): string {
	if (locale === 'zh-Hans') return token('font-sans-zh-hans');
	if (locale === 'zh-Hant') return token('font-sans-zh-hant');
	return token('font-sans-latin');
}

/** The people palette, --user-1 … in order. */
export const USER_COLORS: readonly string[] = [...TOKENS.keys()]
	.filter((name) => /^user-\d+$/.test(name))
	.map((name) => token(name));
