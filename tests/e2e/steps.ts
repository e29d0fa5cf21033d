import { expect, type Browser, type Page } from '@playwright/test';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

/** Steps several e2e tests take the same way, as a person would in the browser. */

export const PASSWORD = 'correct horse battery';

export const editorOf = (page: Page) => page.locator('.framework-content');

/** An address no one has yet; a name with spaces or in Chinese gives a local part of letters only. */
export function uniqueEmail(name: string): string {
	const local = name.toLowerCase().replace(/[^a-z0-9]+/g, '') || 'user';
	return `${local}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/** Fills and sends the sign-up form the page shows. */
export async function fillSignUp(page: Page, name: string, email: string): Promise<void> {
	await page.getByLabel('Name').fill(name);
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign up' }).click();
}

/** Signs a new person up in a browser context of their own; they land on their workspace list. */
export async function signUp(
	browser: Browser,
	name: string
): Promise<{ page: Page; email: string }> {
	const context = await browser.newContext();
	const page = await context.newPage();
	const email = uniqueEmail(name);
	await page.goto('/signup');
	await fillSignUp(page, name, email);
	await expect(page).toHaveURL(/\/w$/);
	await expect(page.getByRole('heading', { name: 'Your workspaces' })).toBeVisible();
	return { page, email };
}

/**
 * From the workspace list: creates a workspace and a framework document in it,
 * and adds `memberEmail` as an editor. Returns the document's and the
 * workspace's URLs; `page` is left on the document.
 */
export async function createSharedDocument(
	page: Page,
	workspace: string,
	title: string,
	memberEmail: string,
	memberName: string
): Promise<{ documentUrl: string; workspaceUrl: string }> {
	await createWorkspace(page, workspace);
	await page.getByLabel('Title').fill(title);
	await page.getByRole('button', { name: 'Create document' }).click();
	await expect(page.getByRole('heading', { name: title })).toBeVisible();
	const documentUrl = page.url();
	const workspaceUrl = documentUrl.replace(/\/d\/[^/]+$/, '');

	const members = await page.context().newPage();
	await members.goto(`${workspaceUrl}/members`);
	await members.getByLabel('Email').fill(memberEmail);
	await members.getByRole('button', { name: 'Add member' }).click();
	await expect(members.getByText(`${memberName} was added as editor.`)).toBeVisible();
	await members.close();
	return { documentUrl, workspaceUrl };
}

/** From the workspace list: creates a workspace. Returns its URL; `page` is left on its home. */
export async function createWorkspace(page: Page, workspace: string): Promise<string> {
	await page.getByLabel('Name').fill(workspace);
	await page.getByRole('button', { name: 'Create workspace' }).click();
	await expect(page.getByRole('heading', { name: workspace })).toBeVisible();
	return page.url();
}

/**
 * From the workspace list: creates a workspace and adds `memberEmail` as an
 * editor. Returns the workspace's URL; `page` is left on the workspace home.
 */
export async function createTeamWorkspace(
	page: Page,
	workspace: string,
	memberEmail: string,
	memberName: string
): Promise<string> {
	const workspaceUrl = await createWorkspace(page, workspace);
	await page.goto(`${workspaceUrl}/members`);
	await page.getByLabel('Email').fill(memberEmail);
	await page.getByRole('button', { name: 'Add member' }).click();
	await expect(page.getByText(`${memberName} was added as editor.`)).toBeVisible();
	await page.goto(workspaceUrl);
	return workspaceUrl;
}

/**
 * From the workspace home: creates a process flowchart from `template` and
 * waits until it is open and connected. Returns the flow's URL.
 */
export async function createFlow(page: Page, title: string, template = 'blank'): Promise<string> {
	await page.getByLabel('Kind').selectOption('flow');
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Start from').selectOption(template);
	await page.getByRole('button', { name: 'Create document' }).click();
	await expect(page.getByRole('heading', { name: title })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
	return page.url();
}

/**
 * Signs a new person up, creates a framework document titled `title` and an
 * API token, and connects a stock Yjs client to the document as a script
 * would. `page` is left on the settings page; destroy the provider at the end.
 */
export async function documentWithScript(
	page: Page,
	baseURL: string,
	title: string
): Promise<{ documentUrl: string; doc: Y.Doc; provider: WebsocketProvider }> {
	await page.goto('/signup');
	await fillSignUp(page, 'Priya', uniqueEmail('priya'));
	await createWorkspace(page, 'Support');
	await page.getByLabel('Title').fill(title);
	await page.getByRole('button', { name: 'Create document' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
	const documentUrl = page.url();
	const documentId = documentUrl.split('/').pop()!;

	await page.goto('/settings');
	await page.getByLabel('Token name').fill('e2e script');
	await page.getByRole('button', { name: 'Create token' }).click();
	const token = await page.getByLabel('Secret value').inputValue();

	const doc = new Y.Doc();
	const provider = new WebsocketProvider(
		`${baseURL.replace(/^http/, 'ws')}/sync`,
		documentId,
		doc,
		{
			WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
			params: { token },
			disableBc: true
		}
	);
	await new Promise<void>((resolve) =>
		provider.on('sync', (synced: boolean) => synced && resolve())
	);
	return { documentUrl, doc, provider };
}

/**
 * Opens a signed-in page and waits until it is hydrated: its layout then
 * opens the notifications stream. Before that, a key press or a changed
 * select reaches no handler, as a person pressing `/` while the page is
 * still loading would find.
 */
export async function gotoHydrated(page: Page, url: string): Promise<void> {
	const hydrated = page.waitForRequest('**/api/v1/notifications/events');
	await page.goto(url);
	await hydrated;
}
