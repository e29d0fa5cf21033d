import type { DocumentKind } from '$lib/model/kinds';

/** A workspace template as the new-document form offers it. */
export interface SavedTemplateOption {
	id: string;
	kind: DocumentKind;
	name: string;
}

/**
 * The form's template chooser holds built-in ids (`blank`) and workspace
 * templates side by side; the prefix tells them apart, since a built-in id
 * is a word and a workspace template's is a generated one.
 */
const PREFIX = 'saved:';

export const savedTemplateValue = (id: string) => `${PREFIX}${id}`;

/** The workspace template a chooser value names, or null for a built-in one. */
export function readSavedTemplateValue(value: string | undefined): string | null {
	return value?.startsWith(PREFIX) ? value.slice(PREFIX.length) : null;
}
