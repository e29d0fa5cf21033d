import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The message catalogue is split by area (`messages/{locale}.json` for the
 * shell, `messages/<area>/{locale}.json` for the rest). These checks keep the
 * three languages in step: a key missing in one language would silently fall
 * back to English, and the same key in two areas would make one win at random.
 */
const settings = JSON.parse(readFileSync('project.inlang/settings.json', 'utf8')) as {
	baseLocale: string;
	locales: string[];
	'plugin.inlang.messageFormat': { pathPattern: string | string[] };
};
const patterns = ([] as string[]).concat(settings['plugin.inlang.messageFormat'].pathPattern);

function catalogue(pattern: string, locale: string): Record<string, unknown> {
	const file = pattern.replace('{locale}', locale);
	const { $schema: _schema, ...messages } = JSON.parse(readFileSync(file, 'utf8')) as Record<
		string,
		unknown
	>;
	return messages;
}

/** `{name}` placeholders of a message, in a stable order. */
function placeholders(text: string): string[] {
	return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]))].sort();
}

/** Every source file that may call a message function (the generated catalogue excepted). */
function sourceText(): string {
	const texts: string[] = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) {
				if (path !== join('src', 'lib', 'paraglide')) walk(path);
			} else if (/\.(ts|svelte)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
				texts.push(readFileSync(path, 'utf8'));
			}
		}
	};
	walk('src');
	walk('server');
	return texts.join('\n');
}

describe('message catalogue', () => {
	it('holds no message that nothing says (a leftover means a string was translated twice)', () => {
		const source = sourceText();
		const unused = patterns
			.flatMap((pattern) => Object.keys(catalogue(pattern, settings.baseLocale)))
			.filter((key) => !new RegExp(`\\b${key}\\b`).test(source));
		expect(unused).toEqual([]);
	});

	it('defines each key in one area only', () => {
		const seen = new Map<string, string>();
		for (const pattern of patterns) {
			for (const key of Object.keys(catalogue(pattern, settings.baseLocale))) {
				expect(seen.get(key), `${key} is in ${seen.get(key)} and ${pattern}`).toBeUndefined();
				seen.set(key, pattern);
			}
		}
	});

	for (const pattern of patterns) {
		describe(pattern, () => {
			const base = catalogue(pattern, settings.baseLocale);
			for (const locale of settings.locales.filter((l) => l !== settings.baseLocale)) {
				it(`${locale} has exactly the keys of ${settings.baseLocale}`, () => {
					expect(Object.keys(catalogue(pattern, locale)).sort()).toEqual(Object.keys(base).sort());
				});
				it(`${locale} uses the same placeholders and leaves nothing empty`, () => {
					const translated = catalogue(pattern, locale);
					for (const [key, english] of Object.entries(base)) {
						const text = translated[key];
						if (typeof english !== 'string' || typeof text !== 'string') continue; // variants
						expect(text.trim(), `${locale} ${key} is empty`).not.toBe('');
						expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(english));
					}
				});
			}
		});
	}
});
