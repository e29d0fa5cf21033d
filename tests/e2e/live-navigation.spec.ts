import { expect, test } from '@playwright/test';
import { createWorkspace, signUp } from './steps';

/**
 * The workspace home follows the task stream and reloads its task data on
 * every event. A reload that started while a click's navigation was loading
 * used to take over from it (SvelteKit lets the newer of the two win): the
 * click was lost and the page stayed where it was.
 */
test('a link clicked as a task event arrives still leads where it points', async ({ browser }) => {
	const { page } = await signUp(browser, 'Nora');
	// Listening before the home opens, which opens its task stream at once.
	const streamOpened = page.waitForResponse((response) => response.url().includes('/tasks/events'));
	const workspaceUrl = await createWorkspace(page, 'Night Shift');
	const workspaceId = new URL(workspaceUrl).pathname.split('/')[2];
	await streamOpened;
	// The reload the stream's opening asked for has run.
	await page.waitForLoadState('networkidle');

	// The members page's data is held back until a task event has reached the
	// home and its reload would have started.
	let created: number | null = null;
	await page.route('**/members/__data.json**', async (route) => {
		try {
			created ??= await page.evaluate(async (id) => {
				const res = await fetch(`/api/v1/workspaces/${id}/tasks`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ title: 'Check the night queue' })
				});
				return res.status;
			}, workspaceId);
			await new Promise((resolve) => setTimeout(resolve, 1500));
		} finally {
			await route.continue();
		}
	});

	await page.getByRole('link', { name: 'Members' }).first().click();
	await expect(page).toHaveURL(/\/members$/);
	await expect(page.getByRole('button', { name: 'Create link' })).toBeVisible();
	// The task was made while the members page was loading, so its event came mid-navigation.
	expect(created).toBe(201);
});
