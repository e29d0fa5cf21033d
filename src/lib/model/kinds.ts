// Relative, not `$lib`: the model is also loaded by scripts and benchmarks run with tsx.
import type * as Y from 'yjs';
import { m } from '../paraglide/messages';
import { actionSources, type ActionSource } from './action-sources';
import { clientWritableRoots } from './client-writes';
import { readFlowSavedContent, writeFlowSavedContent } from './flow/saved-content';
import { FLOW_SCHEMA_VERSION } from './flow/shape';
import { FLOW_TEMPLATES } from './flow/templates';
import { FRAMEWORK_SCHEMA_VERSION } from './framework/shape';
import { FRAMEWORK_TEMPLATES } from './framework/templates';
import { readFrameworkSavedContent, writeFrameworkSavedContent } from './framework/saved-content';
import type { DocumentKind } from './kind-names';
import { localText, type LocalText } from './local-text';
import { readRetroSavedContent, writeRetroSavedContent } from './retro/saved-content';
import { RETRO_SCHEMA_VERSION } from './retro/shape';
import { RETRO_TEMPLATES, templateColumns } from './retro/templates';
import {
	readFlowPassages,
	readFrameworkPassages,
	readRetroPassages,
	type SearchPassage
} from './search/passages';

export { DOCUMENT_KINDS, isDocumentKind, type DocumentKind } from './kind-names';

/** A built-in starting point for a new document, as the new-document form offers it. */
export interface KindTemplate {
	id: string;
	/** What the chooser shows. */
	label: LocalText;
	description: LocalText | null;
}

/** Who a document made from a workspace template is made for. */
export interface SavedContentStart {
	/** The person creating the document (a retro board's facilitator). */
	creatorId: string;
}

/**
 * How a kind's content is copied into a workspace template and out again
 * (docs/document-model.md, "Workspace templates"): plain JSON, never Yjs
 * state, so a new document starts with its own history and no comments.
 * What each kind keeps is decided by its `read`.
 */
export interface SavedContent {
	/** What the "Save as template" form says a template of this kind keeps and leaves out. */
	keeps: LocalText;
	read(doc: Y.Doc): unknown;
	/**
	 * Writes a saved copy into an empty document, meta stamp included, with
	 * fresh ids where the kind needs them; throws on a broken copy.
	 */
	write(doc: Y.Doc, content: unknown, start: SavedContentStart): void;
}

/**
 * Everything the rest of Opsloom needs to know about one kind of document.
 * Each place that used to switch on the kind reads its entry here: the task
 * pipeline (actionSource), the sync server (clientWritableRoots), creation
 * (templates, defaultTemplate), the document page (layout), labels
 * everywhere, and the search index (searchText).
 */
export interface DocumentKindInfo {
	kind: DocumentKind;
	/** The full name ("Service framework"): the new-document form, the document page. */
	label: LocalText;
	/** The short name ("Framework"): badges in lists, CSV exports. */
	shortLabel: LocalText;
	/** The version of the shape in docs/document-model.md that this build reads and writes. */
	schemaVersion: number;
	/** Built-in templates, offered in this order; the first is not necessarily the default. */
	templates: readonly KindTemplate[];
	defaultTemplate: string;
	/** The label of the template chooser on the new-document form. */
	templateLabel: LocalText;
	/** How the task pipeline reads and writes the kind's actions; null for kinds without any. */
	actionSource: ActionSource | null;
	/** The only roots a client's own updates may write; null: every root. */
	clientWritableRoots: readonly string[] | null;
	/** The document's text as passages for the search index. */
	searchText(doc: Y.Doc): SearchPassage[];
	/** How a document of this kind is saved as a workspace template; null for kinds that cannot be. */
	savedContent: SavedContent | null;
	/** How much of the window the document page gives the editor. */
	layout: 'page' | 'wide' | 'full';
}

export const KINDS: { readonly [K in DocumentKind]: DocumentKindInfo & { kind: K } } = {
	framework: {
		kind: 'framework',
		label: localText(m.home_kind_framework),
		shortLabel: localText(m.kind_framework),
		schemaVersion: FRAMEWORK_SCHEMA_VERSION,
		templates: FRAMEWORK_TEMPLATES.map((t) => ({
			id: t.id,
			label: t.name,
			description: t.description
		})),
		defaultTemplate: 'blank',
		templateLabel: localText(m.documents_starting_point),
		actionSource: actionSources.framework ?? null,
		clientWritableRoots: clientWritableRoots.framework ?? null,
		searchText: readFrameworkPassages,
		savedContent: {
			keeps: localText(m.doclist_save_template_hint),
			read: readFrameworkSavedContent,
			write: writeFrameworkSavedContent
		},
		layout: 'page'
	},
	flow: {
		kind: 'flow',
		label: localText(m.home_kind_flow),
		shortLabel: localText(m.kind_flow),
		schemaVersion: FLOW_SCHEMA_VERSION,
		templates: FLOW_TEMPLATES.map((t) => ({
			id: t.id,
			label: t.name,
			description: t.description
		})),
		defaultTemplate: 'blank',
		templateLabel: localText(m.home_start_from),
		actionSource: actionSources.flow ?? null,
		clientWritableRoots: clientWritableRoots.flow ?? null,
		searchText: readFlowPassages,
		savedContent: {
			keeps: localText(m.doclist_save_template_hint_flow),
			read: readFlowSavedContent,
			write: writeFlowSavedContent
		},
		layout: 'full'
	},
	retro: {
		kind: 'retro',
		label: localText(m.home_kind_retro),
		shortLabel: localText(m.kind_retro),
		schemaVersion: RETRO_SCHEMA_VERSION,
		templates: RETRO_TEMPLATES.map((t) => ({
			id: t.id,
			// The columns say more than the name ("Start, Stop, Continue").
			label: (locale) =>
				t.columns.length > 0
					? `${t.name(locale)} (${templateColumns(t, locale).join(', ')})`
					: t.name(locale),
			description: null
		})),
		defaultTemplate: 'start-stop-continue',
		templateLabel: localText(m.home_template),
		actionSource: actionSources.retro ?? null,
		clientWritableRoots: clientWritableRoots.retro ?? null,
		searchText: readRetroPassages,
		savedContent: {
			keeps: localText(m.doclist_save_template_hint_retro),
			read: readRetroSavedContent,
			write: writeRetroSavedContent
		},
		layout: 'wide'
	}
};

/** The kinds in the order the new-document form offers them. */
export const KIND_LIST: readonly DocumentKindInfo[] = Object.values(KINDS);

/** The entry for a kind read from the database or a request; null for a name this build does not know. */
export function kindInfo(kind: string): DocumentKindInfo | null {
	return Object.hasOwn(KINDS, kind) ? KINDS[kind as DocumentKind] : null;
}
