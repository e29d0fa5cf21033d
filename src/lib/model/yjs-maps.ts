import * as Y from 'yjs';

/** Helpers every document kind's model uses; no DOM and no Node APIs, like the models. */

/** A short random id for items inside a document (16 base-36 characters, ~72 bits). */
export function newId(): string {
	const bytes = new Uint8Array(9);
	crypto.getRandomValues(bytes);
	return Array.from(bytes, (b) => b.toString(36).padStart(2, '0'))
		.join('')
		.slice(0, 16);
}

/** A new Y.Map holding `entries` (to be inserted into a document). */
export function mapOf(entries: Record<string, unknown>): Y.Map<unknown> {
	const map = new Y.Map<unknown>();
	for (const [key, value] of Object.entries(entries)) map.set(key, value);
	return map;
}
