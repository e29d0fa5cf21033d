import { m } from '../paraglide/messages.js';

/** What a path segment names, for "No such …" in the request's language. */
const NOUNS = {
	workspace: m.server_what_workspace,
	document: m.server_what_document,
	task: m.server_what_task,
	member: m.server_what_member,
	invitation: m.server_what_invitation,
	session: m.server_what_session,
	'API token': m.server_what_api_token,
	suggestion: m.server_what_suggestion,
	comment: m.server_what_comment,
	thread: m.comments_what_thread,
	card: m.server_what_card,
	'card of yours': m.server_what_own_card,
	group: m.server_what_group,
	column: m.server_what_column,
	indicator: m.indicators_what_indicator,
	chart: m.indicators_what_chart,
	annotation: m.indicators_what_annotation,
	link: m.indicators_what_link,
	category: m.indicators_what_category,
	evaluation: m.evaluations_what_evaluation,
	version: m.versions_what_version,
	template: m.doclist_what_template
} as const;

export type IdNoun = keyof typeof NOUNS;

/** "No such task." / 找不到该任务。 */
export function noSuch(what: IdNoun): string {
	return m.server_no_such_id({ what: NOUNS[what]() });
}
