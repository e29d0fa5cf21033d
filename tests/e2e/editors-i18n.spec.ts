import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, uniqueEmail } from './steps';

/**
 * The editors in 简体中文, 繁體中文 and English: a document made from a template
 * is written in its creator's language, and the editor around it has no
 * string of another language left, no raw message key and no `undefined`.
 * SCREENSHOTS=dir also saves each page at phone width for a person to look at.
 */

function catalogue(area: string): string[] {
	const messages: Record<string, string> = JSON.parse(
		fs.readFileSync(`messages/${area}/en.json`, 'utf8')
	);
	return Object.entries(messages)
		.filter(([key, text]) => key !== '$schema' && !text.includes('{') && text.length >= 12)
		.map(([, text]) => text)
		.filter((text) => text.includes(' '));
}
const EDITOR_AREAS = ['editors', 'flow', 'framework', 'comments', 'versions', 'documents'];
/** English editor sentences long enough that finding one on a Chinese page means it was missed. */
const ENGLISH_UI = EDITOR_AREAS.flatMap(catalogue);

const messageFiles = (locale: string) => [
	`messages/${locale}.json`,
	...[...EDITOR_AREAS, 'ui'].map((area) => `messages/${area}/${locale}.json`)
];
const readMessages = (file: string): Record<string, string> => {
	const { $schema: _, ...messages } = JSON.parse(fs.readFileSync(file, 'utf8'));
	return messages;
};
/** Every message key of the pages walked, to find one shown instead of its text. */
const MESSAGE_KEYS = new Set(messageFiles('en').flatMap((file) => Object.keys(readMessages(file))));
/**
 * Chinese pieces of those catalogues (the text between placeholders, four
 * characters or more): on an English page each is a translation shown in
 * the wrong language. The switcher's own names of the languages are meant.
 */
const CHINESE_UI = [
	...new Set(
		['zh-Hans', 'zh-Hant']
			.flatMap(messageFiles)
			.flatMap((file) => Object.values(readMessages(file)))
			.flatMap((text) => text.split(/\{[^}]*\}/))
			.map((piece) => piece.trim())
			.filter((piece) => piece.length >= 4 && /\p{Script=Han}/u.test(piece))
			.filter((piece) => !['简体中文', '繁體中文'].includes(piece))
	)
];

/** What a person reads on the page: its text and the names and hints of its controls. */
async function shownText(page: Page): Promise<string> {
	const visible = await page.locator('body').innerText();
	const titles = await page
		.locator('[title], [aria-label], [placeholder]')
		.evaluateAll((elements) =>
			elements.flatMap((el) =>
				['title', 'aria-label', 'placeholder'].map((name) => el.getAttribute(name) ?? '')
			)
		);
	return [visible, ...titles].join('\n');
}

/** No message key shows as such (`flow_add_lane`), and nothing reads `undefined`. */
function expectNoLeaks(shown: string, url: string): void {
	const keys = (shown.match(/\b[a-z]+(?:_[a-z0-9]+)+\b/g) ?? []).filter((word) =>
		MESSAGE_KEYS.has(word)
	);
	expect(keys, `message keys shown on ${url}`).toEqual([]);
	expect(shown, `“undefined” shown on ${url}`).not.toMatch(/\bundefined\b/);
}

async function expectNoEnglishUi(page: Page): Promise<void> {
	const shown = await shownText(page);
	const leftovers = ENGLISH_UI.filter((text) => shown.includes(text));
	expect(leftovers, `English left on ${page.url()}`).toEqual([]);
	expectNoLeaks(shown, page.url());
}

async function expectEnglishUi(page: Page): Promise<void> {
	const shown = await shownText(page);
	const chinese = CHINESE_UI.filter((text) => shown.includes(text));
	expect(chinese, `Chinese on the English page ${page.url()}`).toEqual([]);
	expectNoLeaks(shown, page.url());
}

async function screenshot(page: Page, name: string): Promise<void> {
	const dir = process.env.SCREENSHOTS;
	if (!dir) return;
	fs.mkdirSync(dir, { recursive: true });
	await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/** The words each Chinese UI uses, as the test has to find them. */
const CHINESE = [
	{
		browser: 'zh-CN',
		locale: 'zh-Hans',
		name: '姓名',
		email: '邮箱',
		password: '密码',
		signUp: '注册',
		workspaceName: '名称',
		createWorkspace: '创建工作区',
		workspace: '客户服务部',
		kind: '类型',
		title: '标题',
		createDocument: '创建文档',
		connected: '已连接',
		blueprint: '服务蓝图',
		madSadGlad: '生气 / 难过 / 开心',
		flowTemplate: '起始模板',
		retroTemplate: '模板',
		flowTitle: '客户投诉处理流程',
		lanes: ['顾客行为', '前台行为', '后台行为', '支持流程'],
		firstStep: '顾客产生需求',
		addLane: '添加泳道',
		flowHeading: '流程图',
		checks: /^检查/,
		checksPanel: '检查',
		retroTitle: '十一月值班复盘',
		phases: '会议阶段',
		nextReflect: /下一步：反思/,
		columns: ['生气', '难过', '开心'],
		newCard: '“生气”的新卡片',
		addCard: '添加卡片到“生气”',
		card: '周末告警太多',
		frameworkTitle: '投诉处理规范',
		toolbar: '格式',
		checklist: '任务清单',
		allSaved: '所有更改均已保存',
		phaseLine: '阶段：反思',
		topics: '## 讨论话题',
		actions: '## 行动项'
	},
	{
		browser: 'zh-TW',
		locale: 'zh-Hant',
		name: '姓名',
		email: '電子郵件',
		password: '密碼',
		signUp: '註冊',
		workspaceName: '名稱',
		createWorkspace: '建立工作區',
		workspace: '客戶服務部',
		kind: '類型',
		title: '標題',
		createDocument: '建立文件',
		connected: '已連線',
		blueprint: '服務藍圖',
		madSadGlad: '生氣 / 難過 / 開心',
		flowTemplate: '起始範本',
		retroTemplate: '範本',
		flowTitle: '客戶申訴處理流程',
		lanes: ['顧客行為', '前台行為', '後台行為', '支援流程'],
		firstStep: '顧客產生需求',
		addLane: '新增泳道',
		flowHeading: '流程圖',
		checks: /^檢查/,
		checksPanel: '檢查',
		retroTitle: '十一月值班檢討會',
		phases: '會議階段',
		nextReflect: /下一步：反思/,
		columns: ['生氣', '難過', '開心'],
		newCard: '「生氣」的新卡片',
		addCard: '新增卡片到「生氣」',
		card: '週末告警太多',
		frameworkTitle: '申訴處理規範',
		toolbar: '格式設定',
		checklist: '任務清單',
		allSaved: '所有變更皆已儲存',
		phaseLine: '階段：反思',
		topics: '## 討論主題',
		actions: '## 行動項目'
	}
] as const;

/** The words of the new-document form. */
interface FormWords {
	kind: string;
	title: string;
	createDocument: string;
	connected: string;
}

async function createDocument(
	page: Page,
	words: FormWords,
	workspaceUrl: string,
	kind: string,
	title: string,
	template?: { field: string; value: string }
): Promise<void> {
	await page.goto(workspaceUrl);
	await page.getByLabel(words.kind).selectOption(kind);
	await page.getByLabel(words.title).fill(title);
	if (template)
		await page
			.getByRole('combobox', { name: template.field, exact: true })
			.selectOption(template.value);
	await page.getByRole('button', { name: words.createDocument }).click();
	await expect(page.getByRole('heading', { name: title })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: words.connected })).toBeVisible();
}

for (const words of CHINESE) {
	test(`a ${words.browser} browser gets ${words.locale} templates and editors for flows, retros and frameworks`, async ({
		browser
	}) => {
		const context = await browser.newContext({
			locale: words.browser,
			viewport: process.env.SCREENSHOTS ? { width: 390, height: 844 } : undefined
		});
		const page = await context.newPage();
		await page.goto('/signup');
		await page.getByLabel(words.name).fill('王美');
		await page.getByLabel(words.email).fill(uniqueEmail('mei'));
		await page.getByLabel(words.password).fill(PASSWORD);
		await page.getByRole('button', { name: words.signUp }).click();
		await expect(page).toHaveURL(/\/w$/);
		await page.getByLabel(words.workspaceName).fill(words.workspace);
		await page.getByRole('button', { name: words.createWorkspace }).click();
		await expect(page.getByRole('link', { name: words.workspace }).first()).toBeVisible();
		const workspaceUrl = page.url();
		// The new-document form names the templates in Chinese.
		await expect(page.locator('option', { hasText: words.blueprint })).toHaveCount(1);
		await expect(page.locator('option', { hasText: words.madSadGlad })).toHaveCount(1);

		// A service blueprint starts with Chinese lanes and steps.
		await createDocument(page, words, workspaceUrl, 'flow', words.flowTitle, {
			field: words.flowTemplate,
			value: 'service-blueprint'
		});
		for (const lane of words.lanes) {
			await expect(page.getByRole('group', { name: `泳道 ${lane}` })).toBeVisible();
		}
		await expect(page.locator('.svelte-flow__node', { hasText: words.firstStep })).toBeVisible();
		await expect(page.getByRole('button', { name: words.addLane })).toBeVisible();
		await expect(page.getByRole('heading', { name: words.flowHeading, exact: true })).toBeVisible();
		await page.getByRole('button', { name: words.checks }).click();
		await expect(page.getByRole('complementary', { name: words.checksPanel })).toBeVisible();
		await expectNoEnglishUi(page);
		await screenshot(page, `flow-${words.locale}`);

		// A retro board's columns, phases and help are Chinese.
		await createDocument(page, words, workspaceUrl, 'retro', words.retroTitle, {
			field: words.retroTemplate,
			value: 'mad-sad-glad'
		});
		const retroId = page.url().split('/').pop()!;
		await expect(page.getByRole('navigation', { name: words.phases })).toBeVisible();
		await page.getByRole('button', { name: words.nextReflect }).click();
		for (const column of words.columns) {
			await expect(page.getByRole('heading', { name: column, exact: true })).toBeVisible();
		}
		await page.getByLabel(words.newCard).fill(words.card);
		await page.getByRole('button', { name: words.addCard }).click();
		await expect(page.getByText(words.card)).toBeVisible();
		await expectNoEnglishUi(page);
		await screenshot(page, `retro-${words.locale}`);

		// The framework editor's toolbar and status.
		await createDocument(page, words, workspaceUrl, 'framework', words.frameworkTitle);
		await expect(page.getByRole('toolbar', { name: words.toolbar })).toBeVisible();
		await expect(page.getByRole('button', { name: words.checklist })).toBeVisible();
		await expect(page.getByText(words.allSaved)).toBeVisible();
		await expectNoEnglishUi(page);
		await screenshot(page, `framework-${words.locale}`);

		// The Markdown summary asked for in Chinese has Chinese headings.
		const summary = await page.evaluate(
			(id) => fetch(`/api/v1/documents/${id}/retro/summary`).then((r) => r.text()),
			retroId
		);
		expect(summary).toContain(`# ${words.retroTitle}`);
		expect(summary).toContain(words.phaseLine);
		expect(summary).toContain(words.topics);
		expect(summary).toContain(words.actions);
		await context.close();
	});
}

test('an English browser gets English editors for flows, retros and frameworks, with no Chinese, no message key and no undefined', async ({
	browser
}) => {
	const context = await browser.newContext({ locale: 'en-US' });
	const page = await context.newPage();
	const words = {
		kind: 'Kind',
		title: 'Title',
		createDocument: 'Create document',
		connected: 'Connected'
	};
	await page.goto('/signup');
	await page.getByLabel('Name').fill('Mei Wang');
	await page.getByLabel('Email').fill(uniqueEmail('mei-en'));
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign up' }).click();
	await expect(page).toHaveURL(/\/w$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.getByLabel('Name').fill('Customer service');
	await page.getByRole('button', { name: 'Create workspace' }).click();
	await expect(page.getByRole('link', { name: 'Customer service' }).first()).toBeVisible();
	const workspaceUrl = page.url();
	await expect(page.locator('option', { hasText: 'Service blueprint' })).toHaveCount(1);
	await expectEnglishUi(page);

	await createDocument(page, words, workspaceUrl, 'flow', 'Complaint handling', {
		field: 'Start from',
		value: 'service-blueprint'
	});
	for (const lane of ['Customer actions', 'Frontstage', 'Backstage', 'Support processes']) {
		await expect(page.getByRole('group', { name: `Lane ${lane}` })).toBeVisible();
	}
	await expect(
		page.locator('.svelte-flow__node', { hasText: 'Customer need arises' })
	).toBeVisible();
	await page.getByRole('button', { name: /^Checks/ }).click();
	await expect(page.getByRole('complementary', { name: 'Checks' })).toBeVisible();
	await expectEnglishUi(page);

	await createDocument(page, words, workspaceUrl, 'retro', 'November on-call retro', {
		field: 'Template',
		value: 'mad-sad-glad'
	});
	await expect(page.getByRole('navigation', { name: 'Meeting phases' })).toBeVisible();
	await page.getByRole('button', { name: /Next: Reflect/ }).click();
	for (const column of ['Mad', 'Sad', 'Glad']) {
		await expect(page.getByRole('heading', { name: column, exact: true })).toBeVisible();
	}
	await page.getByLabel('New card for Mad').fill('Too many weekend alerts');
	await page.getByRole('button', { name: 'Add card to Mad' }).click();
	await expect(page.getByText('Too many weekend alerts')).toBeVisible();
	await expectEnglishUi(page);

	await createDocument(page, words, workspaceUrl, 'framework', 'Complaint handling rules');
	await expect(page.getByRole('toolbar', { name: 'Formatting' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Checklist' })).toBeVisible();
	await expect(page.getByText('All changes saved')).toBeVisible();
	await expectEnglishUi(page);
	await context.close();
});
