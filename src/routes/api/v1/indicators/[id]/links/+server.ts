import { json } from '@sveltejs/kit';
import { addIndicatorLink } from '$lib/server/indicators/links';
import { readSeries } from '$lib/server/indicators/series';
import { readJson } from '$lib/server/http';
import { requireObject } from '$lib/server/validate';
import { indicatorRoute } from '../../indicator-route';
import type { RequestHandler } from './$types';

/** `{kind: task|suggestion|flow_step, id, nodeId?, changedOn?}`; answers the links with their effect. */
export const POST: RequestHandler = indicatorRoute(
	async ({ request }, { runtime, access, indicator }) => {
		const body = requireObject(await readJson(request));
		const id = await addIndicatorLink(runtime.db, access, indicator, body);
		const { links } = await readSeries(runtime.db, indicator);
		return json({ id, links }, { status: 201 });
	}
);
