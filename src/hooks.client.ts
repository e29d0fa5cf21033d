import { defineCustomClientStrategy } from '$lib/paraglide/runtime';

/**
 * The server chose this page's language and wrote it into `<html lang>`;
 * the browser reads it back rather than deciding again. Switching goes through
 * the /locale form, which reloads the page, so there is nothing to set here.
 */
defineCustomClientStrategy('custom-negotiated', {
	getLocale: () => document.documentElement.lang || undefined,
	setLocale: () => {}
});
