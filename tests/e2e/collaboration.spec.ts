import { expect, test, type Page } from '@playwright/test';
import { createSharedDocument, editorOf, signUp } from './steps';

async function openDocument(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
}

test('two people edit one framework document live, and a viewer cannot change it', async ({
	browser
}) => {
	const alice = await signUp(browser, 'Alice');
	const bob = await signUp(browser, 'Bob');

	// Alice creates a workspace and a framework document, and adds Bob as an editor.
	const { documentUrl, workspaceUrl } = await createSharedDocument(
		alice.page,
		'Service Desk',
		'Escalation framework',
		bob.email,
		'Bob'
	);

	// Both open the document and type; each sees the other's words and caret.
	await openDocument(alice.page, documentUrl);
	await openDocument(bob.page, documentUrl);

	await editorOf(alice.page).click();
	await alice.page.keyboard.type('Escalate to the on-call lead.');
	await expect(editorOf(bob.page)).toContainText('Escalate to the on-call lead.');

	await editorOf(bob.page).click();
	await bob.page.keyboard.press('Control+End');
	await bob.page.keyboard.press('Enter');
	await bob.page.keyboard.type('Page the duty manager after 15 minutes.');
	await expect(editorOf(alice.page)).toContainText('Page the duty manager after 15 minutes.');

	await expect(
		alice.page.locator('.collaboration-carets__label', { hasText: 'Bob' })
	).toBeVisible();
	// Bob's caret moved last; Alice's must move too so Bob's view has a fresh position.
	await editorOf(alice.page).click();
	await alice.page.keyboard.press('End');
	await alice.page.keyboard.type(' Always.');
	await expect(editorOf(bob.page)).toContainText('Always.');
	await expect(
		bob.page.locator('.collaboration-carets__label', { hasText: 'Alice' })
	).toBeVisible();

	// Alice makes Bob a viewer; after a reload his editor is read-only.
	const members = await alice.page.context().newPage();
	await members.goto(`${workspaceUrl}/members`);
	await members.getByRole('combobox', { name: 'Role for Bob' }).selectOption('viewer');
	await members.getByRole('button', { name: 'Save role for Bob' }).click();
	await expect(members.getByText('Bob is now viewer.')).toBeVisible();

	await openDocument(bob.page, documentUrl);
	await expect(bob.page.getByText('View only')).toBeVisible();
	await expect(editorOf(bob.page)).toHaveAttribute('contenteditable', 'false');
	await expect(editorOf(bob.page)).toContainText('Page the duty manager after 15 minutes.');
	const before = (await editorOf(bob.page).textContent()) ?? '';
	await editorOf(bob.page).click();
	await bob.page.keyboard.type('Bob was here');
	await expect(editorOf(bob.page)).toHaveText(before);
	await expect(editorOf(alice.page)).not.toContainText('Bob was here');
	// Viewers still show up in the document.
	await expect(alice.page.locator('.presence-bar', { hasText: 'Bob' })).toBeVisible();
});
