import { removeIndicatorLink } from '$lib/server/indicators/links';
import { requireIdParam } from '../../../../params';
import { indicatorRoute } from '../../../indicator-route';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = indicatorRoute(
	async ({ params }, { runtime, access, indicator }) => {
		await removeIndicatorLink(runtime.db, access, indicator, requireIdParam(params.linkId, 'link'));
		return new Response(null, { status: 204 });
	}
);
