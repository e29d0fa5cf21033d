import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createWorkspace, gotoHydrated, signUp } from './steps';

/**
 * At 390 px (a phone) the pages people use on the move fit the screen: no
 * sideways scrolling of the whole page. Checked in 简体中文 and dark mode,
 * where the text and colours differ most from the English light pages.
 * Set PHONE_SCREENSHOTS=<dir> to keep a screenshot of each page.
 */

async function expectNoSidewaysScroll(page: Page, name: string): Promise<void> {
	const overflow = await page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const wide = [...document.querySelectorAll<HTMLElement>('body *')]
			.filter((element) => element.getBoundingClientRect().right > width + 1)
			.filter((element) => !element.closest('.table-wrap, .svelte-flow, [data-scrolls]'))
			.slice(0, 3)
			.map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`);
		return { scrollWidth: document.documentElement.scrollWidth, width, wide };
	});
	expect(overflow.scrollWidth, `${name} scrolls sideways: ${overflow.wide.join(', ')}`).toBe(
		overflow.width
	);
	const dir = process.env.PHONE_SCREENSHOTS;
	if (dir) {
		fs.mkdirSync(dir, { recursive: true });
		await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
	}
}

test('home, documents, the retro board and the task list fit a 390 px phone in 简体中文, dark', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { page: setup } = await signUp(browser, 'Lin');
	const workspaceUrl = await createWorkspace(setup, '客户服务部');
	await setup.getByLabel('Title').fill('投诉处理手册');
	await setup.getByRole('button', { name: 'Create document' }).click();
	await expect(setup.getByRole('heading', { name: '投诉处理手册' })).toBeVisible();
	const framework = setup.url();
	await setup.goto(workspaceUrl);
	await setup.getByLabel('Kind').selectOption('retro');
	await setup.getByLabel('Title').fill('第 48 周复盘会');
	await setup.getByRole('button', { name: 'Create document' }).click();
	await expect(setup.getByRole('heading', { name: '第 48 周复盘会' })).toBeVisible();
	const retro = setup.url();
	const state = await setup.context().storageState();
	await setup.context().close();

	const context = await browser.newContext({
		storageState: state,
		viewport: { width: 390, height: 844 },
		colorScheme: 'dark',
		locale: 'zh-CN'
	});
	const url = test.info().project.use.baseURL!;
	await context.addCookies([
		{ name: 'opsloom_locale', value: 'zh-Hans', url },
		{ name: 'opsloom_theme', value: 'dark', url }
	]);
	const page = await context.newPage();

	await page.goto(workspaceUrl);
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	await expect(page.getByRole('heading', { name: '客户服务部' })).toBeVisible();
	await expectNoSidewaysScroll(page, 'home');

	await page.goto(`${workspaceUrl}/tasks`);
	await expect(page.getByRole('heading', { name: '任务清单' })).toBeVisible();
	await expectNoSidewaysScroll(page, 'tasks');

	await page.goto(framework);
	await expect(page.locator('.framework-content')).toBeVisible();
	await expectNoSidewaysScroll(page, 'framework');

	await page.goto(retro);
	await expect(page.locator('.retro-board')).toBeVisible();
	await expectNoSidewaysScroll(page, 'retro');
	// Reflecting shows the board's columns: they stack or scroll inside the board, not the page.
	await page.getByRole('button', { name: '下一步：反思' }).click();
	await expect(page.getByRole('heading', { name: 'Continue', level: 3 })).toBeVisible();
	await expectNoSidewaysScroll(page, 'retro-reflect');

	await page.goto(`${workspaceUrl}/members`);
	await expect(page.getByRole('heading', { name: '邀请链接' })).toBeVisible();
	await expectNoSidewaysScroll(page, 'members');
	await context.close();
});

test('on a phone the header keeps the workspace in view and folds settings and log-out into one menu', async ({
	browser
}) => {
	const { page: setup } = await signUp(browser, 'Chen');
	const workspaceUrl = await createWorkspace(setup, '华东客户服务中心');
	const state = await setup.context().storageState();
	await setup.context().close();

	const context = await browser.newContext({
		storageState: state,
		viewport: { width: 390, height: 844 },
		locale: 'zh-CN'
	});
	await context.addCookies([
		{ name: 'opsloom_locale', value: 'zh-Hans', url: test.info().project.use.baseURL! }
	]);
	const page = await context.newPage();
	await gotoHydrated(page, workspaceUrl);
	const crumb = page.getByRole('navigation').getByRole('link', { name: '华东客户服务中心' });
	// The whole name fits: nothing in the bar crowds it down to a few letters.
	expect(await crumb.evaluate((a) => a.scrollWidth <= a.clientWidth)).toBe(true);
	await expect(page.getByRole('button', { name: '退出登录' })).toBeHidden();

	// The file field speaks the page's language, not the browser's.
	const markdown = page.getByLabel('或导入 Markdown 文件');
	await expect(page.getByText('选择文件', { exact: true })).toBeVisible();
	await expect(page.getByText('未选择文件', { exact: true })).toBeVisible();
	await markdown.setInputFiles({
		name: '交接手册.md',
		mimeType: 'text/markdown',
		buffer: Buffer.from('# 交接手册\n\n- [ ] 核对工单\n')
	});
	await expect(page.getByText('交接手册.md', { exact: true })).toBeVisible();
	await expect(page.getByText('未选择文件', { exact: true })).toBeHidden();

	await page.getByRole('button', { name: /^账户：Chen/ }).click();
	await expect(page.getByRole('menuitem', { name: '设置' })).toBeVisible();
	await page.getByRole('menuitem', { name: '退出登录' }).click();
	await expect(page.getByRole('banner').getByRole('link', { name: '登录' })).toBeVisible();
	await context.close();
});
