/**
 * Characters no stored text may hold: PostgreSQL refuses U+0000 in `text`
 * outright, and the other C0 controls (but tab, line feed and carriage
 * return) and DEL are never typed by a person — only a broken or hostile
 * client sends them.
 */
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

export function hasUnstorableCharacters(text: string): boolean {
	UNSTORABLE.lastIndex = 0;
	return UNSTORABLE.test(text);
}

/** The text without characters it may not store (for text read from documents, which cannot be refused). */
export function storableText(text: string): string {
	return text.replace(UNSTORABLE, '');
}
