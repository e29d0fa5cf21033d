import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, negotiateLocale } from './negotiate';

describe('localeFromAcceptLanguage', () => {
	it.each([
		['zh-CN', 'zh-Hans'],
		['zh-SG', 'zh-Hans'],
		['zh', 'zh-Hans'],
		['zh-MY', 'zh-Hans'],
		['zh-TW', 'zh-Hant'],
		['zh-HK', 'zh-Hant'],
		['zh-MO', 'zh-Hant'],
		['zh-Hans', 'zh-Hans'],
		['zh-Hant', 'zh-Hant'],
		['zh-Hans-CN', 'zh-Hans'],
		['zh-Hant-TW', 'zh-Hant'],
		['zh-Hant-HK', 'zh-Hant'],
		['zh-Hans-HK', 'zh-Hans'],
		['ZH-tw', 'zh-Hant'],
		['en', 'en'],
		['en-GB', 'en']
	])('maps %s to %s', (header, locale) => {
		expect(localeFromAcceptLanguage(header)).toBe(locale);
	});

	it('takes the first supported language in header order', () => {
		expect(localeFromAcceptLanguage('en-US,en;q=0.9,zh-CN;q=0.8')).toBe('en');
		expect(localeFromAcceptLanguage('zh-TW,zh;q=0.9,en-US;q=0.8')).toBe('zh-Hant');
	});

	it('ranks by quality before order', () => {
		expect(localeFromAcceptLanguage('en;q=0.5, zh-CN;q=0.9')).toBe('zh-Hans');
		expect(localeFromAcceptLanguage('zh-HK;q=0.4, zh-CN;q=0.4')).toBe('zh-Hant');
	});

	it('skips languages it does not have and ones refused with q=0', () => {
		expect(localeFromAcceptLanguage('ja-JP, fr;q=0.9, zh-TW;q=0.8')).toBe('zh-Hant');
		expect(localeFromAcceptLanguage('zh-CN;q=0, en;q=0.5')).toBe('en');
	});

	it('answers null for nothing usable', () => {
		expect(localeFromAcceptLanguage(null)).toBeNull();
		expect(localeFromAcceptLanguage('')).toBeNull();
		expect(localeFromAcceptLanguage('*')).toBeNull();
		expect(localeFromAcceptLanguage('ja, de;q=0.8')).toBeNull();
		expect(localeFromAcceptLanguage('zh-CN;q=abc')).toBeNull();
	});
});

describe('negotiateLocale', () => {
	it('prefers the saved setting, then the cookie, then the browser, then English', () => {
		const browser = 'zh-CN';
		expect(negotiateLocale({ saved: 'zh-Hant', cookie: 'en', acceptLanguage: browser })).toBe(
			'zh-Hant'
		);
		expect(negotiateLocale({ saved: null, cookie: 'en', acceptLanguage: browser })).toBe('en');
		expect(negotiateLocale({ saved: null, cookie: null, acceptLanguage: browser })).toBe('zh-Hans');
		expect(negotiateLocale({ acceptLanguage: 'fr-FR' })).toBe('en');
		expect(negotiateLocale({})).toBe('en');
	});

	it('ignores a saved value or cookie that is not one of our locales', () => {
		expect(negotiateLocale({ saved: 'zh', cookie: 'klingon', acceptLanguage: 'zh-HK' })).toBe(
			'zh-Hant'
		);
	});
});
