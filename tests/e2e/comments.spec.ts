import { expect, test, type Page } from '@playwright/test';
import { createSharedDocument, editorOf, signUp } from './steps';

async function openDocument(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
}

const bar = (page: Page) => page.locator('.comments-bar');
const panel = (page: Page) => page.locator('.comments-panel');

test('one person comments on selected words, another replies and resolves, and each sees the other live', async ({
	browser
}) => {
	// Two browsers, two sign-ups and a shared document: slow on a busy machine.
	test.setTimeout(180_000);
	const alice = await signUp(browser, 'Alice');
	const bob = await signUp(browser, 'Bob');
	const { documentUrl } = await createSharedDocument(
		alice.page,
		'Service Desk',
		'Escalation framework',
		bob.email,
		'Bob'
	);
	await openDocument(alice.page, documentUrl);
	await openDocument(bob.page, documentUrl);

	await editorOf(alice.page).click();
	await alice.page.keyboard.type('Escalate to the on-call lead.');
	await expect(editorOf(bob.page)).toContainText('on-call lead.');
	// Selects "on-call lead." and comments on it.
	for (let i = 0; i < 'on-call lead.'.length; i++)
		await alice.page.keyboard.press('Shift+ArrowLeft');
	await bar(alice.page).getByRole('button', { name: 'Comment', exact: true }).click();
	await panel(alice.page)
		.getByRole('textbox', { name: 'New comment' })
		.fill('Who is that at night?');
	await panel(alice.page).getByRole('button', { name: 'Comment', exact: true }).click();
	await expect(panel(alice.page).getByText('Who is that at night?')).toBeVisible();
	await expect(alice.page.locator('.framework-content .comment-anchor')).toHaveText(
		'on-call lead.'
	);

	// Bob's editor shows the thread without a reload; he opens it from the highlighted words.
	await expect(bar(bob.page).getByRole('button', { name: 'Comments (1)' })).toBeVisible();
	await bob.page.locator('.framework-content .comment-anchor').click();
	await expect(panel(bob.page).getByText('Who is that at night?')).toBeVisible();
	await panel(bob.page)
		.getByRole('textbox', { name: 'Reply to this thread' })
		.fill('The duty manager.');
	await panel(bob.page).getByRole('button', { name: 'Reply', exact: true }).click();
	await expect(panel(alice.page).getByText('The duty manager.')).toBeVisible();

	// After a reload the words are marked again, and the thread is not taken for deleted text.
	await bob.page.reload();
	await expect(bob.page.locator('.framework-content .comment-anchor')).toHaveText('on-call lead.');
	await bob.page.locator('.framework-content .comment-anchor').click();
	await expect(panel(bob.page).getByText('The duty manager.')).toBeVisible();
	await expect(panel(bob.page).getByText('Text deleted')).toHaveCount(0);

	// Bob resolves; Alice's list moves the thread to Resolved.
	await panel(bob.page).getByRole('button', { name: 'Resolve', exact: true }).click();
	await expect(panel(alice.page).getByRole('button', { name: 'Resolved (1)' })).toBeVisible();
	await expect(panel(alice.page).getByText('Who is that at night?')).toHaveCount(0);
	await panel(alice.page).getByRole('button', { name: 'Resolved (1)' }).click();
	// Alice still has the thread open, so all of it shows.
	await expect(panel(alice.page).getByText('Resolved by Bob')).toBeVisible();
	await expect(panel(alice.page).getByText('The duty manager.')).toBeVisible();
	// The comment never entered the text.
	await expect(editorOf(bob.page)).toHaveText('Escalate to the on-call lead.');
});
