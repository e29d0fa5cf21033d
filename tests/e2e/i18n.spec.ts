import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, uniqueEmail } from './steps';

/**
 * Opsloom in Chinese, as a browser set to Chinese gets it: the language comes
 * from Accept-Language until the person saves one, and then the saved one wins.
 */

const english: Record<string, string> = JSON.parse(fs.readFileSync('messages/en.json', 'utf8'));
/** The English UI sentences long enough that finding one on a Chinese page means it was missed. */
const ENGLISH_UI = Object.entries(english)
	.filter(([key, text]) => key !== '$schema' && !text.includes('{') && text.length >= 12)
	.map(([, text]) => text)
	.filter((text) => text.includes(' ') && !text.startsWith('Opsloom'));

async function expectNoEnglishUi(page: Page): Promise<void> {
	const visible = await page.locator('body').innerText();
	const leftovers = ENGLISH_UI.filter((text) => visible.includes(text));
	expect(leftovers, `English left on ${page.url()}`).toEqual([]);
}

test('a browser set to zh-CN gets 简体中文 everywhere, and a saved language survives logging out', async ({
	browser
}) => {
	const context = await browser.newContext({ locale: 'zh-CN' });
	const page = await context.newPage();
	const email = uniqueEmail('Mei');

	await page.goto('/signup');
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
	await expect(page.getByRole('heading', { name: '创建你的账号' })).toBeVisible();
	await expectNoEnglishUi(page);
	await page.getByLabel('姓名').fill('王美');
	await page.getByLabel('邮箱').fill(email);
	await page.getByLabel('密码').fill(PASSWORD);
	await page.getByRole('button', { name: '注册' }).click();

	await expect(page).toHaveURL(/\/w$/);
	await expect(page.getByRole('heading', { name: '我的工作区' })).toBeVisible();
	await expectNoEnglishUi(page);
	await page.getByLabel('名称').fill('客户服务部');
	await page.getByRole('button', { name: '创建工作区' }).click();
	await expect(page.getByRole('link', { name: '客户服务部' }).first()).toBeVisible();
	const workspaceUrl = page.url();
	await expect(page.getByRole('region', { name: '我的待办行动项' })).toBeVisible();
	await expectNoEnglishUi(page);
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');

	await page.goto(`${workspaceUrl}/members`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
	await expect(page.getByRole('navigation').getByRole('link', { name: '成员' })).toBeVisible();
	await expect(page.getByRole('heading', { name: '邀请链接' })).toBeVisible();
	await expectNoEnglishUi(page);

	// The task list's CSV: a BOM for Excel, and the workspace's Chinese name in the file name.
	await page.goto(`${workspaceUrl}/tasks`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
	await expect(page.getByRole('heading', { name: '任务清单' })).toBeVisible();
	await expectNoEnglishUi(page);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: '导出 CSV' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^客户服务部 任务清单 \d{4}-\d{2}-\d{2}\.csv$/);
	const bytes = fs.readFileSync(await download.path());
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	expect(bytes.subarray(3).toString('utf8')).toMatch(/^编号,标题,状态,优先级,负责人,截止日期/);

	await page.goto('/settings');
	await expect(page.getByRole('heading', { name: '设置', exact: true })).toBeVisible();
	await expectNoEnglishUi(page);

	// Saving 繁體中文 switches at once, on this page and every next one.
	const language = page.getByRole('region', { name: '语言' });
	await language.getByLabel('界面语言').selectOption('zh-Hant');
	await language.getByRole('button', { name: '保存语言设置' }).click();
	await expect(page.getByRole('heading', { name: '設定', exact: true })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');

	// Logged out, with this browser's cookies gone, the browser's language is back…
	await page.getByRole('button', { name: '登出' }).click();
	await context.clearCookies();
	await page.goto('/login');
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
	await page.getByLabel('邮箱').fill(email);
	await page.getByLabel('密码').fill(PASSWORD);
	await page.getByRole('button', { name: '登录' }).click();
	// …until logging in brings the saved setting with it.
	await expect(page.getByRole('heading', { name: '我的工作區' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
	await context.close();
});

test('a zh-TW browser gets 繁體中文 with Taiwan usage; the header switcher changes it when signed out', async ({
	browser
}) => {
	const context = await browser.newContext({ locale: 'zh-TW' });
	const page = await context.newPage();
	await page.goto('/login');
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
	await expect(page.getByRole('heading', { name: '登入' })).toBeVisible();
	await expect(page.getByLabel('電子郵件')).toBeVisible();
	await expectNoEnglishUi(page);

	await page.getByRole('banner').getByLabel('介面語言').selectOption('en');
	await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await context.close();
});

test('a browser without a Chinese preference stays in English', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'fr-FR' });
	const page = await context.newPage();
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(
		page.getByRole('heading', { name: 'One live workspace for your operations team' })
	).toBeVisible();
	await context.close();
});
