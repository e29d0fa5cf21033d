/** How long to wait for the page to render the words: an editor shows synced content a little later. */
const WAIT_MS = 5_000;
const HIGHLIGHT = 'search-match';

/**
 * Finds `words` in the page's text under `root`, scrolls them into the middle
 * of the view and marks them with the CSS Custom Highlight API, which paints
 * over the text without touching the DOM an editor owns. A heading with the
 * same words (the page title) is used only when the text has them nowhere else.
 * Returns a function that stops looking and removes the mark.
 */
export function revealMatch(root: HTMLElement, words: string): () => void {
	const needle = words.toLocaleLowerCase();
	const started = performance.now();
	let frame = 0;
	const look = () => {
		const range = findRange(root, needle);
		if (!range) {
			if (performance.now() - started < WAIT_MS) frame = requestAnimationFrame(look);
			return;
		}
		range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
		if (typeof CSS !== 'undefined' && 'highlights' in CSS) {
			CSS.highlights.set(HIGHLIGHT, new Highlight(range));
		}
	};
	look();
	return () => {
		cancelAnimationFrame(frame);
		if (typeof CSS !== 'undefined' && 'highlights' in CSS) CSS.highlights.delete(HIGHLIGHT);
	};
}

function findRange(root: HTMLElement, needle: string): Range | null {
	const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
	let fallback: Range | null = null;
	for (let node = walker.nextNode(); node; node = walker.nextNode()) {
		const at = (node.textContent ?? '').toLocaleLowerCase().indexOf(needle);
		if (at < 0) continue;
		const range = document.createRange();
		range.setStart(node, at);
		range.setEnd(node, at + needle.length);
		if (!node.parentElement?.closest('h1, [data-search-skip]')) return range;
		fallback ??= range;
	}
	return fallback;
}
