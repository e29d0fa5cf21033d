import type * as Y from 'yjs';
import { KINDS, kindInfo } from '../kinds';
import { cleanPassages, type SearchPassage } from './passages';

/** Kinds whose documents the search index holds: every kind in the registry. */
export const searchableKinds: readonly string[] = Object.keys(KINDS);

/** A document's passages as the index stores them, read by its kind's `searchText`. */
export function readSearchPassages(kind: string, doc: Y.Doc): SearchPassage[] {
	const info = kindInfo(kind);
	return info ? cleanPassages(info.searchText(doc)) : [];
}
