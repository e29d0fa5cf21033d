import { json } from '@sveltejs/kit';
import { addAnnotation } from '$lib/server/indicators/annotations';
import { readJson } from '$lib/server/http';
import { requireObject } from '$lib/server/validate';
import { indicatorRoute } from '../../indicator-route';
import type { RequestHandler } from './$types';

/** `{period, text}`: an event on the timeline (editors). */
export const POST: RequestHandler = indicatorRoute(
	async ({ request }, { runtime, access, indicator }) => {
		const body = requireObject(await readJson(request));
		return json({ id: await addAnnotation(runtime.db, access, indicator, body) }, { status: 201 });
	}
);
