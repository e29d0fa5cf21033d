import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { createFlow, createWorkspace, signUp } from './steps';

/**
 * Every page passes axe's WCAG 2.1 A and AA rules, in each language: a
 * translation can break a page for a screen reader (a missing name, a label
 * that no longer matches) as easily as the markup can. The pages are set up
 * once in English; each language then visits them all with its cookie.
 */

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** Each language, and the dark theme once more (its colours are tokens of their own). */
const RUNS = [
	{ language: 'en', theme: 'light' },
	{ language: 'zh-Hans', theme: 'light' },
	{ language: 'zh-Hant', theme: 'light' },
	{ language: 'en', theme: 'dark' }
] as const;

interface Place {
	name: string;
	path: string;
	/** What shows once the page is ready (editors connect after the first paint). */
	ready?: string;
	/** A control to click once it is ready (a panel that opens on demand), and what then shows. */
	open?: { click: string; shows: string };
}

const SIGNED_OUT: Place[] = [
	{ name: 'landing', path: '/' },
	{ name: 'log in', path: '/login' },
	{ name: 'sign up', path: '/signup' },
	{ name: 'forgot password', path: '/forgot-password' },
	{ name: 'reset link not valid', path: '/reset-password/not-a-token' },
	{ name: 'invitation not valid', path: '/invite/not-a-token' },
	{ name: 'unsubscribe link not valid', path: '/unsubscribe/not-a-token' },
	{ name: 'page not found', path: '/no-such-page' }
];

let signedIn: Place[] = [];
let storageState: Awaited<ReturnType<BrowserContext['storageState']>>;

async function violationsOn(page: Page, place: Place): Promise<string[]> {
	await page.goto(place.path);
	if (place.ready) await expect(page.locator(place.ready).first()).toBeVisible();
	if (place.open) {
		await page.locator(place.open.click).click();
		await expect(page.locator(place.open.shows).first()).toBeVisible();
	}
	const result = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
	return result.violations.map(
		(v) =>
			`${place.name} (${place.path}) ${v.id}: ${v.help} — ${v.nodes
				.slice(0, 5)
				.map((n) => n.target.join(' '))
				.join(', ')}`
	);
}

async function contextIn(
	browser: Browser,
	{ language, theme }: (typeof RUNS)[number],
	signedInState: boolean
) {
	const context = await browser.newContext(signedInState ? { storageState } : {});
	const url = test.info().project.use.baseURL!;
	await context.addCookies([
		{ name: 'opsloom_locale', value: language, url },
		{ name: 'opsloom_theme', value: theme, url }
	]);
	return context;
}

test.beforeAll(async ({ browser }) => {
	const { page } = await signUp(browser, 'Ada');
	const workspaceUrl = await createWorkspace(page, 'Service desk');
	const workspace = new URL(workspaceUrl).pathname;

	await page.getByLabel('Title').fill('Escalation playbook');
	await page.getByRole('button', { name: 'Create document' }).click();
	await expect(page.getByRole('heading', { name: 'Escalation playbook' })).toBeVisible();
	const framework = new URL(page.url()).pathname;
	// Pinned, so the workspace home has its pinned section.
	await page.getByRole('button', { name: 'Pin to workspace home' }).click();
	await expect(page.getByRole('button', { name: 'Unpin from workspace home' })).toBeVisible();
	// A comment thread, so the comments panel can be checked open.
	await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
	await page.locator('.framework-content').click();
	await page.keyboard.type('Escalate to the on-call lead.');
	await page.keyboard.press('Shift+Home');
	await page.locator('.comments-bar').getByRole('button', { name: 'Comment', exact: true }).click();
	await page.getByRole('combobox', { name: 'New comment' }).fill('Who is that at night?');
	await page
		.locator('.comments-panel')
		.getByRole('button', { name: 'Comment', exact: true })
		.click();
	const thread = page.locator('.comments-panel li.thread').first();
	const commented = `${framework}#${await thread.getAttribute('id')}`;
	// A named version, so the history panel has a list to check.
	await expect(page.locator('.framework-content')).toBeVisible();
	await page.getByRole('button', { name: 'History' }).click();
	await page.getByLabel('Version name').fill('First draft');
	await page.getByRole('button', { name: 'Save version' }).click();
	await expect(page.locator('.history-panel li', { hasText: 'First draft' })).toBeVisible();

	await page.goto(workspaceUrl);
	const flow = new URL(await createFlow(page, 'Complaint handling', 'blank')).pathname;

	await page.goto(workspaceUrl);
	await page.getByLabel('Kind').selectOption('retro');
	await page.getByLabel('Title').fill('Week 48 review');
	await page.getByRole('button', { name: 'Create document' }).click();
	await expect(page.getByRole('heading', { name: 'Week 48 review' })).toBeVisible();
	const retro = new URL(page.url()).pathname;

	await page.goto(`${workspace}/suggestions/new`);
	await page.getByLabel('Title').fill('Spare paper by the printer');
	await page.getByLabel('Current situation').fill('We run out of paper in the morning rush.');
	await page.getByLabel('Proposal').fill('Keep two reams next to the printer.');
	await page.getByLabel('Expected benefit').fill('No waiting for the store room.');
	await page.getByRole('button', { name: 'Propose' }).click();
	await expect(page.getByRole('heading', { name: /Spare paper/ })).toBeVisible();
	const suggestion = new URL(page.url()).pathname;

	await page.goto(`${workspace}/indicators`);
	await page.getByLabel('Name', { exact: true }).fill('First-call resolution');
	await page.getByLabel('Target', { exact: true }).fill('85');
	await page.getByRole('button', { name: 'Define indicator' }).click();
	await expect(page.getByRole('heading', { name: 'First-call resolution' })).toBeVisible();
	const indicator = new URL(page.url()).pathname;
	await page.getByLabel('Value', { exact: false }).first().fill('88');
	await page.getByRole('button', { name: 'Save values' }).click();
	await expect(page.getByTestId('signals')).toBeVisible();

	await page.goto(`${workspace}/indicators/evaluations`);
	await page.getByLabel('Month').fill('2026-10');
	await page.getByRole('button', { name: 'Create evaluation' }).click();
	await expect(page.getByRole('heading', { name: 'Evaluation of October 2026' })).toBeVisible();
	const october = new URL(page.url()).pathname.split('/').at(-1);
	await page.goto(`${workspace}/indicators/evaluations`);
	await page.getByLabel('Month').fill('2026-11');
	await page.getByRole('button', { name: 'Create evaluation' }).click();
	await expect(page.getByRole('heading', { name: 'Evaluation of November 2026' })).toBeVisible();
	const evaluation = new URL(page.url()).pathname;
	const november = evaluation.split('/').at(-1);

	signedIn = [
		{ name: 'workspaces', path: '/w' },
		{ name: 'indicators', path: `${workspace}/indicators` },
		{ name: 'indicator', path: indicator, ready: '[data-testid="signals"]' },
		{ name: 'indicator import', path: `${workspace}/indicators/import` },
		{ name: 'evaluations', path: `${workspace}/indicators/evaluations` },
		{ name: 'evaluation', path: evaluation },
		{
			name: 'evaluations compared',
			path: `${workspace}/indicators/evaluations/compare?ids=${october},${november}`
		},
		{ name: 'workspace home', path: workspace },
		{ name: 'workspace home, filtered', path: `${workspace}?kind=flow&sort=title&edited=30` },
		{ name: 'members', path: `${workspace}/members` },
		{ name: 'tasks', path: `${workspace}/tasks` },
		{ name: 'settings', path: '/settings' },
		{ name: 'email confirmation not valid', path: '/confirm-email/not-a-token' },
		{ name: 'notification settings', path: '/settings/notifications' },
		{ name: 'notifications', path: '/notifications' },
		{ name: 'suggestions', path: `${workspace}/suggestions` },
		{ name: 'new suggestion', path: `${workspace}/suggestions/new` },
		{ name: 'suggestion', path: suggestion },
		{ name: 'search results', path: `${workspace}/search?q=paper` },
		{ name: 'framework document', path: framework, ready: '.framework-content' },
		{
			name: 'framework version history',
			path: framework,
			ready: '.framework-content',
			open: { click: '.editor-bar-right [aria-expanded]', shows: '.history-panel li' }
		},
		{
			name: 'save as template',
			path: framework,
			ready: '.framework-content',
			open: { click: '.save-template summary', shows: '.save-template form' }
		},
		{ name: 'flowchart', path: flow, ready: '.flow-canvas .svelte-flow' },
		{ name: 'retro board', path: retro, ready: '.retro-board' },
		{ name: 'framework comments', path: commented, ready: '.comments-panel .thread' }
	];
	storageState = await page.context().storageState();
	await page.context().close();
});

for (const run of RUNS) {
	test(`every page passes WCAG 2.1 AA checks in ${run.language}, ${run.theme}`, async ({
		browser
	}) => {
		test.setTimeout(420_000);
		const found: string[] = [];
		for (const [places, withSession] of [
			[SIGNED_OUT, false],
			[signedIn, true]
		] as const) {
			const context = await contextIn(browser, run, withSession);
			const page = await context.newPage();
			for (const place of places) {
				found.push(...(await violationsOn(page, place)));
				await expect(page.locator('html')).toHaveAttribute('lang', run.language);
				await expect(page.locator('html')).toHaveAttribute('data-theme', run.theme);
			}
			await context.close();
		}
		expect(found).toEqual([]);
	});
}
