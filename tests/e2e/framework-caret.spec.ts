import { expect, test } from '@playwright/test';
import * as Y from 'yjs';
import { documentWithScript, editorOf } from './steps';

/**
 * Someone else's edit can arrive in the few milliseconds between a click and
 * the browser's `selectionchange` for it. To land it there every time, the
 * page holds the socket's incoming messages and delivers them as the mouse
 * button is released.
 */
test('an edit from someone else arriving with a click leaves the caret where the click put it', async ({
	page,
	baseURL
}) => {
	await page.addInitScript(() => {
		const w = window as unknown as { holdSync: boolean; heldSync: (() => void)[] };
		w.holdSync = false;
		w.heldSync = [];
		const onmessage = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage')!;
		Object.defineProperty(WebSocket.prototype, 'onmessage', {
			...onmessage,
			set(this: WebSocket, handler: ((event: MessageEvent) => void) | null) {
				onmessage.set!.call(
					this,
					handler &&
						((event: MessageEvent) => {
							if (w.holdSync) w.heldSync.push(() => handler.call(this, event));
							else handler.call(this, event);
						})
				);
			}
		});
		document.addEventListener(
			'mouseup',
			() => {
				if (!w.holdSync) return;
				w.holdSync = false;
				for (const deliver of w.heldSync.splice(0)) deliver();
			},
			true
		);
	});

	const { documentUrl, doc, provider } = await documentWithScript(
		page,
		baseURL!,
		'Hand-over notes'
	);
	try {
		const content = doc.getXmlFragment('content');
		const first = new Y.XmlText('Call the supplier');
		doc.transact(() => {
			const paragraphs = [first, new Y.XmlText('Ask Sam')].map((text) => {
				const paragraph = new Y.XmlElement('paragraph');
				paragraph.insert(0, [text]);
				return paragraph;
			});
			content.insert(content.length, paragraphs);
		});

		await page.goto(documentUrl);
		await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
		const editor = editorOf(page);
		const clickLineEnd = async (text: string) => {
			const line = editor.locator('p', { hasText: text });
			const box = (await line.boundingBox())!;
			await line.click({ position: { x: box.width - 2, y: box.height / 2 } });
		};
		// The caret before the click: at the end of the second line.
		await clickLineEnd('Ask Sam');
		await page.keyboard.type(' first');
		await expect.poll(() => content.toString()).toContain('Ask Sam first');

		await page.evaluate(() => ((window as unknown as { holdSync: boolean }).holdSync = true));
		doc.transact(() => first.insert(0, 'Now: '));
		await expect
			.poll(() => page.evaluate(() => (window as unknown as { heldSync: [] }).heldSync.length))
			.toBeGreaterThan(0);
		await clickLineEnd('Call the supplier');
		await expect(editor).toContainText('Now: Call the supplier');
		await page.keyboard.type(' today');

		await expect.poll(() => first.toString()).toBe('Now: Call the supplier today');
		expect(content.toString()).toContain('<paragraph>Ask Sam first</paragraph>');
	} finally {
		provider.destroy();
		doc.destroy();
	}
});
