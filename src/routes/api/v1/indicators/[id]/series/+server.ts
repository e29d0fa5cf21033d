import { json } from '@sveltejs/kit';
import { readSeries } from '$lib/server/indicators/series';
import { indicatorRoute } from '../../indicator-route';
import type { RequestHandler } from './$types';

/**
 * `?from=&to=` (periods): the values with centre line, limits, status and
 * signals computed, plus annotations and links with their effect.
 */
export const GET: RequestHandler = indicatorRoute(async ({ url }, { runtime, indicator }) =>
	json(
		await readSeries(runtime.db, indicator, {
			from: url.searchParams.get('from'),
			to: url.searchParams.get('to')
		})
	)
);
