import { m } from '$lib/paraglide/messages';
import { hasUnstorableCharacters } from '$lib/model/text';
import { badRequest } from '../errors';

/**
 * How a field is named in an error, in the reader's language. The API name
 * stays in the sentence (in Chinese beside the word: 标题（title）), so a
 * person reads which box is wrong and an API client which property.
 */
const LABELS: Record<string, () => string> = {
	title: m.suggestions_field_title,
	situation: m.suggestions_field_situation,
	proposal: m.suggestions_field_proposal,
	benefit: m.suggestions_field_benefit,
	category: m.suggestions_field_category,
	body: m.suggestions_field_body,
	note: m.suggestions_field_note,
	hiddenReason: m.suggestions_field_hidden_reason,
	into: m.suggestions_field_into,
	documentId: m.suggestions_field_document,
	nodeId: m.suggestions_field_node,
	status: m.suggestions_field_status,
	sort: m.suggestions_field_sort,
	q: m.suggestions_field_q,
	links: m.suggestions_field_links,
	result: m.suggestions_field_result,
	anonymous: m.suggestions_field_anonymous,
	hidden: m.suggestions_field_hidden,
	limit: m.suggestions_field_limit,
	offset: m.suggestions_field_offset,
	assigneeId: m.suggestions_field_assignee,
	due: m.suggestions_field_due
};

/** `field` as a reader sees it; paths such as `links[0].documentId` stay as they are. */
export function fieldLabel(field: string): string {
	return LABELS[field]?.() ?? field;
}

/** A 400 naming the field. */
export function fieldError(
	field: string,
	message: (inputs: { field: string }) => string
): ReturnType<typeof badRequest> {
	return badRequest(message({ field: fieldLabel(field) }));
}

function refuseControl(value: string, field: string): void {
	if (hasUnstorableCharacters(value)) throw fieldError(field, m.suggestions_error_control);
}

/** Required text, trimmed; empty, too long or not text is a 400 naming the field. */
export function requireText(value: unknown, field: string, max: number): string {
	if (typeof value !== 'string') throw fieldError(field, m.suggestions_error_required);
	refuseControl(value, field);
	const trimmed = value.trim();
	if (!trimmed) throw fieldError(field, m.suggestions_error_required);
	if (trimmed.length > max) {
		throw badRequest(m.suggestions_error_too_long({ field: fieldLabel(field), max }));
	}
	return trimmed;
}

/** Optional text: null when absent or blank. */
export function optionalText(value: unknown, field: string, max: number): string | null {
	if (value === undefined || value === null || value === '') return null;
	if (typeof value !== 'string') throw fieldError(field, m.suggestions_error_text);
	refuseControl(value, field);
	const trimmed = value.trim();
	if (trimmed.length > max) {
		throw badRequest(m.suggestions_error_too_long({ field: fieldLabel(field), max }));
	}
	return trimmed || null;
}

export function requireBoolean(value: unknown, field: string): boolean {
	if (typeof value !== 'boolean') throw fieldError(field, m.suggestions_error_boolean);
	return value;
}

export function requireChoice<T extends string>(
	value: unknown,
	field: string,
	allowed: readonly T[]
): T {
	if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
		throw badRequest(
			m.suggestions_error_one_of({ field: fieldLabel(field), values: allowed.join(', ') })
		);
	}
	return value as T;
}
