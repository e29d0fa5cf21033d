// Relative, not `$lib`: the model is also loaded by scripts run with tsx.
import { isDocumentKind, type DocumentKind } from './kind-names';

/**
 * How a workspace's document list is sorted and filtered, as its URL query
 * carries it (so a filtered list can be shared and survives a reload) and as
 * the JSON API takes it: `sort`, `kind`, `owner` (who created the document),
 * `edited` (edited within that many days).
 */
export const DOCUMENT_SORTS = ['edited', 'title', 'kind'] as const;
export type DocumentSort = (typeof DOCUMENT_SORTS)[number];

export const EDITED_WITHIN_DAYS = [7, 30, 90] as const;
export type EditedWithinDays = (typeof EDITED_WITHIN_DAYS)[number];

export interface DocumentListQuery {
	sort: DocumentSort;
	kind: DocumentKind | null;
	/** A user id: documents that person created. */
	owner: string | null;
	editedWithinDays: EditedWithinDays | null;
}

export const DEFAULT_DOCUMENT_LIST_QUERY: DocumentListQuery = {
	sort: 'edited',
	kind: null,
	owner: null,
	editedWithinDays: null
};

/** The query parameter names, in the order `writeDocumentListQuery` writes them. */
export type DocumentListParam = 'sort' | 'kind' | 'owner' | 'edited';

/**
 * Reads the query from URL parameters. A parameter that is absent or empty
 * means "no filter"; one with a value this build does not know is reported in
 * `invalid` (the API answers 400 for it, a page ignores it) and left unset.
 */
export function readDocumentListQuery(params: URLSearchParams): {
	query: DocumentListQuery;
	invalid: DocumentListParam[];
} {
	const query = { ...DEFAULT_DOCUMENT_LIST_QUERY };
	const invalid: DocumentListParam[] = [];
	const value = (name: DocumentListParam) => params.get(name) || null;

	const sort = value('sort');
	if (sort !== null) {
		if ((DOCUMENT_SORTS as readonly string[]).includes(sort)) query.sort = sort as DocumentSort;
		else invalid.push('sort');
	}
	const kind = value('kind');
	if (kind !== null) {
		if (isDocumentKind(kind)) query.kind = kind;
		else invalid.push('kind');
	}
	const owner = value('owner');
	if (owner !== null) {
		// Every id is 20 base32 characters; anything else names nobody.
		if (/^[a-z2-7]{20}$/.test(owner)) query.owner = owner;
		else invalid.push('owner');
	}
	const edited = value('edited');
	if (edited !== null) {
		const days = Number(edited);
		if ((EDITED_WITHIN_DAYS as readonly number[]).includes(days)) {
			query.editedWithinDays = days as EditedWithinDays;
		} else invalid.push('edited');
	}
	return { query, invalid };
}

/** True when the list shows every document (only the order may differ). */
export function isUnfiltered(query: DocumentListQuery): boolean {
	return query.kind === null && query.owner === null && query.editedWithinDays === null;
}
