import * as Y from 'yjs';
import { readFlow } from '../flow/read';
import { readActions, readCards, readColumns, readGroups } from '../retro/shape';
import { storableText } from '../text';

/** One searchable piece of a document, with where it is (`key`) for opening at the match. */
export interface SearchPassage {
	key: string;
	text: string;
}

/** A passage longer than this is cut: search finds it by its start, and a row stays small. */
const MAX_PASSAGE_CHARS = 4_000;

/**
 * Trims passages to what the index stores: whitespace folded, at most
 * MAX_PASSAGE_CHARS, empty ones dropped. Which reader a kind uses is its
 * `searchText` entry in the kinds registry (src/lib/model/kinds.ts).
 */
export function cleanPassages(passages: readonly SearchPassage[]): SearchPassage[] {
	return passages.flatMap(({ key, text }) => {
		const clean = storableText(text).replace(/\s+/g, ' ').trim().slice(0, MAX_PASSAGE_CHARS);
		return clean ? [{ key, text: clean }] : [];
	});
}

/** Each top-level block (a heading, a paragraph, a whole list or table) is a passage. */
export function readFrameworkPassages(doc: Y.Doc): SearchPassage[] {
	const content = doc.getXmlFragment('content');
	return content.toArray().map((block, index) => ({ key: `b${index}`, text: blockText(block) }));
}

function blockText(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
	if (node instanceof Y.XmlText) {
		// The delta, not toString(): that writes marks as tags, and "<" typed in text would read as one.
		return (node.toDelta() as { insert: unknown }[])
			.map((op) => (typeof op.insert === 'string' ? op.insert : ''))
			.join('');
	}
	if (node instanceof Y.XmlElement) {
		// A mention shows its label, which lives in an attribute.
		if (node.nodeName === 'mention') return `@${String(node.getAttribute('label') ?? '')}`;
		return node
			.toArray()
			.map((child) => blockText(child))
			.join(' ');
	}
	return '';
}

/** Steps, notes and lanes by their labels; arrows by theirs. */
export function readFlowPassages(doc: Y.Doc): SearchPassage[] {
	const flow = readFlow(doc);
	return [
		...flow.nodes.map((node) => ({
			key: `node-${node.id}`,
			text: [node.label, node.ownerRole, node.sla, node.description].join(' ')
		})),
		...flow.lanes.map((lane) => ({ key: `lane-${lane.id}`, text: lane.title })),
		...flow.edges.map((edge) => ({ key: `edge-${edge.id}`, text: edge.label }))
	];
}

/**
 * Only what the board shows everyone: revealed cards (drafts never enter the
 * document), not those the facilitator hid, groups, notes and actions. No
 * author is read: anonymous boards have none, and search never shows one.
 */
export function readRetroPassages(doc: Y.Doc): SearchPassage[] {
	const notes = doc.getMap<unknown>('notes');
	return [
		...readColumns(doc).map((column) => ({ key: `column-${column.id}`, text: column.title })),
		...readCards(doc)
			.filter((card) => !card.hidden)
			.map((card) => ({ key: `card-${card.id}`, text: card.text })),
		...readGroups(doc).map((group) => ({ key: `group-${group.id}`, text: group.title })),
		...[...notes].map(([topicId, note]) => ({
			key: `note-${topicId}`,
			text: note instanceof Y.Text ? note.toString() : ''
		})),
		...readActions(doc).map((action) => ({ key: `action-${action.id}`, text: action.title }))
	];
}
