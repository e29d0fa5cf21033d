import { chromium, type Browser, type Page } from '@playwright/test';
import { OursServer, startBenchServer } from './servers';

/**
 * The system Chromium, launched as the e2e tests launch it, for the benches
 * that measure what a person sees (render and frame times) rather than the
 * sync server alone.
 */
export async function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update'
		]
	});
}

/** A new person, signed up through the page's own form, so the context holds their session cookie. */
export async function signUpInBrowser(browser: Browser, baseUrl: string): Promise<Page> {
	const context = await browser.newContext({
		baseURL: baseUrl,
		viewport: { width: 1440, height: 900 }
	});
	const page = await context.newPage();
	await page.goto('/signup');
	await page.getByLabel('Name').fill('Bench');
	await page
		.getByLabel('Email')
		.fill(`bench-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`);
	await page.getByLabel('Password').fill('bench password 123');
	await page.getByRole('button', { name: 'Sign up' }).click();
	await page.waitForURL(/\/w$/);
	return page;
}

/** Calls the JSON API with the page's session (same origin, so the cookie is accepted). */
export async function pageApi<T>(
	page: Page,
	baseUrl: string,
	method: string,
	pathname: string,
	body?: unknown
): Promise<T> {
	const res = await page.request.fetch(baseUrl + pathname, {
		method,
		headers: { origin: baseUrl },
		data: body === undefined ? undefined : body
	});
	if (!res.ok()) throw new Error(`${method} ${pathname}: ${res.status()} ${await res.text()}`);
	const text = await res.text();
	return (text ? JSON.parse(text) : null) as T;
}

/**
 * Frame intervals while `act` (the body of a function of `t`, 0 → 1) runs once
 * per frame in the page for `durationMs`: requestAnimationFrame deltas, which
 * is what a person perceives as smooth or not. Passed as source text, because
 * this file is compiled with helpers the page does not have.
 */
export async function recordFrames(page: Page, act: string, durationMs: number): Promise<number[]> {
	return page.evaluate(`(async () => {
		const step = (t) => { ${act} };
		const intervals = [];
		let last = 0;
		await new Promise((resolve) => {
			let start = 0;
			const frame = (now) => {
				if (start === 0) start = last = now;
				else intervals.push(now - last);
				last = now;
				const t = (now - start) / ${durationMs};
				if (t >= 1) return resolve();
				step(t);
				requestAnimationFrame(frame);
			};
			requestAnimationFrame(frame);
		});
		return intervals;
	})()`);
}

export function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * What both browser benches start from: a fresh server of ours, Chromium, a
 * signed-up person's page, their workspace, one document in it and an API
 * token for stock clients. `dispose` closes everything.
 */
export interface BrowserBench {
	server: OursServer;
	page: Page;
	base: string;
	workspaceId: string;
	documentId: string;
	token: string;
	dispose(): Promise<void>;
}

export async function startBrowserBench(document: Record<string, unknown>): Promise<BrowserBench> {
	const server = (await startBenchServer('ours')) as OursServer;
	let browser: Browser | null = null;
	try {
		browser = await launchBrowser();
		const base = server.baseUrl;
		const page = await signUpInBrowser(browser, base);
		const { id: workspaceId } = await pageApi<{ id: string }>(
			page,
			base,
			'POST',
			'/api/v1/workspaces',
			{
				name: 'Bench'
			}
		);
		const { id: documentId } = await pageApi<{ id: string }>(
			page,
			base,
			'POST',
			`/api/v1/workspaces/${workspaceId}/documents`,
			document
		);
		const { token } = await pageApi<{ token: string }>(page, base, 'POST', '/api/v1/tokens', {
			name: 'bench'
		});
		const opened = browser;
		return {
			server,
			page,
			base,
			workspaceId,
			documentId,
			token,
			async dispose() {
				await opened.close();
				await server.dispose();
			}
		};
	} catch (error) {
		await browser?.close();
		await server.dispose();
		throw error;
	}
}
