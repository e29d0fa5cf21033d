import * as Y from 'yjs';
import type { Locale } from '../../paraglide/runtime';
import type { LocalText } from '../local-text';
import { newItemId } from './actions';

/**
 * Framework content as plain data, written out as the Y.XmlElements tiptap
 * reads (docs/document-model.md). Templates are made of these, so a template
 * is readable text rather than Yjs calls, and its words are LocalTexts
 * written in the creator's language.
 */
export type Block =
	| { type: 'heading'; level: 1 | 2 | 3; text: LocalText }
	/** A short prompt under a heading, in italics: text to replace. */
	| { type: 'prompt'; text: LocalText }
	| { type: 'paragraph'; text: LocalText }
	| { type: 'bullets'; items: LocalText[] }
	/** Checklist items: each becomes a task as soon as the document is extracted. */
	| { type: 'tasks'; items: LocalText[] }
	/** The first row is the header; a null cell is left empty. */
	| { type: 'table'; rows: (LocalText | null)[][] };

function element(name: string, children: (Y.XmlElement | Y.XmlText)[] = []): Y.XmlElement {
	const node = new Y.XmlElement(name);
	if (children.length > 0) node.insert(0, children);
	return node;
}

function paragraph(text: string, italic = false): Y.XmlElement {
	if (text === '') return element('paragraph');
	const run = new Y.XmlText();
	run.insert(0, text, italic ? { italic: {} } : undefined);
	return element('paragraph', [run]);
}

function blockElement(block: Block, locale: Locale): Y.XmlElement {
	switch (block.type) {
		case 'heading': {
			const heading = element('heading', [new Y.XmlText(block.text(locale))]);
			heading.setAttribute('level', block.level as unknown as string);
			return heading;
		}
		case 'prompt':
			return paragraph(block.text(locale), true);
		case 'paragraph':
			return paragraph(block.text(locale));
		case 'bullets':
			return element(
				'bulletList',
				block.items.map((item) => element('listItem', [paragraph(item(locale))]))
			);
		case 'tasks':
			return element(
				'taskList',
				block.items.map((item) => {
					const task = element('taskItem', [paragraph(item(locale))]);
					task.setAttribute('checked', false as unknown as string);
					// Keyed now, so the first extraction makes its task without a repair round.
					task.setAttribute('id', newItemId());
					return task;
				})
			);
		case 'table':
			return element(
				'table',
				block.rows.map((row, r) =>
					element(
						'tableRow',
						row.map((cell) =>
							element(r === 0 ? 'tableHeader' : 'tableCell', [paragraph(cell?.(locale) ?? '')])
						)
					)
				)
			);
	}
}

/** Appends `blocks` to the fragment, in `locale`, in one transaction. */
export function writeBlocks(
	fragment: Y.XmlFragment,
	blocks: readonly Block[],
	locale: Locale
): void {
	const write = () =>
		fragment.insert(
			fragment.length,
			blocks.map((b) => blockElement(b, locale))
		);
	if (fragment.doc) fragment.doc.transact(write);
	else write();
}
