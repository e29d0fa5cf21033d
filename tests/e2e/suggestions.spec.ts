import { expect, test, type Page } from '@playwright/test';
import { createWorkspace, signUp } from './steps';

const bell = (page: Page) => page.getByRole('button', { name: /^Notifications/ });
/** Set SUGGESTION_SCREENSHOTS=<dir> to keep screenshots of the pages at 1280 and 390 px. */
const shots = process.env.SUGGESTION_SCREENSHOTS;

async function screenshot(page: Page, name: string) {
	if (!shots) return;
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: 900 });
		await page.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage: true });
	}
	await page.setViewportSize({ width: 1280, height: 900 });
}

test('a viewer proposes anonymously; the owner sees it live, plans it and makes it an action; the task is done and the result reaches the viewer', async ({
	browser
}) => {
	// Two people through the whole loop, in three languages: longer than one page's test.
	test.setTimeout(180_000);
	const owner = await signUp(browser, 'Olga');
	const viewer = await signUp(browser, 'Victor');
	const workspaceUrl = await createWorkspace(owner.page, 'Service desk');
	await owner.page.goto(`${workspaceUrl}/members`);
	await owner.page.getByLabel('Email').fill(viewer.email);
	await owner.page
		.locator('form', { has: owner.page.getByRole('button', { name: 'Add member' }) })
		.locator('select[name="role"]')
		.selectOption('viewer');
	await owner.page.getByRole('button', { name: 'Add member' }).click();
	await expect(owner.page.getByText('Victor was added as viewer.')).toBeVisible();

	// The owner watches the box; the viewer finds it in the workspace navigation.
	await owner.page.goto(`${workspaceUrl}/suggestions`);
	await expect(owner.page.getByText('Live', { exact: true })).toBeVisible();
	await viewer.page.goto(workspaceUrl);
	await viewer.page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Suggestions' })
		.click();
	await viewer.page.getByRole('link', { name: 'Propose an improvement' }).click();

	await viewer.page.getByLabel('Title').fill('打印机旁放备用纸 Spare paper by the printer');
	await viewer.page
		.getByLabel('Current situation')
		.fill('We run out of paper during the morning rush.');
	await viewer.page
		.getByLabel('Proposal')
		.fill('Keep two reams in the cupboard next to the printer.');
	await viewer.page.getByLabel('Expected benefit').fill('No more waiting for the store room.');
	await viewer.page.getByLabel(/Propose anonymously/).check();
	await screenshot(viewer.page, 'suggestion-new');
	await viewer.page.getByRole('button', { name: 'Propose' }).click();
	await expect(viewer.page.getByRole('heading', { name: /Spare paper/ })).toBeVisible();
	await expect(viewer.page.getByText('Anonymous (you)')).toBeVisible();

	// Without a reload, and without a name.
	const row = owner.page.locator('[data-suggestion]').filter({ hasText: 'Spare paper' });
	await expect(row).toBeVisible();
	await expect(row).toContainText('Anonymous');
	await expect(row).not.toContainText('Victor');
	await screenshot(owner.page, 'suggestion-list');

	await row.getByRole('link', { name: /Spare paper/ }).click();
	await expect(owner.page.getByRole('heading', { name: /Spare paper/ })).toBeVisible();
	await owner.page.getByRole('combobox', { name: 'Status', exact: true }).selectOption('planned');
	await owner.page.getByLabel('Public note (optional)').fill('Ordering the paper this week.');
	await owner.page.getByRole('button', { name: 'Change status' }).click();
	await expect(owner.page.locator('.title-block')).toContainText('Planned');
	await owner.page.getByRole('button', { name: 'Make it an action' }).click();
	await expect(owner.page.locator('[data-task-status]')).toContainText('Open');
	// The action's owner list names members; nothing else on the page does.
	await expect(owner.page.getByText('Victor').and(owner.page.locator(':not(option)'))).toHaveCount(
		0
	);
	await screenshot(owner.page, 'suggestion-detail-moderator');

	// The viewer's open page and bell show it, live.
	await expect(viewer.page.locator('.title-block')).toContainText('Planned');
	await expect(viewer.page.locator('[data-task-status]')).toBeVisible();
	await expect(bell(viewer.page)).toHaveAccessibleName(/Notifications, \d+ unread/);
	await bell(viewer.page).click();
	await expect(
		viewer.page
			.getByRole('region', { name: 'Notifications' })
			.getByText(/Olga marked “.*Spare paper.*” as Planned/)
	).toBeVisible();
	await screenshot(viewer.page, 'suggestion-detail-author');
	await viewer.page.keyboard.press('Escape');

	// The author comments, mentioning the owner from the list that @ opens.
	const comment = viewer.page.getByLabel('Your comment');
	await comment.fill('Thanks! @Ol');
	await viewer.page.getByRole('option', { name: 'Olga' }).waitFor();
	await comment.press('Enter');
	await expect(comment).toHaveValue('Thanks! @Olga ');
	await comment.pressSequentially('the cupboard key is at the desk.');
	await viewer.page.getByRole('button', { name: 'Comment', exact: true }).click();
	await expect(owner.page.locator('.comment')).toContainText('@Olga the cupboard key');
	await expect(owner.page.locator('.comment')).toContainText('The author');

	// A moderator hides the comment, saying why in a dialog; the author sees the reason.
	// Escape closes the dialog and gives the focus back to the button that opened it.
	const hideComment = owner.page.locator('.comment').getByRole('button', { name: 'Hide' });
	await hideComment.click();
	const dialog = owner.page.getByRole('dialog', { name: 'Hide this comment' });
	await expect(dialog.getByLabel(/Why is it hidden/)).toBeFocused();
	await owner.page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await expect(hideComment).toBeFocused();
	await hideComment.click();
	await expect(dialog.getByRole('button', { name: 'Hide' })).toBeDisabled();
	await dialog.getByLabel(/Why is it hidden/).fill('Keys are not shared in comments.');
	await dialog.getByRole('button', { name: 'Hide' }).click();
	await expect(dialog).toBeHidden();
	await expect(viewer.page.locator('.comment')).toContainText(
		'Hidden by a moderator: Keys are not shared in comments.'
	);

	// The task is done (in the task list); the owner's open page asks to finish the suggestion.
	const suggestionId = owner.page.url().split('/').pop()!;
	await owner.page.evaluate(async (id) => {
		const suggestion = await (await fetch(`/api/v1/suggestions/${id}`)).json();
		const res = await fetch(`/api/v1/tasks/${suggestion.task.id}`, {
			method: 'PATCH',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ status: 'done' })
		});
		if (!res.ok) throw new Error(`the task answered ${res.status}`);
	}, suggestionId);
	await owner.page.getByRole('button', { name: 'Mark done and record the result' }).click();
	await expect(owner.page.getByLabel('Actual value')).toBeFocused();
	await owner.page.getByLabel('Expected value').fill('0');
	await owner.page.getByLabel('Actual value').fill('0');
	await owner.page.getByLabel('Actual · Unit').fill('waits a week');
	await owner.page.getByLabel('What changed (text)').fill('Paper is always there now.');
	await owner.page.getByRole('button', { name: 'Change status' }).click();
	await expect(owner.page.locator('.title-block')).toContainText('Done');
	await expect(owner.page.getByText('The action is done.')).toHaveCount(0);

	await expect(viewer.page.locator('.title-block')).toContainText('Done');
	await expect(viewer.page.locator('[data-result-actual]')).toContainText(
		'0 waits a week — Paper is always there now.'
	);

	// The same pages in Chinese: the viewer reads 简体中文, the owner 繁體中文.
	for (const [who, locale] of [
		[viewer, 'zh-Hans'],
		[owner, 'zh-Hant']
	] as const) {
		await who.page
			.context()
			.addCookies([{ name: 'opsloom_locale', value: locale, url: new URL(who.page.url()).origin }]);
		await who.page.reload();
	}
	await expect(viewer.page.locator('.title-block')).toContainText('已完成');
	await expect(viewer.page.getByRole('heading', { name: '实施效果' })).toBeVisible();
	await expect(viewer.page.getByText('匿名（你本人）')).toBeVisible();
	await screenshot(viewer.page, 'suggestion-detail-zh-Hans');
	await expect(owner.page.getByRole('heading', { name: '審核' })).toBeVisible();
	await screenshot(owner.page, 'suggestion-detail-zh-Hant');
	await owner.page.goto(`${workspaceUrl}/suggestions`);
	await expect(owner.page.getByRole('heading', { name: '改善建議' })).toBeVisible();
	await expect(owner.page.locator('[data-suggestion]').first()).toContainText('已完成');
	await screenshot(owner.page, 'suggestion-list-zh-Hant');
	await viewer.page.goto(`${workspaceUrl}/suggestions/new`);
	await expect(viewer.page.getByRole('heading', { name: '新建议' })).toBeVisible();
	await screenshot(viewer.page, 'suggestion-new-zh-Hans');
});
