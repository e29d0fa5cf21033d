import type * as Y from 'yjs';
import { passages, type SearchPassage } from '../search-text';
import { readCards, readGroups } from './shape';

/**
 * A retro board's text for search: group titles, the cards the board shows
 * and the discussion notes, keyed by card, group or topic. Cards enter the
 * shared document only once revealed, so nothing here is a hidden draft;
 * cards the facilitator hid are left out too.
 */
export function retroSearchText(doc: Y.Doc): SearchPassage[] {
	const notes = [...doc.getMap<unknown>('notes')].map(([topicId, text]) => ({
		text: typeof text === 'string' ? text : String(text ?? ''),
		key: topicId
	}));
	return passages([
		...readGroups(doc).map((g) => ({ text: g.title, key: g.id })),
		...readCards(doc)
			.filter((card) => !card.hidden)
			.map((card) => ({ text: card.text, key: card.id })),
		...notes
	]);
}
