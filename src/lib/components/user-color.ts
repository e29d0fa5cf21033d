/**
 * Colours readable as caret, label background (white text) and dot. Hex
 * #rrggbb only: CollaborationCaret ignores any other format.
 */
const PALETTE = [
	'#2f5bd3',
	'#c0392b',
	'#1d7a46',
	'#8e44ad',
	'#b35c00',
	'#0f7c8c',
	'#c2185b',
	'#5d6d1e',
	'#6a4fd1',
	'#a0522d'
] as const;

/** The same user gets the same colour in every tab, document and session. */
export function pickUserColor(userId: string): string {
	// FNV-1a: tiny, stable across platforms, spreads similar ids apart.
	let hash = 0x811c9dc5;
	for (let i = 0; i < userId.length; i++) {
		hash ^= userId.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return PALETTE[(hash >>> 0) % PALETTE.length];
}

export function initialsOf(name: string): string {
	const words = name.trim().split(/\s+/).filter(Boolean);
	if (words.length === 0) return '?';
	const first = words[0][0] ?? '';
	const last = words.length > 1 ? (words[words.length - 1][0] ?? '') : '';
	return (first + last).toUpperCase();
}
