/**
 * ProseMirror's JSON form of framework content (what tiptap's `getJSON()`
 * returns and `insertContent()` takes). The Markdown converters work on it,
 * so the browser can convert the editor's content and the server a stored
 * document (through yjs.ts) with the same code.
 */
export interface ContentMark {
	type: string;
	attrs?: Record<string, unknown>;
}

export interface ContentNode {
	type: string;
	attrs?: Record<string, unknown>;
	content?: ContentNode[];
	text?: string;
	marks?: ContentMark[];
}
