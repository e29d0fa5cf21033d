/**
 * The languages Opsloom speaks. Mirrors `locales` in project.inlang/settings.json
 * (Paraglide's generated runtime has the same list; this copy keeps the pure
 * negotiation importable without compiling messages first).
 */
export const LOCALES = ['en', 'zh-Hans', 'zh-Hant'] as const;
export type AppLocale = (typeof LOCALES)[number];
export const BASE_LOCALE: AppLocale = 'en';

/** Signed-out choice of language, and a signed-in person's last choice on this browser. */
export const LOCALE_COOKIE = 'opsloom_locale';

/** What each language is called in itself: a switcher must be readable by whoever needs it. */
export const LOCALE_NAMES: Record<AppLocale, string> = {
	en: 'English',
	'zh-Hans': '简体中文',
	'zh-Hant': '繁體中文'
};

export function isAppLocale(value: unknown): value is AppLocale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
