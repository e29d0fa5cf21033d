import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { api, apiJson, createWorkspaceWith, signUpUser, type ApiUser } from '../helpers/api';
import { connectSynced, waitFor } from '../helpers/clients';
import {
	createStorage,
	engines,
	startServer,
	type TestServer,
	type TestStorage
} from '../helpers/server';

interface ApiIndicator {
	id: string;
	name: string;
	frequency: string;
	summary: {
		count: number;
		latest: { period: string; value: number } | null;
		status: string | null;
		signals: string[];
	};
}
interface ApiSeries {
	points: { period: string; value: number; status: string | null; signals: string[] }[];
	segments: {
		from: string;
		to: string;
		limits: { centre: number; upper: number; lower: number } | null;
		problem: string | null;
	}[];
	signals: { rule: string; periods: string[] }[];
	links: { kind: string; targetId: string; title: string; effect: unknown }[];
}

const days = (from: number, values: number[]) =>
	values.map((value, i) => ({ period: `2026-11-${String(from + i).padStart(2, '0')}`, value }));

describe.each(engines)('indicators (%s)', (engine) => {
	let storage: TestStorage;
	let server: TestServer;
	let owner: ApiUser;
	let editor: ApiUser;
	let viewer: ApiUser;
	let workspaceId: string;

	const call = (user: ApiUser, method: string, path: string, body?: unknown) =>
		api(server.url, user.token, method, path, body);
	/** The same request as `call`, read in another language. */
	const callIn = (language: string, user: ApiUser, method: string, path: string, body?: unknown) =>
		fetch(`${server.url}${path}`, {
			method,
			headers: {
				authorization: `Bearer ${user.token}`,
				'accept-language': language,
				...(body === undefined ? {} : { 'content-type': 'application/json' })
			},
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	const errorOf = async (res: Response) =>
		((await res.json()) as { error: { code: string; message: string } }).error;
	const define = (user: ApiUser, fields: Record<string, unknown> = {}) =>
		apiJson<ApiIndicator>(
			server.url,
			user.token,
			'POST',
			`/api/v1/workspaces/${workspaceId}/indicators`,
			{
				name: 'First-call resolution',
				unit: '%',
				direction: 'higher',
				frequency: 'daily',
				...fields
			},
			201
		);
	const series = (id: string, query = '') =>
		apiJson<ApiSeries>(server.url, viewer.token, 'GET', `/api/v1/indicators/${id}/series${query}`);
	const importCsv = (csv: string, dryRun: boolean, language = 'en') =>
		fetch(
			`${server.url}/api/v1/workspaces/${workspaceId}/indicators/import${dryRun ? '?dryRun=true' : ''}`,
			{
				method: 'POST',
				headers: {
					authorization: `Bearer ${editor.token}`,
					'content-type': 'text/csv',
					'accept-language': language
				},
				body: csv
			}
		);

	beforeAll(async () => {
		storage = await createStorage(engine);
		server = await startServer(storage);
		owner = await signUpUser(server.url, 'Olivia');
		editor = await signUpUser(server.url, 'Edda');
		viewer = await signUpUser(server.url, 'Vik');
		workspaceId = await createWorkspaceWith(server.url, owner, 'Service desk', [
			[editor, 'editor'],
			[viewer, 'viewer']
		]);
	}, 120_000);

	afterAll(async () => {
		await server?.stop();
		await storage?.drop();
	});

	it('editors define indicators in the default categories; viewers read and cannot write', async () => {
		const list = await apiJson<{ categories: { defaultKey: string }[] }>(
			server.url,
			viewer.token,
			'GET',
			`/api/v1/workspaces/${workspaceId}/indicators`
		);
		expect(list.categories.map((c) => c.defaultKey)).toEqual([
			'service_quality',
			'customer_satisfaction',
			'operational_efficiency',
			'cost'
		]);
		const indicator = await define(editor, { name: 'Defined by an editor', target: 80 });
		expect(
			(
				await call(viewer, 'POST', `/api/v1/workspaces/${workspaceId}/indicators`, {
					name: 'x',
					direction: 'higher',
					frequency: 'daily'
				})
			).status
		).toBe(403);
		expect(
			(
				await call(viewer, 'POST', `/api/v1/indicators/${indicator.id}/measurements`, {
					period: '2026-11-01',
					value: 1
				})
			).status
		).toBe(403);
		const bad = await call(editor, 'POST', `/api/v1/workspaces/${workspaceId}/indicators`, {
			name: 'Range',
			direction: 'range',
			frequency: 'weekly',
			target: 5
		});
		expect(bad.status).toBe(400);
		expect(await errorOf(bad)).toEqual({
			code: 'bad_request',
			message: 'target must be a range [low, high] of two numbers.'
		});
		const missing = await callIn('zh-CN', viewer, 'GET', `/api/v1/indicators/${'a'.repeat(20)}`);
		expect(missing.status).toBe(404);
		expect(await errorOf(missing)).toEqual({ code: 'not_found', message: '找不到该指标。' });
		const refused = await callIn('zh-CN', viewer, 'PATCH', `/api/v1/indicators/${indicator.id}`, {
			name: '改名'
		});
		expect(refused.status).toBe(403);
		expect(await errorOf(refused)).toEqual({
			code: 'forbidden',
			message: '只有编辑者和所有者可以修改指标，查看者只能阅读。'
		});
		// Archived, not deleted: it leaves the list and comes back.
		expect((await call(editor, 'DELETE', `/api/v1/indicators/${indicator.id}`)).status).toBe(204);
		const archived = await apiJson<{ indicators: ApiIndicator[] }>(
			server.url,
			viewer.token,
			'GET',
			`/api/v1/workspaces/${workspaceId}/indicators?archived=true`
		);
		expect(archived.indicators.map((i) => i.id)).toContain(indicator.id);
		await apiJson(
			server.url,
			editor.token,
			'PATCH',
			`/api/v1/indicators/${indicator.id}`,
			{ archived: false },
			200
		);
	});

	it('a script sends a batch with an API token; the series carries limits and signals; a bad period names the item and records nothing', async () => {
		const indicator = await define(editor, { name: 'Calls answered in 20 s' });
		const wrong = await call(editor, 'POST', `/api/v1/indicators/${indicator.id}/measurements`, {
			measurements: [
				{ period: '2026-11-01', value: 90 },
				{ period: '2026-W45', value: 91 }
			]
		});
		expect(wrong.status).toBe(400);
		expect(await errorOf(wrong)).toEqual({
			code: 'bad_request',
			message:
				'Nothing was recorded: measurements[1].period “2026-W45” is not a date like 2026-11-30.'
		});
		// The code stays; the sentence follows the request's language.
		const chinese = await callIn(
			'zh-CN',
			editor,
			'POST',
			`/api/v1/indicators/${indicator.id}/measurements`,
			{ measurements: [{ period: '2026-W45', value: 91 }] }
		);
		expect(chinese.status).toBe(400);
		expect(await errorOf(chinese)).toEqual({
			code: 'bad_request',
			message: '未录入任何数值：measurements[0].period：“2026-W45”不是日期（如 2026-11-30）。'
		});
		expect((await series(indicator.id)).points).toEqual([]);

		// Noise around 90, then a point far outside the limits.
		const values = [90, 92, 88, 91, 89, 93, 90, 87, 91, 89, 92, 90, 70];
		const outcome = await apiJson(
			server.url,
			editor.token,
			'POST',
			`/api/v1/indicators/${indicator.id}/measurements`,
			{ measurements: days(1, values) },
			200
		);
		expect(outcome).toEqual({ added: 13, updated: 0, removed: 0, unchanged: 0 });
		const s = await series(indicator.id);
		expect(s.points).toHaveLength(13);
		expect(s.segments[0].limits!.centre).toBeCloseTo(values.reduce((a, b) => a + b) / 13, 6);
		expect(s.signals).toEqual([{ rule: 'outside_limits', periods: ['2026-11-13'] }]);
		expect(s.points.at(-1)!.signals).toEqual(['outside_limits']);
		// Recalculating from 2026-11-12 leaves too few points after it for limits there.
		await apiJson(
			server.url,
			editor.token,
			'PATCH',
			`/api/v1/indicators/${indicator.id}`,
			{ recalculateFrom: ['2026-11-12'] },
			200
		);
		const split = await series(indicator.id, '?from=2026-11-10');
		expect(split.points.map((p) => p.period)).toEqual([
			'2026-11-10',
			'2026-11-11',
			'2026-11-12',
			'2026-11-13'
		]);
		expect(split.segments.map((seg) => seg.problem)).toEqual([null, 'too_few_points']);
		expect(
			(await call(viewer, 'GET', `/api/v1/indicators/${indicator.id}/series?from=2026-11`)).status
		).toBe(400);
	});

	it('sending a period again updates it, and the audit trail keeps who, when and old → new', async () => {
		const indicator = await define(editor, { name: 'Audited' });
		await apiJson(
			server.url,
			editor.token,
			'POST',
			`/api/v1/indicators/${indicator.id}/measurements`,
			{ period: '2026-11-02', value: 5 },
			200
		);
		const again = await apiJson(
			server.url,
			owner.token,
			'POST',
			`/api/v1/indicators/${indicator.id}/measurements`,
			{ period: '2026-11-02', value: 7, note: 'recounted' },
			200
		);
		expect(again).toEqual({ added: 0, updated: 1, removed: 0, unchanged: 0 });
		const { changes } = await apiJson<{
			changes: {
				oldValue: number | null;
				newValue: number;
				newNote: string | null;
				by: { name: string };
				source: string;
				at: string;
			}[];
		}>(server.url, viewer.token, 'GET', `/api/v1/indicators/${indicator.id}/changes`);
		expect(changes.map((c) => [c.oldValue, c.newValue, c.by.name, c.newNote])).toEqual([
			[5, 7, 'Olivia', 'recounted'],
			[null, 5, 'Edda', null]
		]);
		expect(Number.isNaN(Date.parse(changes[0].at))).toBe(false);
		expect((await series(indicator.id)).points).toHaveLength(1);
	});

	it('a CSV with a bad row imports nothing and names the row; the dry run previews; a re-import updates', async () => {
		const a = await define(editor, { name: 'Tickets closed', unit: '', frequency: 'weekly' });
		const b = await define(editor, { name: 'Satisfaction', frequency: 'monthly' });
		const bad =
			'indicator,period,value\nTickets closed,2026-W47,40\nSatisfaction,2026-11,4.5\nTickets closed,2026-W48,lots\nSatisfaction,2026-13,4\n';
		const refused = await importCsv(bad, false);
		expect(refused.status).toBe(400);
		const body = (await refused.json()) as {
			error: { code: string; message: string };
			problems: { at: string; line: number; field: string; message: string }[];
		};
		expect(body.problems.map((p) => [p.at, p.line, p.field])).toEqual([
			['row 4', 4, 'value'],
			['row 5', 5, 'period']
		]);
		expect(body.error).toEqual({
			code: 'bad_request',
			message:
				'Nothing was recorded: row 4.value “lots” is not a number; row 5.period “2026-13” is not a month like 2026-11.'
		});
		const taiwan = (await (await importCsv(bad, false, 'zh-TW')).json()) as typeof body;
		expect(taiwan.error.code).toBe('bad_request');
		expect(taiwan.problems.map((p) => p.message)).toEqual([
			'「lots」不是數字',
			'「2026-13」不是月份（如 2026-11）'
		]);
		expect(taiwan.error.message).toBe(
			'未輸入任何數值：第 4 列 value：「lots」不是數字；第 5 列 period：「2026-13」不是月份（如 2026-11）。'
		);
		expect((await series(a.id)).points).toEqual([]);
		expect((await series(b.id)).points).toEqual([]);

		const good = `indicator,period,value,note\nTickets closed,2026-W47,40,\n${a.id},2026-W48,42,busy week\nSatisfaction,2026-11,4.5,\n`;
		const preview = await (await importCsv(good, true)).json();
		expect(preview).toMatchObject({
			dryRun: true,
			valid: true,
			counts: { rows: 3, added: 3, updated: 0 }
		});
		expect((await series(a.id)).points).toEqual([]);
		expect((await (await importCsv(good, false)).json()).counts).toMatchObject({ added: 3 });

		const changed =
			'indicator,period,value\nTickets closed,2026-W48,45\nSatisfaction,2026-11,4.5\n';
		const second = await (await importCsv(changed, true)).json();
		expect(
			second.preview.map((r: { action: string; oldValue: number | null }) => [r.action, r.oldValue])
		).toEqual([
			['update', 42],
			['unchanged', 4.5]
		]);
		await importCsv(changed, false);
		expect((await series(a.id)).points.map((p) => [p.period, p.value])).toEqual([
			['2026-W47', 40],
			['2026-W48', 45]
		]);
	});

	it('a value past the alert threshold tells the owner once per episode', async () => {
		const indicator = await define(editor, {
			name: 'Wait time',
			unit: 'min',
			direction: 'lower',
			target: 5,
			alert: 10,
			ownerId: owner.id
		});
		const send = (period: string, value: number) =>
			apiJson(
				server.url,
				editor.token,
				'POST',
				`/api/v1/indicators/${indicator.id}/measurements`,
				{ period, value },
				200
			);
		const alerts = async () =>
			(
				await apiJson<{ notifications: { kind: string; text: string; url: string }[] }>(
					server.url,
					owner.token,
					'GET',
					'/api/v1/notifications?limit=100'
				)
			).notifications.filter((n) => n.kind === 'indicator_alert' && n.url.endsWith(indicator.id));
		await send('2026-11-01', 4);
		expect(await alerts()).toHaveLength(0);
		await send('2026-11-02', 12);
		await send('2026-11-02', 13);
		await send('2026-11-03', 11);
		const first = await alerts();
		expect(first).toHaveLength(1);
		expect(first[0].text).toContain(
			'“Wait time” passed its alert threshold at 2026-11-02 (12 min)'
		);
		await send('2026-11-04', 6);
		await send('2026-11-05', 15);
		expect(await alerts()).toHaveLength(2);
	});

	it('add to review meeting puts a topic with the chart picture and a link on the chosen board; an action links back', async () => {
		const indicator = await define(editor, { name: 'Complaints' });
		const board = (
			await apiJson<{ id: string }>(
				server.url,
				editor.token,
				'POST',
				`/api/v1/workspaces/${workspaceId}/documents`,
				{ kind: 'retro', title: 'November review' },
				201
			)
		).id;
		// The smallest valid PNG: the signature and an empty IHDR are enough for the check.
		const png = `data:image/png;base64,${Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]).toString('base64')}`;
		expect(
			(
				await call(viewer, 'POST', `/api/v1/indicators/${indicator.id}/retro-topic`, {
					documentId: board
				})
			).status
		).toBe(403);
		expect(
			(
				await call(editor, 'POST', `/api/v1/indicators/${indicator.id}/retro-topic`, {
					documentId: board,
					chart: 'data:image/png;base64,aGVsbG8='
				})
			).status
		).toBe(400);
		const made = await apiJson<{ topicId: string; chartId: string }>(
			server.url,
			editor.token,
			'POST',
			`/api/v1/indicators/${indicator.id}/retro-topic`,
			{ documentId: board, chart: png, text: 'Complaints: a signal in November' },
			201
		);
		const client = await connectSynced(server.wsUrl, board, viewer.token);
		try {
			await waitFor(() => client.doc.getMap('cards').has(made.topicId), 'the topic on the board');
			const card = client.doc.getMap<Y.Map<unknown>>('cards').get(made.topicId)!.toJSON();
			expect(card.text).toMatch(
				new RegExp(
					`^Complaints: a signal in November — http.*/w/${workspaceId}/indicators/${indicator.id}$`
				)
			);
			expect(card.image).toBe(`/api/v1/indicator-charts/${made.chartId}`);
			expect(card.authorId).toBeUndefined();
		} finally {
			client.destroy();
		}
		const picture = await call(viewer, 'GET', `/api/v1/indicator-charts/${made.chartId}`);
		expect(picture.headers.get('content-type')).toBe('image/png');
		expect(new Uint8Array(await picture.arrayBuffer())[1]).toBe(0x50);
		const stranger = await signUpUser(server.url, 'Stranger');
		expect((await call(stranger, 'GET', `/api/v1/indicator-charts/${made.chartId}`)).status).toBe(
			403
		);

		const { taskId } = await apiJson<{ taskId: string }>(
			server.url,
			editor.token,
			'POST',
			`/api/v1/indicators/${indicator.id}/task`,
			{ title: 'Call back every complaint' },
			201
		);
		const { links } = await series(indicator.id);
		expect(links.map((l) => [l.kind, l.targetId, l.title, l.effect])).toEqual([
			['task', taskId, 'Call back every complaint', null]
		]);
	});
});
