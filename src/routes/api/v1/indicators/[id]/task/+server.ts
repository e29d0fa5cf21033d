import { json } from '@sveltejs/kit';
import { createIndicatorAction } from '$lib/server/indicators/review';
import { readJson } from '$lib/server/http';
import { requireObject } from '$lib/server/validate';
import { indicatorRoute } from '../../indicator-route';
import type { RequestHandler } from './$types';

/** `{title?}`: an action assigned to the owner, linked to the indicator. */
export const POST: RequestHandler = indicatorRoute(
	async ({ request }, { runtime, access, indicator }) => {
		const body = requireObject(await readJson(request));
		const taskId = await createIndicatorAction(runtime, access, indicator, body);
		return json({ taskId }, { status: 201 });
	}
);
