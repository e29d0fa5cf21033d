/**
 * The names of the document kinds, kept apart from the registry (kinds.ts)
 * so the database schema can type its `kind` column without loading every
 * kind's model. Adding a kind: its name here, its entry in kinds.ts.
 */
export const DOCUMENT_KINDS = ['framework', 'flow', 'retro'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export function isDocumentKind(value: unknown): value is DocumentKind {
	return (DOCUMENT_KINDS as readonly unknown[]).includes(value);
}
