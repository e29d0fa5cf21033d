import { json } from '@sveltejs/kit';
import { apiRoute, readJson } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { updateSuggestion } from '$lib/server/suggestions/commands';
import { suggestionDeps } from '$lib/server/suggestions/deps';
import { accessToSuggestion, requireSuggestion } from '$lib/server/suggestions/lookup';
import { listDuplicates } from '$lib/server/suggestions/queries';
import { readTimeline } from '$lib/server/suggestions/timeline';
import { requireObject } from '$lib/server/validate';
import { requireIdParam } from '../../params';
import { serializeSuggestion, serializeTimeline } from '../serialize-suggestion';
import type { RequestHandler } from './$types';

/** One suggestion with its timeline and the duplicates merged into it. */
export const GET: RequestHandler = apiRoute(async ({ params }, user) => {
	const id = requireIdParam(params.id, 'suggestion');
	const { db } = await getRuntime();
	const access = await accessToSuggestion(db, id, user.id);
	const suggestion = await requireSuggestion(db, access, user, id);
	return json({
		...serializeSuggestion(suggestion),
		duplicates: await listDuplicates(db, access, id),
		timeline: serializeTimeline(await readTimeline(db, id)),
		canModerate: access.moderator
	});
});

/** The author edits or signs; moderators hide (`hidden`, `hiddenReason`). */
export const PATCH: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const id = requireIdParam(params.id, 'suggestion');
	const body = requireObject(await readJson(request));
	const runtime = await getRuntime();
	const access = await accessToSuggestion(runtime.db, id, user.id);
	await updateSuggestion(suggestionDeps(runtime), access, id, body);
	return json(serializeSuggestion(await requireSuggestion(runtime.db, access, user, id)));
});
