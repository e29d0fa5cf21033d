import * as Y from 'yjs';

/**
 * The shape of a `framework` document (schema version 1):
 *
 * - `content` (Y.XmlFragment): the rich text, as tiptap's Collaboration
 *   extension writes it (ProseMirror nodes as Y.XmlElement named after the
 *   node type: paragraph, heading, bulletList, taskList, taskItem, table …).
 * - `meta` (Y.Map): `schemaVersion` (number) and `kind` ('framework').
 *
 * A script can read and write these with a stock Yjs client.
 */
export const FRAMEWORK_SCHEMA_VERSION = 1;
export const FRAMEWORK_KIND = 'framework';
export const CONTENT_FIELD = 'content';
export const META_FIELD = 'meta';

export interface FrameworkMeta {
	/** null when the document has not been stamped yet (nobody with edit rights opened it). */
	schemaVersion: number | null;
	kind: string | null;
}

export function readFrameworkMeta(doc: Y.Doc): FrameworkMeta {
	const meta = doc.getMap<unknown>(META_FIELD);
	const schemaVersion = meta.get('schemaVersion');
	const kind = meta.get('kind');
	return {
		schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : null,
		kind: typeof kind === 'string' ? kind : null
	};
}

/**
 * Stamps `meta` with the schema version and kind where they are missing.
 * Callers must only do this once the document is synced with the server:
 * stamping an empty local copy would race a stamp (or a newer version)
 * that already exists remotely. Returns true when it wrote something.
 */
export function ensureFrameworkMeta(doc: Y.Doc): boolean {
	const meta = doc.getMap<unknown>(META_FIELD);
	let wrote = false;
	doc.transact(() => {
		if (!meta.has('schemaVersion')) {
			meta.set('schemaVersion', FRAMEWORK_SCHEMA_VERSION);
			wrote = true;
		}
		if (!meta.has('kind')) {
			meta.set('kind', FRAMEWORK_KIND);
			wrote = true;
		}
	});
	return wrote;
}
