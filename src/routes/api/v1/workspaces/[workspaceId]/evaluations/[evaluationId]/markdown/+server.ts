import { attachmentDisposition, fileNameOf } from '$lib/model/file-names';
import { m } from '$lib/paraglide/messages';
import { evaluationMarkdown } from '$lib/server/evaluations/markdown';
import { evaluationRoute, requireFound } from '../../evaluation-route';
import type { RequestHandler } from './$types';

/** The evaluation as a Markdown file in the reader's language, named after the month and workspace. */
export const GET: RequestHandler = evaluationRoute(async ({ db, access, evaluationId }) => {
	const evaluation = await requireFound(db, access, evaluationId);
	const name = m.evaluations_file_name({
		month: evaluation.period,
		workspace: access.workspaceName
	});
	return new Response(evaluationMarkdown(evaluation, access.workspaceName), {
		headers: {
			'content-type': 'text/markdown; charset=utf-8',
			'content-disposition': attachmentDisposition(
				`${fileNameOf(name, 'evaluation')}.md`,
				`evaluation-${evaluation.period}.md`
			),
			'cache-control': 'no-store'
		}
	});
});
