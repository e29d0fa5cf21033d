/* eslint-disable @typescript-eslint/no-explicit-any -- Yjs's own types use AbstractType<any> for "any shared type". */
import type * as Y from 'yjs';

/**
 * Who wrote what, as far as a Yjs document tells: every item carries the
 * client id of the replica that created it, and a map entry (an attribute, a
 * key of a Y.Map) is the item of its latest write. The server knows which
 * authenticated person each client id belongs to (`document_clients`); these
 * helpers only read the client ids.
 */
type WithItem = { _item: { id: { client: number; clock: number } } | null };
type WithMap = { _map: Map<string, { id: { client: number }; deleted: boolean }> };

/** The Yjs id of a nested type (element, map, text) as 'client:clock', or null for a root. */
export function itemIdOf(type: Y.AbstractType<any>): string | null {
	const item = (type as unknown as WithItem)._item;
	return item ? `${item.id.client}:${item.id.clock}` : null;
}

/** The client id that created a nested type, or null for a root. */
export function creatorOf(type: Y.AbstractType<any>): number | null {
	return (type as unknown as WithItem)._item?.id.client ?? null;
}

/** The client id that last wrote `key` of a map or an element's attribute, or null when never set. */
export function lastWriterOf(type: Y.AbstractType<any>, key: string): number | null {
	const entry = (type as unknown as WithMap)._map.get(key);
	return entry && !entry.deleted ? entry.id.client : null;
}
