import { attachmentDisposition, fileNameOf } from '$lib/model/file-names';
import { apiRoute } from '$lib/server/http';
import { summarize } from '$lib/server/retro-meeting';
import { requireIdParam } from '../../../../params';
import { retroDeps } from '../retro-route';
import type { RequestHandler } from './$types';

/** The meeting as Markdown, at any phase; `?download=1` answers as a file. */
export const GET: RequestHandler = apiRoute(async ({ params, url }, user) => {
	const id = requireIdParam(params.id, 'document');
	const { title, markdown } = await summarize(await retroDeps(), id, user.id);
	const headers: Record<string, string> = { 'content-type': 'text/markdown; charset=utf-8' };
	if (url.searchParams.get('download') === '1') {
		headers['content-disposition'] = attachmentDisposition(
			`${fileNameOf(title, 'retro')}.md`,
			'retro.md'
		);
	}
	return new Response(markdown, { headers });
});
