import { SUGGESTION_STRINGS } from '$lib/model/suggestions';
import type { SuggestionView } from './queries';

/** A cell that a spreadsheet would run as a formula is prefixed with a quote. */
function csvCell(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The list as CSV, with a UTF-8 byte-order mark so spreadsheet programs read
 * Chinese text correctly. The author column follows the API's rule: empty
 * for an anonymous suggestion unless the reader wrote it.
 */
export function suggestionsToCsv(list: SuggestionView[], origin: string): string {
	const header = [
		'id',
		'title',
		'status',
		'category',
		'votes',
		'author',
		'situation',
		'proposal',
		'expected benefit',
		'status note',
		'link',
		'created',
		'updated'
	];
	const lines = [header.join(',')];
	for (const s of list) {
		lines.push(
			[
				s.id,
				s.title,
				SUGGESTION_STRINGS.statusLabels[s.status],
				s.category?.name ?? '',
				String(s.votes),
				s.author?.name ?? (s.anonymous ? SUGGESTION_STRINGS.anonymous : ''),
				s.situation,
				s.proposal,
				s.benefit,
				s.statusNote ?? '',
				`${origin}/w/${s.workspaceId}/suggestions/${s.id}`,
				s.createdAt.toISOString(),
				s.updatedAt.toISOString()
			]
				.map(csvCell)
				.join(',')
		);
	}
	return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
