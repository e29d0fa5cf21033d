import { expect, test, type Page } from '@playwright/test';
import { createSharedDocument, editorOf, signUp } from './steps';

async function openDocument(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
}

test('name a version, edit, compare, restore it, and the other browser follows', async ({
	browser
}) => {
	const alice = await signUp(browser, 'Alice');
	const bob = await signUp(browser, 'Bob');
	const { documentUrl } = await createSharedDocument(
		alice.page,
		'Service Desk',
		'Operating model',
		bob.email,
		'Bob'
	);
	await openDocument(alice.page, documentUrl);
	await openDocument(bob.page, documentUrl);

	await editorOf(alice.page).click();
	await alice.page.keyboard.type('Answer every ticket within four hours.');
	await expect(editorOf(bob.page)).toContainText('within four hours');

	// Alice names the version.
	await alice.page.getByRole('button', { name: 'History' }).click();
	const panel = alice.page.getByRole('region', { name: 'Version history' });
	await panel.getByLabel('Version name').fill('v1.2 approved at the November review');
	await panel.getByRole('button', { name: 'Save version' }).click();
	await expect(
		panel.getByText('Version “v1.2 approved at the November review” saved.')
	).toBeVisible();
	const named = panel
		.getByRole('listitem')
		.filter({ hasText: 'v1.2 approved at the November review' });
	await expect(named).toContainText('By Alice');

	// Bob changes the text.
	await editorOf(bob.page).click();
	await bob.page.keyboard.press('Control+End');
	await bob.page.keyboard.press('Enter');
	await bob.page.keyboard.type('Call back the next day.');
	await expect(editorOf(alice.page)).toContainText('Call back the next day.');

	// The diff marks Bob's paragraph as added since the version.
	await named.getByRole('button', { name: 'Compare with current' }).click();
	await expect(panel.locator('ins', { hasText: 'Call back the next day.' })).toBeVisible();
	await panel.getByRole('button', { name: 'Back to the list' }).click();

	// Restoring it: Bob's open editor follows.
	alice.page.once('dialog', (dialog) => void dialog.accept());
	await named.getByRole('button', { name: 'Restore' }).click();
	await expect(panel.getByText('Version restored.')).toBeVisible();
	await expect(editorOf(bob.page)).not.toContainText('Call back the next day.');
	await expect(editorOf(bob.page)).toContainText('Answer every ticket within four hours.');
	await expect(editorOf(alice.page)).not.toContainText('Call back the next day.');
	await expect(panel.getByRole('listitem').first()).toContainText('Restored an earlier version');
	await expect(panel.getByRole('listitem').nth(1)).toContainText('Before a restore');
});

test('a version Alice names appears in the history Bob has open, without a reload', async ({
	browser
}) => {
	const alice = await signUp(browser, 'Alice');
	const bob = await signUp(browser, 'Bob');
	const { documentUrl } = await createSharedDocument(
		alice.page,
		'Field Service',
		'Dispatch model',
		bob.email,
		'Bob'
	);
	await openDocument(alice.page, documentUrl);
	await openDocument(bob.page, documentUrl);
	await editorOf(alice.page).click();
	await alice.page.keyboard.type('Dispatch the nearest engineer.');
	await expect(editorOf(bob.page)).toContainText('nearest engineer.');

	// Bob opens the history first: nothing is saved yet.
	await bob.page.getByRole('button', { name: 'History' }).click();
	const bobPanel = bob.page.getByRole('region', { name: 'Version history' });
	await expect(bobPanel.getByRole('listitem')).toHaveCount(0);

	await alice.page.getByRole('button', { name: 'History' }).click();
	const alicePanel = alice.page.getByRole('region', { name: 'Version history' });
	await alicePanel.getByLabel('Version name').fill('Agreed with the regional leads');
	await alicePanel.getByRole('button', { name: 'Save version' }).click();

	const named = bobPanel
		.getByRole('listitem')
		.filter({ hasText: 'Agreed with the regional leads' });
	await expect(named).toBeVisible();
	await expect(named).toContainText('By Alice');

	// A restore by Alice reaches Bob's list the same way.
	alice.page.once('dialog', (dialog) => void dialog.accept());
	await alicePanel
		.getByRole('listitem')
		.filter({ hasText: 'Agreed with the regional leads' })
		.getByRole('button', { name: 'Restore' })
		.click();
	await expect(bobPanel.getByRole('listitem').first()).toContainText('Restored an earlier version');
});
