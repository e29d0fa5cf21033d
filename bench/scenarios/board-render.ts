import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { pageApi, percentile, recordFrames, startBrowserBench } from '../browser';
import type { BenchOptions } from '../options';
import type { OursServer } from '../servers';

/**
 * A retro board with many cards in a real browser (ours only; the reference
 * has no UI): how long until every card is on screen, how long a change
 * made elsewhere takes to show, and frame times while scrolling the board.
 */
export interface BoardRenderResult {
	figures: { figure: string; unit: string; value: number }[];
	lines: string[];
}

const median = (values: number[]) => percentile(values, 50);

async function readColumnIds(server: OursServer, documentId: string, token: string) {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/sync`, documentId, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		params: { token },
		disableBc: true
	});
	try {
		await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
		return doc.getArray<Y.Map<string>>('columns').map((c) => c.get('id')!);
	} finally {
		provider.destroy();
		doc.destroy();
	}
}

export async function runBoardRenderBench(
	options: BenchOptions,
	progress: (message: string) => void
): Promise<BoardRenderResult> {
	const cards = options.boardCards;
	const session = await startBrowserBench({
		kind: 'retro',
		title: 'Large review',
		template: '4ls'
	});
	try {
		const { server, page, base, workspaceId, documentId, token } = session;
		const retro = (method: string, path: string, body?: unknown) =>
			pageApi(page, base, method, `/api/v1/documents/${documentId}/retro${path}`, body);
		await retro('POST', '/phase', { phase: 'reflect' });
		const columns = await readColumnIds(server, documentId, token);

		// A person writes at most 200 cards on a board: a meeting of ten writes a thousand.
		const writers = Math.ceil(cards / 100);
		progress(`board-render: ${writers} people write ${cards} cards`);
		const tokens: string[] = [];
		for (let w = 0; w < writers; w++) {
			const email = `writer-${w}-${Date.now()}@example.com`;
			const signedUp = await fetch(`${base}/api/v1/auth/signup`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ name: `Writer ${w}`, email, password: 'bench password 123' })
			});
			if (signedUp.status !== 201) throw new Error(`sign-up: ${signedUp.status}`);
			tokens.push(((await signedUp.json()) as { token: string }).token);
			await pageApi(page, base, 'POST', `/api/v1/workspaces/${workspaceId}/members`, {
				email,
				role: 'editor'
			});
		}
		let next = 0;
		const writer = async (token: string) => {
			while (next < cards) {
				const i = next++;
				const res = await fetch(`${base}/api/v1/documents/${documentId}/retro/drafts`, {
					method: 'POST',
					headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
					body: JSON.stringify({
						columnId: columns[i % columns.length],
						text: `Card ${i}: the hand-off between first and second line loses the customer's context`
					})
				});
				if (res.status !== 201) throw new Error(`draft ${i}: ${res.status} ${await res.text()}`);
			}
		};
		await Promise.all(tokens.map(writer));
		await retro('POST', '/phase', { phase: 'group' });

		const url = `${base}/w/${workspaceId}/d/${documentId}`;
		const firstRender: number[] = [];
		const contentfulPaint: number[] = [];
		for (let run = 0; run < 3; run++) {
			await page.goto(url);
			// A plain arrow function: the page's CSP refuses a string (eval), and a
			// named inner function would carry a compile helper the page lacks.
			await page.waitForFunction(
				(count) => document.querySelectorAll('[data-card-id]').length >= count,
				cards,
				{ polling: 'raf', timeout: 60_000 }
			);
			const timing = await page.evaluate<{ now: number; fcp: number }>(`({
				now: performance.now(),
				fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN
			})`);
			firstRender.push(timing.now);
			contentfulPaint.push(timing.fcp);
		}

		// A change made elsewhere (the facilitator renames a column) until this page shows it.
		const remote: number[] = [];
		for (let i = 0; i < 5; i++) {
			const title = `Renamed ${i} ${Date.now()}`;
			const started = performance.now();
			await retro('PATCH', `/columns/${columns[0]}`, { title });
			await page.getByText(title, { exact: true }).first().waitFor({ timeout: 30_000 });
			remote.push(performance.now() - started);
		}

		const frames = await recordFrames(
			page,
			`const w = window;
			w.__scroller ??= [document.scrollingElement, ...document.querySelectorAll('*')]
				.filter((e) => e && e.scrollHeight - e.clientHeight > 200)
				.sort((a, b) => (b.scrollHeight - b.clientHeight) - (a.scrollHeight - a.clientHeight))[0];
			if (w.__scroller) w.__scroller.scrollTop = (w.__scroller.scrollHeight - w.__scroller.clientHeight) * t;`,
			3000
		);

		const figures = [
			{ figure: 'cards on the board', unit: '', value: cards },
			{ figure: 'all cards rendered (median of 3 loads)', unit: 'ms', value: median(firstRender) },
			{ figure: 'first contentful paint (median)', unit: 'ms', value: median(contentfulPaint) },
			{ figure: 'remote change visible (median of 5)', unit: 'ms', value: median(remote) },
			{ figure: 'scroll frame interval p50', unit: 'ms', value: percentile(frames, 50) },
			{ figure: 'scroll frame interval p95', unit: 'ms', value: percentile(frames, 95) },
			{ figure: 'scroll frame interval max', unit: 'ms', value: Math.max(...frames) }
		];
		const lines = [
			'',
			`Retro board in Chromium (ours only), ${cards} cards:`,
			...figures
				.slice(1)
				.map((f) => `  ${f.figure.padEnd(42)} ${f.value.toFixed(1).padStart(8)} ${f.unit}`),
			`  loads: ${firstRender.map((v) => v.toFixed(0)).join(', ')} ms`
		];
		return { figures, lines };
	} finally {
		await session.dispose();
	}
}
