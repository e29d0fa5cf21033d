import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, uniqueEmail } from './steps';

/**
 * Opsloom in Chinese, as a browser set to Chinese gets it: the language comes
 * from Accept-Language until the person saves one, and then the saved one wins.
 */

/** Every English message, from each message file the inlang project lists (shell and areas). */
function readEnglishMessages(): string[] {
	const settings = JSON.parse(fs.readFileSync('project.inlang/settings.json', 'utf8'));
	const pattern: string | string[] = settings['plugin.inlang.messageFormat'].pathPattern;
	const files = (Array.isArray(pattern) ? pattern : [pattern]).map((file) =>
		file.replace('{locale}', settings.baseLocale)
	);
	return files.flatMap((file) =>
		Object.entries(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>)
			.filter(([key]) => key !== '$schema')
			.map(([, text]) => text)
	);
}

/** English words that stay English in Chinese text too: names of products and formats. */
const KEPT_IN_CHINESE = new Set(['Opsloom', 'Mermaid', 'Markdown', 'PostgreSQL', 'English']);
/** Words left between placeholders ("Remove {name} from {workspace}") that say nothing alone. */
const LINKING_WORDS = new Set(['from', 'into', 'with', 'your', 'this', 'that', 'than', 'then']);

/**
 * The English UI words and phrases that must not show on a Chinese page: whole
 * messages, and the words between a message's placeholders ("{count} members"
 * gives "members"). Acronyms (CSV, PNG, API) and product names are left out.
 */
const ENGLISH_UI = [
	...new Set(
		readEnglishMessages()
			.flatMap((text) => text.split(/\{[^}]*\}/))
			.map((part) => part.trim())
			.filter(
				(part) =>
					(part.match(/[A-Za-z]/g) ?? []).length >= 4 &&
					/[a-z]/.test(part) &&
					!KEPT_IN_CHINESE.has(part) &&
					!LINKING_WORDS.has(part)
			)
	)
];

/** True when `phrase` appears in `text` as whole words, not inside a longer word or an address. */
function containsPhrase(text: string, phrase: string): boolean {
	for (let at = text.indexOf(phrase); at !== -1; at = text.indexOf(phrase, at + 1)) {
		const before = text[at - 1] ?? ' ';
		const after = text[at + phrase.length] ?? ' ';
		if (!/[A-Za-z0-9@._-]/.test(before) && !/[A-Za-z0-9@_-]/.test(after)) return true;
	}
	return false;
}

/** What a person reads or hears on the page: its text, title, and labels, tooltips and placeholders. */
async function readableText(page: Page): Promise<string> {
	return page.evaluate(() => {
		const attributes = [...document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')]
			.flatMap((element) =>
				['aria-label', 'title', 'placeholder', 'alt'].map((name) => element.getAttribute(name))
			)
			.filter((value): value is string => !!value);
		return [document.title, document.body.innerText, ...attributes].join('\n');
	});
}

async function expectNoEnglishUi(page: Page): Promise<void> {
	const readable = await readableText(page);
	const leftovers = ENGLISH_UI.filter((phrase) => containsPhrase(readable, phrase));
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
	// The browser draws its date field in its own format; the chosen day is repeated in the page's.
	const newTask = page.locator('section.new-task');
	await expect(newTask.locator('input[type=date]')).toHaveAttribute('lang', 'zh-Hans');
	await newTask.locator('input[type=date]').fill('2026-12-24');
	await expect(newTask.getByText('2026年12月24日')).toBeVisible();
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

/** The words a test needs to find its way in each Chinese UI. */
const CHINESE = [
	{
		browser: 'zh-CN',
		locale: 'zh-Hans',
		name: '姓名',
		email: '邮箱',
		password: '密码',
		signUp: '注册',
		workspaces: '我的工作区',
		workspaceName: '名称',
		createWorkspace: '创建工作区',
		forgotHeading: /^忘记密码了/,
		sendReset: '发送重置链接',
		addMember: '添加成员',
		pending: '待接受的邀请',
		settings: '设置',
		nothingUnread: '没有未读通知。',
		save: '保存',
		saved: '已保存。'
	},
	{
		browser: 'zh-TW',
		locale: 'zh-Hant',
		name: '姓名',
		email: '電子郵件',
		password: '密碼',
		signUp: '註冊',
		workspaces: '我的工作區',
		workspaceName: '名稱',
		createWorkspace: '建立工作區',
		forgotHeading: /^忘記密碼了嗎/,
		sendReset: '寄送重設連結',
		addMember: '新增成員',
		pending: '待接受的邀請',
		settings: '設定',
		nothingUnread: '沒有未讀通知。',
		save: '儲存',
		saved: '已儲存。'
	}
] as const;

for (const words of CHINESE) {
	test(`forgot-password, notifications, settings and members pages show no English in ${words.locale}`, async ({
		browser
	}) => {
		const context = await browser.newContext({ locale: words.browser });
		const page = await context.newPage();
		const email = uniqueEmail('Lin');

		await page.goto('/forgot-password');
		await expect(page.locator('html')).toHaveAttribute('lang', words.locale);
		await expect(page.getByRole('heading', { name: words.forgotHeading })).toBeVisible();
		await expectNoEnglishUi(page);
		await page.getByLabel(words.email).fill(email);
		await page.getByRole('button', { name: words.sendReset }).click();
		await expect(page.getByRole('status')).toContainText(email);
		await expectNoEnglishUi(page);

		await page.goto('/signup');
		await page.getByLabel(words.name).fill('林小文');
		await page.getByLabel(words.email).fill(email);
		await page.getByLabel(words.password).fill(PASSWORD);
		await page.getByRole('button', { name: words.signUp }).click();
		await expect(page.getByRole('heading', { name: words.workspaces })).toBeVisible();

		await page.goto('/notifications');
		await expect(page.getByRole('heading', { name: '通知', exact: true })).toBeVisible();
		await expectNoEnglishUi(page);
		await page.goto('/notifications?unread=true');
		await expect(page.getByText(words.nothingUnread)).toBeVisible();
		await expectNoEnglishUi(page);

		await page.goto('/settings');
		await expect(page.getByRole('heading', { name: words.settings, exact: true })).toBeVisible();
		await expectNoEnglishUi(page);

		await page.goto('/settings/notifications');
		await expect(page.getByRole('heading', { name: '通知', exact: true })).toBeVisible();
		await expectNoEnglishUi(page);
		await page.getByRole('button', { name: words.save, exact: true }).click();
		await expect(page.getByRole('status')).toHaveText(words.saved);
		await expectNoEnglishUi(page);

		// A workspace's members page with an emailed invitation pending and the time zone section.
		await page.goto('/w');
		await page.getByLabel(words.workspaceName).fill('客服中心');
		await page.getByRole('button', { name: words.createWorkspace }).click();
		await expect(page.getByRole('link', { name: '客服中心' }).first()).toBeVisible();
		await page.goto(`${page.url()}/members`);
		const invitee = uniqueEmail('Chen');
		await page.getByLabel(words.email).fill(invitee);
		await page.getByRole('button', { name: words.addMember }).click();
		await expect(page.getByRole('heading', { name: words.pending })).toBeVisible();
		await expect(page.getByRole('status').filter({ hasText: invitee })).toBeVisible();
		await expectNoEnglishUi(page);
		await context.close();
	});
}
