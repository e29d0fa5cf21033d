import { badRequest } from '$lib/server/errors';
import { readTaskFilters, type TaskFilters } from '$lib/server/tasks';
import { m } from '$lib/paraglide/messages';

const ID = /^[a-z2-7]{20}$/;
const KNOWN = new Set([
	'status',
	'assignee',
	'mine',
	'source',
	'overdue',
	'includeRemoved',
	'sort',
	'order',
	'format'
]);

function checkFlag(params: URLSearchParams, name: string): void {
	const value = params.get(name);
	if (value !== null && value !== 'true' && value !== 'false') {
		throw badRequest(m.server_field_boolean({ field: name }));
	}
}

/**
 * The task-list filters of an API request. readTaskFilters (shared with the
 * task page) is lenient about values it does not know; a script should hear
 * about a typo instead of silently getting an unfiltered list, so every
 * parameter is checked here first and a wrong one answers 400 naming it.
 */
export function readApiTaskFilters(url: URL, userId: string): TaskFilters {
	const params = url.searchParams;
	for (const name of params.keys()) {
		if (!KNOWN.has(name)) {
			throw badRequest(m.server_filter_unknown({ name }));
		}
	}
	for (const name of ['mine', 'overdue', 'includeRemoved']) checkFlag(params, name);
	const assignee = params.get('assignee');
	if (assignee !== null && assignee !== 'me' && assignee !== 'none' && !ID.test(assignee)) {
		throw badRequest(m.server_filter_assignee());
	}
	if (params.get('mine') === 'true' && assignee !== null && assignee !== 'me') {
		throw badRequest(m.server_filter_mine_or_assignee());
	}
	const source = params.get('source');
	if (source !== null && !ID.test(source)) throw badRequest(m.server_filter_source());
	if (params.get('status') === '') throw badRequest(m.server_filter_status_empty());
	return readTaskFilters(params, userId);
}
