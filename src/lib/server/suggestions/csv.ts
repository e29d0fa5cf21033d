import { m } from '$lib/paraglide/messages';
import type { SuggestionResult } from '$lib/model/suggestions';
import { suggestionStatusLabel } from '$lib/components/suggestions/labels';
import type { SuggestionView } from './queries';

/** A cell that a spreadsheet would run as a formula is prefixed with a quote. */
function csvCell(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function measure(value: SuggestionResult['actual'] | null): string {
	if (!value) return '';
	const number = value.value !== null ? `${value.value}${value.unit ? ` ${value.unit}` : ''}` : '';
	return [number, value.text ?? ''].filter(Boolean).join(' — ');
}

function resultCell(result: SuggestionResult | null): string {
	if (!result) return '';
	const expected = measure(result.expected);
	const actual = measure(result.actual);
	return expected
		? `${m.suggestions_expected()}: ${expected}; ${m.suggestions_actual()}: ${actual}`
		: actual;
}

/**
 * The list as CSV in the reader's language, with a UTF-8 byte-order mark so
 * spreadsheet programs read Chinese text correctly. The author column follows
 * the API's rule: empty for an anonymous suggestion unless the reader wrote it.
 */
export function suggestionsToCsv(list: SuggestionView[], origin: string): string {
	const header = [
		m.suggestions_csv_id(),
		m.suggestions_csv_title(),
		m.suggestions_csv_status(),
		m.suggestions_csv_category(),
		m.suggestions_csv_votes(),
		m.suggestions_csv_author(),
		m.suggestions_csv_situation(),
		m.suggestions_csv_proposal(),
		m.suggestions_csv_benefit(),
		m.suggestions_csv_status_note(),
		m.suggestions_csv_result(),
		m.suggestions_csv_link(),
		m.suggestions_csv_created(),
		m.suggestions_csv_updated()
	];
	const lines = [header.map(csvCell).join(',')];
	for (const s of list) {
		lines.push(
			[
				s.id,
				s.title,
				suggestionStatusLabel(s.status),
				s.category?.name ?? '',
				String(s.votes),
				s.author?.name ?? (s.anonymous ? m.suggestions_anonymous() : ''),
				s.situation,
				s.proposal,
				s.benefit,
				s.statusNote ?? '',
				resultCell(s.result),
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
