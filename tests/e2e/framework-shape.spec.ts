import { expect, test } from '@playwright/test';
import type { Editor } from '@tiptap/core';
import * as Y from 'yjs';
import { documentWithScript } from './steps';

/**
 * A script writes a checklist item with a key, an assignee and a mention
 * through a stock Yjs client; editing that item in the browser must keep
 * all of them (the editor's schema has to know them, or y-prosemirror drops them).
 */
test('the browser editor keeps what a script wrote into a checklist item', async ({
	page,
	baseURL
}) => {
	const { documentUrl, doc, provider } = await documentWithScript(
		page,
		baseURL!,
		'Hand-over framework'
	);
	try {
		const content = doc.getXmlFragment('content');
		doc.transact(() => {
			const list = new Y.XmlElement('taskList');
			const item = new Y.XmlElement('taskItem');
			item.setAttribute('checked', false as unknown as string);
			item.setAttribute('id', 'script-item-1');
			item.setAttribute('assignee', 'someone');
			item.setAttribute('due', '2030-01-31');
			const paragraph = new Y.XmlElement('paragraph');
			const mention = new Y.XmlElement('mention');
			mention.setAttribute('id', 'someone');
			mention.setAttribute('label', 'Sam');
			paragraph.insert(0, [new Y.XmlText('Call the supplier '), mention]);
			item.insert(0, [paragraph]);
			list.insert(0, [item]);
			content.insert(content.length, [list]);
		});

		await page.goto(documentUrl);
		await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
		const editor = page.locator('.framework-content');
		await expect(editor).toContainText('Call the supplier @Sam');

		await editor.locator('p', { hasText: 'Call the supplier' }).click();
		await page.keyboard.press('Home');
		await page.keyboard.type('Today: ');
		await expect.poll(() => content.toString()).toContain('Today: Call the supplier');
		await expect(page.getByText('All changes saved')).toBeVisible();
		// A new item of the browser's own gets a key too.
		// Clicking right of the line puts the caret after the mention (End stops before an inline atom).
		const line = editor.locator('p', { hasText: 'Call the supplier' });
		const box = (await line.boundingBox())!;
		await line.click({ position: { x: box.width - 2, y: box.height / 2 } });
		// The editor takes in a click's caret on the browser's next selectionchange, which
		// can come after a key sent at once (input outranks it); Enter would split at the
		// old caret. A person is never that quick, so wait for the caret, not for time.
		await expect
			.poll(() =>
				page.evaluate(() => {
					const view = document.querySelector('.framework-content') as unknown as {
						editor: Editor;
					};
					const { $head } = view.editor.state.selection;
					return $head.parentOffset === $head.parent.content.size;
				})
			)
			.toBe(true);
		await page.keyboard.press('Enter');
		await page.keyboard.type('Send the summary');

		const items = () =>
			[
				...content.createTreeWalker((n) => n instanceof Y.XmlElement && n.nodeName === 'taskItem')
			] as Y.XmlElement[];
		await expect
			.poll(() =>
				items()
					.map((i) => i.toString().includes('Send the summary'))
					.includes(true)
			)
			.toBe(true);
		const [edited, added] = items();
		expect(edited.toString()).toContain('Today: Call the supplier');
		expect(edited.getAttribute('id')).toBe('script-item-1');
		expect(edited.getAttribute('assignee')).toBe('someone');
		expect(edited.getAttribute('due')).toBe('2030-01-31');
		expect(edited.toString()).toContain('<mention');
		await expect.poll(() => added.getAttribute('id') ?? '').toMatch(/\S+/);
		expect(added.getAttribute('id')).not.toBe('script-item-1');
		expect(added.getAttribute('assignee')).toBeUndefined();
	} finally {
		provider.destroy();
		doc.destroy();
	}
});
