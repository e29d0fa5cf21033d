import { json } from '@sveltejs/kit';
import { listChanges } from '$lib/server/indicators/queries';
import { indicatorRoute } from '../../indicator-route';
import type { RequestHandler } from './$types';

/** The audit trail of the values, newest first: who, when, old → new; `?period=` for one period. */
export const GET: RequestHandler = indicatorRoute(async ({ url }, { runtime, indicator }) =>
	json({
		changes: await listChanges(runtime.db, indicator.id, {
			period: url.searchParams.get('period') ?? undefined,
			limit: 500
		})
	})
);
