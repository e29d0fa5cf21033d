/**
 * Light or dark: "system" follows the device (prefers-color-scheme); a choice
 * in settings is kept per browser in a cookie, which the server reads to
 * render <html data-theme> so the first paint already has the right colours
 * (no script runs before it, and none is needed).
 */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_COOKIE = 'opsloom_theme';

export function isTheme(value: unknown): value is Theme {
	return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}

export function themeOf(cookie: string | undefined): Theme {
	return isTheme(cookie) ? cookie : 'system';
}

/** The `<meta name="color-scheme">` content: what the browser may use before the CSS arrives. */
export function colorSchemeOf(theme: Theme): string {
	return theme === 'system' ? 'light dark' : theme;
}
