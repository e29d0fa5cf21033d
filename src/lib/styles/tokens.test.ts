import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fontStackFor, readRootTokens, token, USER_COLORS } from './tokens';

describe('design tokens', () => {
	it('reads the light value of a light-dark() pair and follows var() references', () => {
		const tokens = readRootTokens(`/* x */
:root {
	--a: light-dark(#ffffff, #000000);
	--b: var(--a);
	--c: light-dark(rgb(16 24 40 / 35%), rgb(0 0 0 / 55%));
}
:root[data-theme='dark'] { --a: #111111; }`);
		expect(tokens.get('a')).toBe('#ffffff');
		expect(tokens.get('b')).toBe('#ffffff');
		expect(tokens.get('c')).toBe('rgb(16 24 40 / 35%)');
	});

	it('gives exports the same colours as the page', () => {
		expect(token('color-text')).toBe('#1d2430');
		expect(token('shape-decision-stroke')).toMatch(/^#[0-9a-f]{6}$/);
		expect(USER_COLORS).toHaveLength(10);
		for (const color of USER_COLORS) expect(color).toMatch(/^#[0-9a-f]{6}$/);
		expect(() => token('no-such-token')).toThrow(/no-such-token/);
	});

	it('orders the Chinese stacks Simplified-first for zh-Hans and Traditional-first for zh-Hant', () => {
		const position = (stack: string, font: string) => stack.indexOf(`'${font}'`);
		const hans = fontStackFor('zh-Hans');
		const hant = fontStackFor('zh-Hant');
		for (const [sc, tc] of [
			['PingFang SC', 'PingFang TC'],
			['Noto Sans CJK SC', 'Noto Sans CJK TC']
		]) {
			expect(position(hans, sc)).toBeGreaterThan(-1);
			expect(position(hans, sc)).toBeLessThan(position(hans, tc));
			expect(position(hant, tc)).toBeGreaterThan(-1);
			expect(position(hant, tc)).toBeLessThan(position(hant, sc));
		}
		// system-ui may resolve to a Japanese CJK font on Linux: never before the Chinese ones.
		expect(hans.indexOf('system-ui')).toBeGreaterThan(position(hans, 'Noto Sans CJK SC'));
		expect(hant.indexOf('system-ui')).toBeGreaterThan(position(hant, 'Noto Sans CJK TC'));
	});

	it('are the only place colours and font sizes are spelled in stylesheets and components', () => {
		const offenders: string[] = [];
		const walk = (dir: string) => {
			for (const name of readdirSync(dir)) {
				const path = join(dir, name);
				if (statSync(path).isDirectory()) {
					if (name !== 'paraglide') walk(path);
					continue;
				}
				if (!/\.(css|svelte)$/.test(name) || path.endsWith(join('styles', 'tokens.css'))) continue;
				const text = readFileSync(path, 'utf8');
				const styles = name.endsWith('.css')
					? text
					: [...text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n');
				for (const [i, line] of styles.split('\n').entries()) {
					if (
						/#[0-9a-f]{3,8}\b|rgba?\(|font-size:\s*[\d.]+(px|rem)|font-weight:\s*\d/i.test(line)
					) {
						offenders.push(`${path}:${i + 1}: ${line.trim()}`);
					}
				}
			}
		};
		walk('src');
		expect(offenders).toEqual([]);
	});
});
