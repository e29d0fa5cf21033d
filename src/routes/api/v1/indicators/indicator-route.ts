import type { RequestEvent } from '@sveltejs/kit';
import type { SessionUser } from '$lib/server/auth/session';
import {
	accessToIndicator,
	type IndicatorAccess,
	type IndicatorRow
} from '$lib/server/indicators/access';
import { apiRoute } from '$lib/server/http';
import { getRuntime, type Runtime } from '$lib/server/runtime';
import { requireIdParam } from '../params';

export interface IndicatorContext {
	runtime: Runtime;
	access: IndicatorAccess;
	indicator: IndicatorRow;
	user: SessionUser;
}

/** An endpoint about one indicator: parses the id and finds the caller's access before `handle`. */
export function indicatorRoute<E extends RequestEvent<{ id: string }>>(
	handle: (event: E, context: IndicatorContext) => Promise<Response>
): (event: E) => Promise<Response> {
	return apiRoute(async (event: E, user) => {
		const id = requireIdParam(event.params.id, 'indicator');
		const runtime = await getRuntime();
		const { access, indicator } = await accessToIndicator(runtime.db, id, user.id);
		return handle(event, { runtime, access, indicator, user });
	});
}
