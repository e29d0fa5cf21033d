import { goto } from '$app/navigation';

/**
 * List filters live in the URL, so a link or a reload shows the same list.
 * Sets (or, for null and '', removes) query parameters of the current page
 * without a new history entry, keeping focus and scroll.
 */
export function setQuery(current: URL, changes: Record<string, string | null>): void {
	const url = new URL(current);
	for (const [name, value] of Object.entries(changes)) {
		if (value === null || value === '') url.searchParams.delete(name);
		else url.searchParams.set(name, value);
	}
	// eslint-disable-next-line svelte/no-navigation-without-resolve -- the page's own URL with new filters
	void goto(url, { keepFocus: true, noScroll: true, replaceState: true });
}
