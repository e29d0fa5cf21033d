import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, uniqueEmail } from './steps';

/**
 * The editors in 简体中文: a document made from a template is written in its
 * creator's language, and the editor around it has no English left.
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
/** English editor sentences long enough that finding one on a Chinese page means it was missed. */
const ENGLISH_UI = ['editors', 'flow', 'framework'].flatMap(catalogue);

async function expectNoEnglishUi(page: Page): Promise<void> {
	const visible = await page.locator('body').innerText();
	const titles = await page
		.locator('[title], [aria-label], [placeholder]')
		.evaluateAll((elements) =>
			elements.flatMap((el) =>
				['title', 'aria-label', 'placeholder'].map((name) => el.getAttribute(name) ?? '')
			)
		);
	const shown = [visible, ...titles].join('\n');
	const leftovers = ENGLISH_UI.filter((text) => shown.includes(text));
	expect(leftovers, `English left on ${page.url()}`).toEqual([]);
}

async function screenshot(page: Page, name: string): Promise<void> {
	const dir = process.env.SCREENSHOTS;
	if (!dir) return;
	fs.mkdirSync(dir, { recursive: true });
	await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

async function createDocument(
	page: Page,
	workspaceUrl: string,
	kind: string,
	title: string,
	template?: { field: string; value: string }
): Promise<void> {
	await page.goto(workspaceUrl);
	await page.getByLabel('类型').selectOption(kind);
	await page.getByLabel('标题').fill(title);
	if (template)
		await page
			.getByRole('combobox', { name: template.field, exact: true })
			.selectOption(template.value);
	await page.getByRole('button', { name: '创建文档' }).click();
	await expect(page.getByRole('heading', { name: title })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: '已连接' })).toBeVisible();
}

test('a zh-CN browser gets Chinese templates and Chinese editors for flows, retros and frameworks', async ({
	browser
}) => {
	const context = await browser.newContext({
		locale: 'zh-CN',
		viewport: process.env.SCREENSHOTS ? { width: 390, height: 844 } : undefined
	});
	const page = await context.newPage();
	await page.goto('/signup');
	await page.getByLabel('姓名').fill('王美');
	await page.getByLabel('邮箱').fill(uniqueEmail('mei'));
	await page.getByLabel('密码').fill(PASSWORD);
	await page.getByRole('button', { name: '注册' }).click();
	await expect(page).toHaveURL(/\/w$/);
	await page.getByLabel('名称').fill('客户服务部');
	await page.getByRole('button', { name: '创建工作区' }).click();
	await expect(page.getByRole('link', { name: '客户服务部' }).first()).toBeVisible();
	const workspaceUrl = page.url();
	// The new-document form names the templates in Chinese.
	await expect(page.locator('option', { hasText: '服务蓝图' })).toHaveCount(1);
	await expect(page.locator('option', { hasText: '生气 / 难过 / 开心' })).toHaveCount(1);

	// A service blueprint starts with Chinese lanes and steps.
	await createDocument(page, workspaceUrl, 'flow', '客户投诉处理流程', {
		field: '起始模板',
		value: 'service-blueprint'
	});
	for (const lane of ['顾客行为', '前台行为', '后台行为', '支持流程']) {
		await expect(page.getByRole('group', { name: `泳道 ${lane}` })).toBeVisible();
	}
	await expect(page.locator('.svelte-flow__node', { hasText: '顾客产生需求' })).toBeVisible();
	await expect(page.getByRole('button', { name: '添加泳道' })).toBeVisible();
	await expect(page.getByRole('heading', { name: '流程图', exact: true })).toBeVisible();
	await page.getByRole('button', { name: /^检查/ }).click();
	await expect(page.getByRole('complementary', { name: '检查' })).toBeVisible();
	await expectNoEnglishUi(page);
	await screenshot(page, 'flow-zh-Hans');

	// A retro board's columns, phases and help are Chinese.
	await createDocument(page, workspaceUrl, 'retro', '十一月值班复盘', {
		field: '模板',
		value: 'mad-sad-glad'
	});
	const retroId = page.url().split('/').pop()!;
	await expect(page.getByRole('navigation', { name: '会议阶段' })).toBeVisible();
	await page.getByRole('button', { name: /下一步：反思/ }).click();
	for (const column of ['生气', '难过', '开心']) {
		await expect(page.getByRole('heading', { name: column, exact: true })).toBeVisible();
	}
	await page.getByLabel('“生气”的新卡片').fill('周末告警太多');
	await page.getByRole('button', { name: '添加卡片到“生气”' }).click();
	await expect(page.getByText('周末告警太多')).toBeVisible();
	await expectNoEnglishUi(page);
	await screenshot(page, 'retro-zh-Hans');

	// The framework editor's toolbar and status.
	await createDocument(page, workspaceUrl, 'framework', '投诉处理规范');
	await expect(page.getByRole('toolbar', { name: '格式' })).toBeVisible();
	await expect(page.getByRole('button', { name: '任务清单' })).toBeVisible();
	await expect(page.getByText('所有更改均已保存')).toBeVisible();
	await expectNoEnglishUi(page);
	await screenshot(page, 'framework-zh-Hans');

	// The Markdown summary asked for in Chinese has Chinese headings.
	const summary = await page.evaluate(
		(id) => fetch(`/api/v1/documents/${id}/retro/summary`).then((r) => r.text()),
		retroId
	);
	expect(summary).toContain('# 十一月值班复盘');
	expect(summary).toContain('阶段：反思');
	expect(summary).toContain('## 讨论话题');
	expect(summary).toContain('## 行动项');
	await context.close();
});
