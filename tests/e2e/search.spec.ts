import { expect, test } from '@playwright/test';
import { createWorkspace, editorOf, gotoHydrated, signUp } from './steps';

test('the header box finds a Chinese word in a document and opens the document at it', async ({
	browser
}) => {
	const { page } = await signUp(browser, 'Ada');
	const workspaceUrl = await createWorkspace(page, 'Front desk');
	await page.getByLabel('Title').fill('Service plan');
	await page.getByRole('button', { name: 'Create document' }).click();
	await expect(page.getByRole('heading', { name: 'Service plan' })).toBeVisible();
	await editorOf(page).click();
	// A long first paragraph, so opening "at the match" has somewhere to scroll.
	for (let i = 0; i < 25; i++) await page.keyboard.press('Enter');
	await page.keyboard.insertText('第三季度建立客户回访流程，每周复盘。');
	await expect(page.getByText('All changes saved')).toBeVisible();
	// The server indexes an edit once the typing settles (within about a second); the
	// box asks once per keystroke, so the test waits for the index as the promise says.
	const workspaceId = workspaceUrl.split('/w/')[1];
	await expect
		.poll(
			async () =>
				(await page.request.get(`/api/v1/workspaces/${workspaceId}/search?q=回访`)).text(),
			{ timeout: 10_000 }
		)
		.toContain('Service plan');

	await gotoHydrated(page, workspaceUrl);
	await page.keyboard.press('/');
	const box = page.getByRole('searchbox', { name: 'Search this workspace' });
	await expect(box).toBeFocused();
	await box.pressSequentially('回访');
	const results = page.getByRole('region', { name: /Results for/ });
	const hit = results.getByRole('link', { name: /Service plan/ });
	await expect(hit).toBeVisible({ timeout: 15_000 });
	await expect(hit.locator('mark')).toHaveText('回访');

	await box.press('ArrowDown');
	await expect(hit).toBeFocused();
	await hit.press('Enter');
	await expect(page).toHaveURL(/\/d\/[^/?]+\?find=/);
	await expect(editorOf(page)).toContainText('客户回访流程');
	// The words are marked (CSS Custom Highlight API) and scrolled into view.
	await expect
		.poll(() => page.evaluate(() => CSS.highlights.get('search-match')?.size ?? 0))
		.toBe(1);
	await expect(editorOf(page).getByText('客户回访流程')).toBeInViewport();
	await page.context().close();
});

test('on a phone the search icon opens the search page, which lists results', async ({
	browser
}) => {
	const { page } = await signUp(browser, 'Bea');
	await page.setViewportSize({ width: 390, height: 800 });
	await createWorkspace(page, 'Night shift');
	await page.getByLabel('Title').fill('Handover schedules');
	await page.getByRole('button', { name: 'Create document' }).click();
	await expect(page.getByRole('heading', { name: 'Handover schedules' })).toBeVisible();
	await page.getByRole('link', { name: 'Search this workspace' }).click();
	const box = page.getByRole('main').getByRole('searchbox', { name: 'Search this workspace' });
	await box.fill('scheduling');
	await box.press('Enter');
	const hit = page.getByRole('main').getByRole('link', { name: /Handover schedules/ });
	await expect(hit).toBeVisible();
	await expect(hit.locator('mark')).toHaveText('schedules');
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
	await page.context().close();
});
