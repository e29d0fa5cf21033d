import { json } from '@sveltejs/kit';
import { takeIndicatorToMeeting } from '$lib/server/indicators/review';
import { appOrigin, readJson } from '$lib/server/http';
import { requireObject } from '$lib/server/validate';
import { indicatorRoute } from '../../indicator-route';
import type { RequestHandler } from './$types';

/** `{documentId, columnId?, chart? (PNG data URL), text?}`: a topic on that review board linking here. */
export const POST: RequestHandler = indicatorRoute(
	async (event, { runtime, access, indicator }) => {
		const body = requireObject(await readJson(event.request));
		const url = `${appOrigin(event.url, runtime.config)}/w/${indicator.workspaceId}/indicators/${indicator.id}`;
		const made = await takeIndicatorToMeeting(runtime, access, indicator, body, url);
		return json(made, { status: 201 });
	}
);
