/**
 * The kinds of document with version history. Only framework documents for
 * now: restoring rewrites the kind's content in place (restore-content.ts),
 * which each kind needs written for its shape.
 */
export const VERSIONED_KINDS: ReadonlySet<string> = new Set(['framework']);
