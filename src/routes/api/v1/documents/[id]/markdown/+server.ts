import { attachmentDisposition, fileNameOf } from '$lib/model/file-names';
import { exportFrameworkMarkdown } from '$lib/server/framework-markdown';
import { apiRoute } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireIdParam } from '../../../params';
import type { RequestHandler } from './$types';

/** A framework document as Markdown; `?download=1` answers as a file named after its title. */
export const GET: RequestHandler = apiRoute(async ({ params, url }, user) => {
	const id = requireIdParam(params.id, 'document');
	const { db, sync } = await getRuntime();
	const { title, markdown } = await exportFrameworkMarkdown({ db, sync }, id, user.id);
	const headers: Record<string, string> = { 'content-type': 'text/markdown; charset=utf-8' };
	if (url.searchParams.get('download') === '1') {
		headers['content-disposition'] = attachmentDisposition(
			`${fileNameOf(title, 'document')}.md`,
			'document.md'
		);
	}
	return new Response(markdown, { headers });
});
