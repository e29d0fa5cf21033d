import { and, eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import { SUGGESTION_LIMITS, type SuggestionLink } from '$lib/model/suggestions';
import type { Database } from '../db';
import { suggestionCategories } from '../db/schema';
import { findDocument } from '../documents';
import { badRequest } from '../errors';
import { ensureSettings } from './access';
import type { SuggestionDeps } from './deps';
import { fieldError, fieldLabel, optionalText, requireText as requireTextOf } from './fields';
import { requireTarget } from './targets';

/** Parsing and checking what people send; each failure is a 400 naming the field. */

export { optionalText };

export function requireText(value: unknown, field: string, max: number = SUGGESTION_LIMITS.text) {
	return requireTextOf(value, field, max);
}

export async function requireCategory(
	db: Database,
	workspaceId: string,
	value: unknown
): Promise<string> {
	await ensureSettings(db, workspaceId);
	if (typeof value !== 'string' || value === '') {
		throw fieldError('category', m.suggestions_error_required);
	}
	const [row] = await db
		.select({ id: suggestionCategories.id })
		.from(suggestionCategories)
		.where(
			and(eq(suggestionCategories.workspaceId, workspaceId), eq(suggestionCategories.id, value))
		);
	if (!row) throw fieldError('category', m.suggestions_error_category_unknown);
	return row.id;
}

const MAX_LINKS = 10;

function shortId(value: unknown, field: string): string {
	if (typeof value !== 'string' || value.length === 0) {
		throw fieldError(field, m.suggestions_error_required);
	}
	if (value.length > 100) {
		throw badRequest(m.suggestions_error_too_long({ field: fieldLabel(field), max: 100 }));
	}
	return requireTextOf(value, field, 100);
}

/**
 * Links to a document, a flow step or a retro topic of the same workspace.
 * A step or topic must be in its document when the link is made (it may go
 * later: the page then says so).
 */
export async function requireLinks(
	deps: SuggestionDeps,
	workspaceId: string,
	value: unknown
): Promise<SuggestionLink[]> {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value) || value.length > MAX_LINKS) {
		throw badRequest(
			m.suggestions_error_links_list({ field: fieldLabel('links'), max: MAX_LINKS })
		);
	}
	const links: SuggestionLink[] = [];
	const seen = new Set<string>();
	for (const [i, raw] of value.entries()) {
		const field = `links[${i}]`;
		if (typeof raw !== 'object' || raw === null)
			throw fieldError(field, m.suggestions_error_object);
		const link = raw as Record<string, unknown>;
		const documentId = shortId(link.documentId, `${field}.documentId`);
		const document = await findDocument(deps.db, documentId);
		if (!document || document.workspaceId !== workspaceId) {
			throw fieldError(`${field}.documentId`, m.suggestions_error_not_workspace_document);
		}
		let parsed: SuggestionLink;
		if (link.kind === 'document') parsed = { kind: 'document', documentId };
		else if (link.kind === 'flow_step') {
			if (document.kind !== 'flow')
				throw fieldError(`${field}.documentId`, m.suggestions_error_not_flow);
			const nodeId = shortId(link.nodeId, `${field}.nodeId`);
			await requireTarget(deps, document, nodeId, `${field}.nodeId`);
			parsed = { kind: 'flow_step', documentId, nodeId };
		} else if (link.kind === 'retro_topic') {
			if (document.kind !== 'retro') {
				throw fieldError(`${field}.documentId`, m.suggestions_error_not_retro);
			}
			const topicId = shortId(link.topicId, `${field}.topicId`);
			await requireTarget(deps, document, topicId, `${field}.topicId`);
			parsed = { kind: 'retro_topic', documentId, topicId };
		} else throw fieldError(`${field}.kind`, m.suggestions_error_link_kind);
		// The same place twice is one link.
		const key = JSON.stringify(parsed);
		if (!seen.has(key)) links.push(parsed);
		seen.add(key);
	}
	return links;
}

function requireMeasure(value: unknown, field: string) {
	if (value === undefined || value === null) return null;
	if (typeof value !== 'object') throw fieldError(field, m.suggestions_error_object);
	const measure = value as Record<string, unknown>;
	let number: number | null = null;
	if (measure.value !== undefined && measure.value !== null && measure.value !== '') {
		number = typeof measure.value === 'string' ? Number(measure.value) : (measure.value as number);
		if (typeof number !== 'number' || !Number.isFinite(number)) {
			throw fieldError(`${field}.value`, m.suggestions_error_number);
		}
	}
	const unit = optionalText(measure.unit, `${field}.unit`, SUGGESTION_LIMITS.resultUnit);
	const text = optionalText(measure.text, `${field}.text`, SUGGESTION_LIMITS.note);
	if (number === null && text === null) return null;
	return { value: number, unit, text };
}

/** Expected vs actual result, sent with the change to `done`. */
export function readResult(value: unknown) {
	if (value === undefined || value === null) return null;
	if (typeof value !== 'object') throw fieldError('result', m.suggestions_error_object);
	const r = value as Record<string, unknown>;
	const actual = requireMeasure(r.actual, 'result.actual');
	if (!actual) throw fieldError('result.actual', m.suggestions_error_result_actual);
	return { expected: requireMeasure(r.expected, 'result.expected'), actual };
}
