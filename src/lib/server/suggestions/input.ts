import { and, eq } from 'drizzle-orm';
import { SUGGESTION_LIMITS, type SuggestionLink } from '$lib/model/suggestions';
import type { Database } from '../db';
import { suggestionCategories } from '../db/schema';
import { findDocument } from '../documents';
import { badRequest } from '../errors';
import { refuseUnstorable, requireString } from '../validate';
import { ensureSettings } from './access';

/** Parsing and checking what people send; each failure is a 400 naming the field. */

export function requireText(value: unknown, field: string, max: number = SUGGESTION_LIMITS.text) {
	return requireString(value, field, { max });
}

export function optionalText(value: unknown, field: string, max: number): string | null {
	if (value === undefined || value === null || value === '') return null;
	if (typeof value !== 'string') throw badRequest(`${field} must be text.`);
	refuseUnstorable(value, field);
	const trimmed = value.trim();
	if (trimmed.length > max) throw badRequest(`${field} must be at most ${max} characters.`);
	return trimmed || null;
}

export async function requireCategory(
	db: Database,
	workspaceId: string,
	value: unknown
): Promise<string> {
	await ensureSettings(db, workspaceId);
	if (typeof value !== 'string' || value === '') throw badRequest('category is required.');
	const [row] = await db
		.select({ id: suggestionCategories.id })
		.from(suggestionCategories)
		.where(
			and(eq(suggestionCategories.workspaceId, workspaceId), eq(suggestionCategories.id, value))
		);
	if (!row) throw badRequest('category is not one of this workspace’s categories.');
	return row.id;
}

const MAX_LINKS = 10;

function shortId(value: unknown, field: string): string {
	if (typeof value !== 'string' || value.length === 0 || value.length > 100) {
		throw badRequest(`${field} is required (at most 100 characters).`);
	}
	refuseUnstorable(value, field);
	return value;
}

/** Links to a document, a flow step or a retro topic of the same workspace. */
export async function requireLinks(
	db: Database,
	workspaceId: string,
	value: unknown
): Promise<SuggestionLink[]> {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value) || value.length > MAX_LINKS) {
		throw badRequest(`links must be a list of at most ${MAX_LINKS} links.`);
	}
	const links: SuggestionLink[] = [];
	for (const [i, raw] of value.entries()) {
		const field = `links[${i}]`;
		if (typeof raw !== 'object' || raw === null) throw badRequest(`${field} must be an object.`);
		const link = raw as Record<string, unknown>;
		const documentId = shortId(link.documentId, `${field}.documentId`);
		const document = await findDocument(db, documentId);
		if (!document || document.workspaceId !== workspaceId) {
			throw badRequest(`${field}.documentId is not a document of this workspace.`);
		}
		if (link.kind === 'document') links.push({ kind: 'document', documentId });
		else if (link.kind === 'flow_step') {
			if (document.kind !== 'flow') throw badRequest(`${field}.documentId is not a flowchart.`);
			links.push({
				kind: 'flow_step',
				documentId,
				nodeId: shortId(link.nodeId, `${field}.nodeId`)
			});
		} else if (link.kind === 'retro_topic') {
			if (document.kind !== 'retro') throw badRequest(`${field}.documentId is not a retro board.`);
			links.push({
				kind: 'retro_topic',
				documentId,
				topicId: shortId(link.topicId, `${field}.topicId`)
			});
		} else throw badRequest(`${field}.kind must be one of: document, flow_step, retro_topic.`);
	}
	return links;
}

function requireMeasure(value: unknown, field: string) {
	if (value === undefined || value === null) return null;
	if (typeof value !== 'object') throw badRequest(`${field} must be an object.`);
	const m = value as Record<string, unknown>;
	let number: number | null = null;
	if (m.value !== undefined && m.value !== null && m.value !== '') {
		number = typeof m.value === 'string' ? Number(m.value) : (m.value as number);
		if (typeof number !== 'number' || !Number.isFinite(number)) {
			throw badRequest(`${field}.value must be a number.`);
		}
	}
	const unit = optionalText(m.unit, `${field}.unit`, SUGGESTION_LIMITS.resultUnit);
	const text = optionalText(m.text, `${field}.text`, SUGGESTION_LIMITS.note);
	if (number === null && text === null) return null;
	return { value: number, unit, text };
}

/** Expected vs actual result, sent with the change to `done`. */
export function readResult(value: unknown) {
	if (value === undefined || value === null) return null;
	if (typeof value !== 'object') throw badRequest('result must be an object.');
	const r = value as Record<string, unknown>;
	const actual = requireMeasure(r.actual, 'result.actual');
	if (!actual) throw badRequest('result.actual needs a value or a text.');
	return { expected: requireMeasure(r.expected, 'result.expected'), actual };
}
