import { BASE_LOCALE, isAppLocale, type AppLocale } from './locales';

/** Regions whose Chinese readers expect traditional characters. */
const TRADITIONAL_REGIONS = new Set(['tw', 'hk', 'mo']);

/**
 * The language of one request, in the order people expect: the setting they
 * saved in their account, then the choice this browser made while signed out
 * (cookie), then the browser's own preference, then English.
 */
export function negotiateLocale(choice: {
	saved?: string | null;
	cookie?: string | null;
	acceptLanguage?: string | null;
}): AppLocale {
	if (isAppLocale(choice.saved)) return choice.saved;
	if (isAppLocale(choice.cookie)) return choice.cookie;
	return localeFromAcceptLanguage(choice.acceptLanguage) ?? BASE_LOCALE;
}

/**
 * The best of our locales for an `Accept-Language` header, or null when it
 * names none of them. Tags are tried by quality, then by their order in the
 * header (RFC 9110 §12.5.4); q=0 means "not this one".
 */
export function localeFromAcceptLanguage(header: string | null | undefined): AppLocale | null {
	if (!header) return null;
	const ranges = header
		.split(',')
		.map((part, index) => {
			const [tag, ...params] = part.trim().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			const quality = q === undefined ? 1 : Number(q.slice(2));
			return {
				tag: tag.trim().toLowerCase(),
				quality: Number.isFinite(quality) ? quality : 0,
				index
			};
		})
		.filter((range) => range.tag !== '' && range.quality > 0)
		.sort((a, b) => b.quality - a.quality || a.index - b.index);
	for (const { tag } of ranges) {
		const locale = localeForTag(tag);
		if (locale) return locale;
	}
	return null;
}

/** One lower-cased language tag mapped to a locale we have, or null. */
function localeForTag(tag: string): AppLocale | null {
	const [language, ...subtags] = tag.split('-');
	if (language === 'en') return 'en';
	if (language !== 'zh') return null;
	// An explicit script wins over the region: zh-Hant-CN is still traditional.
	if (subtags.includes('hant')) return 'zh-Hant';
	if (subtags.includes('hans')) return 'zh-Hans';
	if (subtags.some((subtag) => TRADITIONAL_REGIONS.has(subtag))) return 'zh-Hant';
	return 'zh-Hans';
}
