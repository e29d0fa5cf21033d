import { badRequest } from '$lib/server/errors';
import { readTaskFilters, type TaskFilters } from '$lib/server/tasks';

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
		throw badRequest(`${name} must be true or false.`);
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
			throw badRequest(`Unknown parameter ${name}; see docs/api.md for the task filters.`);
		}
	}
	for (const name of ['mine', 'overdue', 'includeRemoved']) checkFlag(params, name);
	const assignee = params.get('assignee');
	if (assignee !== null && assignee !== 'me' && assignee !== 'none' && !ID.test(assignee)) {
		throw badRequest('assignee must be a user id, me or none.');
	}
	if (params.get('mine') === 'true' && assignee !== null && assignee !== 'me') {
		throw badRequest('Send mine=true or assignee, not both.');
	}
	const source = params.get('source');
	if (source !== null && !ID.test(source)) throw badRequest('source must be a document id.');
	if (params.get('status') === '') throw badRequest('status must not be empty.');
	return readTaskFilters(params, userId);
}
