import { expect, test, type CDPSession, type Page } from '@playwright/test';
import { createSharedDocument, editorOf, signUp } from './steps';

/**
 * Chinese input while someone else edits. Chromium's DevTools protocol drives
 * the input method the way a Pinyin IME does: `Input.imeSetComposition` shows
 * the pinyin (and the browser fires composition events), `Input.insertText`
 * commits the chosen characters and ends the composition.
 */

async function openDocument(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
}

/** Shows `text` as the composition in progress, caret at its end. */
async function compose(ime: CDPSession, text: string): Promise<void> {
	await ime.send('Input.imeSetComposition', {
		text,
		selectionStart: text.length,
		selectionEnd: text.length
	});
}

/** The document's text as its reader sees it: colleagues' caret labels ("Priya") left out. */
function documentText(page: Page): Promise<string> {
	return page.evaluate(() => {
		const content = document.querySelector('.framework-content')!.cloneNode(true) as Element;
		for (const caret of content.querySelectorAll('.collaboration-carets__caret')) caret.remove();
		return content.textContent ?? '';
	});
}

/**
 * Records every text the editor shows, from now on, on every DOM change: a
 * pinyin that was visible for a single frame is caught too.
 */
async function recordTexts(page: Page): Promise<void> {
	await page.evaluate(() => {
		const element = document.querySelector('.framework-content')!;
		const read = () => {
			const content = element.cloneNode(true) as Element;
			for (const caret of content.querySelectorAll('.collaboration-carets__caret')) caret.remove();
			return content.textContent ?? '';
		};
		const seen: string[] = [read()];
		(window as unknown as { seenTexts: string[] }).seenTexts = seen;
		new MutationObserver(() => seen.push(read())).observe(element, {
			subtree: true,
			childList: true,
			characterData: true
		});
	});
}

const seenTexts = (page: Page) =>
	page.evaluate(() => (window as unknown as { seenTexts: string[] }).seenTexts);

test('composing 服务流程 with an IME while a colleague types in the same paragraph', async ({
	browser
}) => {
	const priya = await signUp(browser, 'Priya');
	const wei = await signUp(browser, 'Wei');
	const { documentUrl } = await createSharedDocument(
		priya.page,
		'Service Desk',
		'投诉处理规范',
		wei.email,
		'Wei'
	);
	await openDocument(priya.page, documentUrl);
	await openDocument(wei.page, documentUrl);

	const priyaEditor = editorOf(priya.page);
	const weiEditor = editorOf(wei.page);
	const priyaSees = () => documentText(priya.page);
	const weiSees = () => documentText(wei.page);
	await priyaEditor.click();
	await priya.page.keyboard.insertText('客户投诉：');
	await expect.poll(weiSees).toBe('客户投诉：');
	await recordTexts(wei.page);

	// Priya starts composing at the end of the paragraph.
	await priya.page.keyboard.press('End');
	const ime = await priya.page.context().newCDPSession(priya.page);
	for (const pinyin of ['f', 'fu', 'fuw', 'fuwu']) await compose(ime, pinyin);
	await expect.poll(priyaSees).toBe('客户投诉：fuwu');

	// Meanwhile Wei adds to the start of the same paragraph; it reaches Priya mid-composition.
	await weiEditor.click();
	await wei.page.keyboard.press('Home');
	await wei.page.keyboard.insertText('【紧急】');
	await expect.poll(priyaSees).toBe('【紧急】客户投诉：fuwu');

	// Priya goes on composing and picks 服务流程.
	for (const pinyin of ['fuwul', 'fuwuliu', 'fuwuliucheng']) await compose(ime, pinyin);
	await expect.poll(priyaSees).toBe('【紧急】客户投诉：fuwuliucheng');
	await ime.send('Input.insertText', { text: '服务流程' });

	// Both end with exactly the same text: nothing doubled, nothing dropped.
	await expect.poll(priyaSees).toBe('【紧急】客户投诉：服务流程');
	await expect.poll(weiSees).toBe('【紧急】客户投诉：服务流程');
	await expect(priya.page.getByText('All changes saved')).toBeVisible();

	// And Wei never saw a letter of the pinyin.
	const seen = await seenTexts(wei.page);
	expect(seen.length).toBeGreaterThan(1);
	expect(seen.filter((text) => /[a-z]/i.test(text))).toEqual([]);

	// Priya keeps typing after the composition, where her caret is.
	await priya.page.keyboard.insertText('。');
	await expect.poll(weiSees).toBe('【紧急】客户投诉：服务流程。');
});
