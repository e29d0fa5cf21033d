import { json } from '@sveltejs/kit';
import { requireIndicatorAccess } from '$lib/server/indicators/access';
import { importCsv } from '$lib/server/indicators/import';
import { describeProblems } from '$lib/server/indicators/measurements';
import { badRequest, tooLarge } from '$lib/server/errors';
import { apiRoute } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import { requireIdParam } from '../../../../params';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/** A CSV file is at most this large (100,000 rows of id, period, value and a short note). */
const MAX_CSV_BYTES = 8 * 1024 * 1024;

async function readCsv(request: Request): Promise<string> {
	const type = request.headers.get('content-type') ?? '';
	if (Number(request.headers.get('content-length') ?? '0') > MAX_CSV_BYTES)
		throw tooLarge(m.indsrv_import_too_large({ max: MAX_CSV_BYTES / 1024 / 1024 }));
	if (type.startsWith('multipart/form-data')) {
		const file = (await request.formData()).get('file');
		if (!(file instanceof File)) throw badRequest(m.indsrv_import_form_field());
		return file.text();
	}
	if (type.startsWith('application/json')) {
		const body = (await request.json().catch(() => null)) as { csv?: unknown } | null;
		if (typeof body?.csv !== 'string') throw badRequest(m.indsrv_import_body());
		return body.csv;
	}
	return request.text();
}

/**
 * Imports values from CSV (`indicator,period,value[,note]`). `?dryRun=true`
 * answers the preview and imports nothing. With any bad row the answer is a
 * 400 listing every bad row, and nothing is imported.
 */
export const POST: RequestHandler = apiRoute(async ({ params, request, url }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const dryRun = url.searchParams.get('dryRun') === 'true';
	const { db } = await getRuntime();
	const access = await requireIndicatorAccess(db, workspaceId, user.id);
	const text = await readCsv(request);
	if (text.length > MAX_CSV_BYTES)
		throw tooLarge(m.indsrv_import_too_large({ max: MAX_CSV_BYTES / 1024 / 1024 }));
	const result = await importCsv(db, access, text, { dryRun, actorId: user.id });
	if (!result.valid && !dryRun) {
		return json(
			{ error: { code: 'bad_request', message: describeProblems(result.problems) }, ...result },
			{ status: 400 }
		);
	}
	return json(result);
});
