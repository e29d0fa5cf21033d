import { USER_COLORS } from '$lib/styles/tokens';

/**
 * Colours readable as caret, label background (white text) and dot: the
 * --user-N tokens, hex #rrggbb only because CollaborationCaret ignores any
 * other format.
 */
const PALETTE = USER_COLORS;

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
