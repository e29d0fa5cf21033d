import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiJson, createWorkspaceWith, signUpUser, type ApiUser } from '../helpers/api';
import {
	createStorage,
	engines,
	startServer,
	type TestServer,
	type TestStorage
} from '../helpers/server';

interface ApiEvaluation {
	id: string;
	period: string;
	values: {
		indicatorId: string;
		name: string;
		period: string | null;
		value: number | null;
		target: number | [number, number] | null;
		status: string | null;
		signal: boolean;
	}[];
	ratings: Record<string, { rating: number | null; comment: string }>;
	conclusion: string;
	updatedBy: { id: string; name: string } | null;
}
interface ApiError {
	error: { code: string; message: string };
}

const days = (month: string, values: number[]) =>
	values.map((value, i) => ({ period: `${month}-${String(i + 1).padStart(2, '0')}`, value }));

describe.each(engines)('evaluations (%s)', (engine) => {
	let storage: TestStorage;
	let server: TestServer;
	let owner: ApiUser;
	let editor: ApiUser;
	let viewer: ApiUser;
	let workspaceId: string;
	let resolution: string;
	let satisfaction: string;
	let backlog: string;

	const call = (user: ApiUser, method: string, path: string, body?: unknown) =>
		api(server.url, user.token, method, path, body);
	const base = () => `/api/v1/workspaces/${workspaceId}/evaluations`;
	const define = async (fields: Record<string, unknown>) =>
		(
			await apiJson<{ id: string }>(
				server.url,
				editor.token,
				'POST',
				`/api/v1/workspaces/${workspaceId}/indicators`,
				fields,
				201
			)
		).id;
	const send = (id: string, measurements: { period: string; value: number }[]) =>
		apiJson(
			server.url,
			editor.token,
			'POST',
			`/api/v1/indicators/${id}/measurements`,
			{ measurements },
			200
		);
	const read = (id: string, user = viewer) =>
		apiJson<ApiEvaluation & { canEdit: boolean }>(
			server.url,
			user.token,
			'GET',
			`${base()}/${id}`,
			undefined,
			200
		);

	beforeAll(async () => {
		storage = await createStorage(engine);
		server = await startServer(storage);
		owner = await signUpUser(server.url, 'Olivia');
		editor = await signUpUser(server.url, 'Edda');
		viewer = await signUpUser(server.url, 'Vik');
		workspaceId = await createWorkspaceWith(server.url, owner, '客服部', [
			[editor, 'editor'],
			[viewer, 'viewer']
		]);
		resolution = await define({
			name: 'First-call resolution',
			unit: '%',
			direction: 'higher',
			frequency: 'daily',
			target: 85
		});
		satisfaction = await define({
			name: '客户满意度 | CSAT',
			unit: '',
			direction: 'higher',
			frequency: 'monthly',
			target: 4.5,
			warning: 4.2
		});
		backlog = await define({
			name: 'Backlog',
			direction: 'lower',
			frequency: 'weekly',
			target: 20
		});
		// October is quiet; November ends far outside the limits (a signal).
		await send(resolution, [
			...days('2026-10', [90, 92, 88, 91, 89, 93, 90, 87, 91, 89, 92, 90]),
			...days('2026-11', [91, 89, 90, 70])
		]);
		await send(satisfaction, [
			{ period: '2026-10', value: 4.6 },
			{ period: '2026-11', value: 4.3 }
		]);
		// Only October has backlog counts: November has no value.
		await send(backlog, [
			{ period: '2026-W41', value: 18 },
			{ period: '2026-W43', value: 25 }
		]);
	}, 120_000);

	afterAll(async () => {
		await server?.stop();
		await storage?.drop();
	});

	it('an editor creates a month’s evaluation with every indicator’s value, target, status and signal filled in', async () => {
		const created = await apiJson<ApiEvaluation>(
			server.url,
			editor.token,
			'POST',
			base(),
			{
				period: '2026-11',
				ratings: { team: { rating: 4, comment: 'Covered two absences well.' } },
				conclusion: 'Resolution fell at the end of the month.'
			},
			201
		);
		expect(created.period).toBe('2026-11');
		const byId = new Map(created.values.map((v) => [v.indicatorId, v]));
		expect(byId.get(resolution)).toMatchObject({
			period: '2026-11-04',
			value: 70,
			target: 85,
			status: 'off_target',
			signal: true
		});
		expect(byId.get(satisfaction)).toMatchObject({
			period: '2026-11',
			value: 4.3,
			target: 4.5,
			status: 'warning',
			signal: false
		});
		expect(byId.get(backlog)).toMatchObject({ period: null, value: null, status: null });
		expect(created.ratings).toEqual({
			team: { rating: 4, comment: 'Covered two absences well.' }
		});
		expect(created.updatedBy?.name).toBe('Edda');

		const october = await apiJson<ApiEvaluation>(
			server.url,
			editor.token,
			'POST',
			base(),
			{ period: '2026-10' },
			201
		);
		// The latest week whose Thursday is in October: 2026-W43 (22 October).
		expect(october.values.find((v) => v.indicatorId === backlog)).toMatchObject({
			period: '2026-W43',
			value: 25,
			status: 'off_target'
		});
		expect(october.values.find((v) => v.indicatorId === resolution)).toMatchObject({
			period: '2026-10-12',
			value: 90,
			signal: false
		});

		// The viewer reads both but cannot make one.
		expect((await read(created.id)).canEdit).toBe(false);
		const refused = await call(viewer, 'POST', base(), { period: '2026-09' });
		expect(refused.status).toBe(403);
		expect(((await refused.json()) as ApiError).error.code).toBe('forbidden');
	});

	it('bad input is a 400 or 409 that says what is wrong and changes nothing', async () => {
		const before = await apiJson<{ evaluations: { id: string; period: string }[] }>(
			server.url,
			viewer.token,
			'GET',
			base()
		);
		const badMonth = await call(editor, 'POST', base(), { period: '2026-13' });
		expect(badMonth.status).toBe(400);
		expect(((await badMonth.json()) as ApiError).error.message).toContain('2026-11');
		const twice = await call(editor, 'POST', base(), { period: '2026-11' });
		expect(twice.status).toBe(409);
		expect(((await twice.json()) as ApiError).error).toMatchObject({
			code: 'evaluation_exists',
			message: expect.stringContaining('2026-11')
		});
		const november = before.evaluations.find((e) => e.period === '2026-11')!;
		const badRating = await call(editor, 'PATCH', `${base()}/${november.id}`, {
			ratings: { team: { rating: 6, comment: '' } },
			conclusion: 'must not be saved'
		});
		expect(badRating.status).toBe(400);
		expect(((await badRating.json()) as ApiError).error.message).toContain('ratings.team.rating');
		const unknownAspect = await call(editor, 'PATCH', `${base()}/${november.id}`, {
			ratings: { mood: { rating: 3 } }
		});
		expect(((await unknownAspect.json()) as ApiError).error.message).toContain('ratings.mood');
		const chinese = await fetch(`${server.url}${base()}`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${editor.token}`,
				'content-type': 'application/json',
				'accept-language': 'zh-CN'
			},
			body: JSON.stringify({ period: 'November' })
		});
		expect(((await chinese.json()) as ApiError).error.message).toBe(
			'period 必须是月份，例如 2026-11。'
		);
		const after = await read(november.id);
		expect(after.conclusion).toBe('Resolution fell at the end of the month.');
		expect(after.ratings.team.rating).toBe(4);
		expect(
			(await apiJson<{ evaluations: unknown[] }>(server.url, viewer.token, 'GET', base()))
				.evaluations
		).toHaveLength(before.evaluations.length);
	});

	it('ratings merge aspect by aspect, values are filled in again on request, and past months compare side by side', async () => {
		const list = await apiJson<{
			evaluations: {
				id: string;
				period: string;
				counts: { indicators: number; onTarget: number; signals: number };
			}[];
		}>(server.url, viewer.token, 'GET', base());
		expect(list.evaluations.map((e) => e.period)).toEqual(['2026-11', '2026-10']);
		expect(list.evaluations[0].counts).toEqual({ indicators: 2, onTarget: 0, signals: 1 });
		const [november, october] = list.evaluations;

		const patched = await apiJson<ApiEvaluation>(
			server.url,
			owner.token,
			'PATCH',
			`${base()}/${november.id}`,
			{ ratings: { service_process: { rating: 2, comment: '升级流程太慢。' } } },
			200
		);
		expect(patched.ratings).toEqual({
			team: { rating: 4, comment: 'Covered two absences well.' },
			service_process: { rating: 2, comment: '升级流程太慢。' }
		});
		expect(patched.updatedBy?.name).toBe('Olivia');

		// A late correction changes the indicator, not the evaluation, until it is filled in again.
		await send(resolution, [{ period: '2026-11-04', value: 88 }]);
		expect((await read(november.id)).values.find((v) => v.indicatorId === resolution)!.value).toBe(
			70
		);
		const refreshed = await apiJson<ApiEvaluation>(
			server.url,
			editor.token,
			'PATCH',
			`${base()}/${november.id}`,
			{ refreshValues: true },
			200
		);
		expect(refreshed.values.find((v) => v.indicatorId === resolution)).toMatchObject({
			value: 88,
			status: 'on_target',
			signal: false
		});
		expect(refreshed.ratings.service_process.rating).toBe(2);

		const compared = await apiJson<{ evaluations: ApiEvaluation[] }>(
			server.url,
			viewer.token,
			'GET',
			`${base()}?ids=${november.id},${october.id}`
		);
		expect(compared.evaluations.map((e) => e.period)).toEqual(['2026-10', '2026-11']);
		expect(
			compared.evaluations.map((e) => e.values.find((v) => v.indicatorId === satisfaction)!.value)
		).toEqual([4.6, 4.3]);
		expect((await call(viewer, 'GET', `${base()}?ids=nonsense`)).status).toBe(400);
		expect(
			(await call(viewer, 'PATCH', `${base()}/${november.id}`, { conclusion: 'x' })).status
		).toBe(403);
	});

	it('exports Markdown with headings in the reader’s language and a Chinese file name', async () => {
		const list = await apiJson<{ evaluations: { id: string; period: string }[] }>(
			server.url,
			viewer.token,
			'GET',
			base()
		);
		const november = list.evaluations.find((e) => e.period === '2026-11')!;
		const res = await fetch(`${server.url}${base()}/${november.id}/markdown`, {
			headers: { authorization: `Bearer ${viewer.token}`, 'accept-language': 'zh-CN' }
		});
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
		const disposition = res.headers.get('content-disposition')!;
		expect(disposition).toContain('filename="evaluation-2026-11.md"');
		expect(disposition).toContain(
			`filename*=UTF-8''${encodeURIComponent('评估 2026-11 客服部.md')}`
		);
		const text = await res.text();
		expect(text.split('\n')[0]).toBe('# 2026年11月评估');
		expect(text).toContain('## 指标');
		expect(text).toContain('| 指标 | 数值 | 目标 | 状态 | 信号 |');
		// A pipe in a name is escaped so the table keeps its columns.
		expect(text).toContain('| 客户满意度 \\| CSAT | 4.3 | 4.5 | 预警 |');
		expect(text).toContain('### 服务流程\n\n2/5——一般\n\n升级流程太慢。');
		expect(text).toContain('### 客户反馈\n\n未评价');
		expect(text).toContain('## 总体结论\n\nResolution fell at the end of the month.');

		const english = await fetch(`${server.url}${base()}/${november.id}/markdown`, {
			headers: { authorization: `Bearer ${viewer.token}`, 'accept-language': 'en' }
		});
		const englishText = await english.text();
		expect(englishText.split('\n')[0]).toBe('# Evaluation of November 2026');
		expect(englishText).toContain('### Team\n\n4/5 — Very good');
	});

	it('an editor deletes an evaluation made for the wrong month; the indicators keep their values', async () => {
		const made = await apiJson<ApiEvaluation>(
			server.url,
			editor.token,
			'POST',
			base(),
			{ period: '2025-01' },
			201
		);
		expect((await call(viewer, 'DELETE', `${base()}/${made.id}`)).status).toBe(403);
		expect((await call(editor, 'DELETE', `${base()}/${made.id}`)).status).toBe(204);
		expect((await call(viewer, 'GET', `${base()}/${made.id}`)).status).toBe(404);
		const series = await apiJson<{ points: unknown[] }>(
			server.url,
			viewer.token,
			'GET',
			`/api/v1/indicators/${resolution}/series`
		);
		expect(series.points).toHaveLength(16);
	});

	it('proposing an improvement from an indicator links the new suggestion to it', async () => {
		const settings = await apiJson<{ categories: { id: string }[] }>(
			server.url,
			owner.token,
			'GET',
			`/api/v1/workspaces/${workspaceId}/suggestion-settings`
		);
		const proposal = {
			title: 'Call back within the hour',
			situation: 'Resolution dropped to 70 %.',
			proposal: 'A second-line call-back rota.',
			benefit: 'Fewer repeat calls.',
			category: settings.categories[0].id
		};
		const refused = await call(viewer, 'POST', `/api/v1/workspaces/${workspaceId}/suggestions`, {
			...proposal,
			indicatorId: 'aaaaaaaaaaaaaaaaaaaa'
		});
		expect(refused.status).toBe(400);
		expect(((await refused.json()) as ApiError).error.message).toContain('indicatorId');
		const created = await apiJson<{ id: string }>(
			server.url,
			viewer.token,
			'POST',
			`/api/v1/workspaces/${workspaceId}/suggestions`,
			{ ...proposal, indicatorId: resolution },
			201
		);
		const series = await apiJson<{
			links: { kind: string; targetId: string; title: string; status: string | null }[];
		}>(server.url, viewer.token, 'GET', `/api/v1/indicators/${resolution}/series`);
		expect(series.links).toEqual([
			expect.objectContaining({
				kind: 'suggestion',
				targetId: created.id,
				title: 'Call back within the hour'
			})
		]);
		const box = await apiJson<{ suggestions: { title: string }[] }>(
			server.url,
			owner.token,
			'GET',
			`/api/v1/workspaces/${workspaceId}/suggestions`
		);
		expect(box.suggestions.map((s) => s.title)).toEqual(['Call back within the hour']);
	});
});
