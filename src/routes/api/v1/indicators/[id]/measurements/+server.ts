import { json } from '@sveltejs/kit';
import { csvCell, UTF8_BOM } from '$lib/model/indicators';
import { requireEditor } from '$lib/server/indicators/access';
import {
	describeProblems,
	findDuplicates,
	readMeasurement,
	recordMeasurements,
	type MeasurementInput,
	type Problem
} from '$lib/server/indicators/measurements';
import { seriesOf } from '$lib/server/indicators/refresh';
import { badRequest } from '$lib/server/errors';
import { m } from '$lib/paraglide/messages';
import { readJson } from '$lib/server/http';
import { requireObject } from '$lib/server/validate';
import { attachmentDisposition, fileNameOf } from '$lib/model/file-names';
import { indicatorRoute } from '../../indicator-route';
import type { RequestHandler } from './$types';

/** The values as CSV (period, value, status, signals, note) — what the chart shows. */
export const GET: RequestHandler = indicatorRoute(async (_event, { runtime, indicator }) => {
	const series = await seriesOf(runtime.db, indicator);
	const lines = [['period', 'value', 'status', 'signals', 'note'].join(',')];
	for (const p of series.points) {
		lines.push(
			[p.period, String(p.value), p.status ?? '', p.signals.join(' '), p.note ?? '']
				.map(csvCell)
				.join(',')
		);
	}
	return new Response(UTF8_BOM + lines.join('\r\n') + '\r\n', {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': attachmentDisposition(
				`${fileNameOf(indicator.name, 'indicator')}.csv`,
				`indicator-${indicator.id}.csv`
			),
			'cache-control': 'no-store'
		}
	});
});

/**
 * One `{period, value, note?}` or `{measurements: [...]}` (editors, or a
 * script with an editor's API token). A period that has a value is updated;
 * `value: null` removes it. Any bad item: 400 naming it, nothing recorded.
 */
export const POST: RequestHandler = indicatorRoute(
	async ({ request }, { runtime, access, indicator, user }) => {
		requireEditor(access);
		const body = requireObject(await readJson(request));
		const batch = 'measurements' in body;
		if (batch && !Array.isArray(body.measurements))
			throw badRequest(m.indsrv_measurements_not_list());
		const raw: unknown[] = batch ? (body.measurements as unknown[]) : [body];
		if (raw.length === 0) throw badRequest(m.indsrv_measurements_empty());
		const problems: Problem[] = [];
		const items: (MeasurementInput & { at: string })[] = [];
		raw.forEach((item, i) => {
			const at = batch ? `measurements[${i}]` : 'measurement';
			const read = readMeasurement(item, at, indicator.frequency, problems);
			if (read) items.push({ ...read, at });
		});
		findDuplicates(items, problems);
		if (problems.length > 0) {
			return json(
				{ error: { code: 'bad_request', message: describeProblems(problems) }, problems },
				{ status: 400 }
			);
		}
		const outcome = await recordMeasurements(runtime.db, indicator, items, user.id, 'api');
		return json(outcome);
	}
);
