import { removeAnnotation } from '$lib/server/indicators/annotations';
import { requireIdParam } from '../../../../params';
import { indicatorRoute } from '../../../indicator-route';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = indicatorRoute(
	async ({ params }, { runtime, access, indicator }) => {
		await removeAnnotation(
			runtime.db,
			access,
			indicator,
			requireIdParam(params.annotationId, 'annotation')
		);
		return new Response(null, { status: 204 });
	}
);
