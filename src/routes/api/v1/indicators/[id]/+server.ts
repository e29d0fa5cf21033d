import { json } from '@sveltejs/kit';
import { archiveIndicator, updateIndicator } from '$lib/server/indicators/commands';
import { readIndicatorView } from '$lib/server/indicators/queries';
import { readJson } from '$lib/server/http';
import { requireObject } from '$lib/server/validate';
import { indicatorRoute } from '../indicator-route';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = indicatorRoute(async (_event, { runtime, access, indicator }) =>
	json({ ...(await readIndicatorView(runtime.db, indicator)), canEdit: access.editor })
);

/** Any part of the definition; `{archived: false}` restores an archived indicator. */
export const PATCH: RequestHandler = indicatorRoute(
	async ({ request }, { runtime, access, indicator }) => {
		const body = requireObject(await readJson(request));
		const row = await updateIndicator(runtime.db, access, indicator, body);
		return json(await readIndicatorView(runtime.db, row));
	}
);

/** Archives (never deletes): the values stay and PATCH {archived: false} brings it back. */
export const DELETE: RequestHandler = indicatorRoute(
	async (_event, { runtime, access, indicator }) => {
		await archiveIndicator(runtime.db, access, indicator);
		return new Response(null, { status: 204 });
	}
);
