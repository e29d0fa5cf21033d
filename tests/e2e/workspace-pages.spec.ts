import { expect, test, type Browser, type Page } from '@playwright/test';
import { createWorkspace, fillSignUp, signUp, uniqueEmail } from './steps';

async function newPerson(browser: Browser, name: string): Promise<Page> {
	return (await signUp(browser, name)).page;
}

test('an invitation link brings a new person in after signing up', async ({ browser }) => {
	const owner = await newPerson(browser, 'Olivia');
	await createWorkspace(owner, 'Field Service');
	await owner.getByRole('link', { name: 'Members' }).first().click();
	await owner.getByRole('button', { name: 'Create link' }).click();
	const inviteUrl = await owner.getByLabel('Secret value').inputValue();
	expect(inviteUrl).toMatch(/\/invite\//);

	const guest = await (await browser.newContext()).newPage();
	await guest.goto(inviteUrl);
	await expect(guest.getByRole('heading', { name: 'Field Service' })).toBeVisible();
	await guest.getByRole('link', { name: 'Sign up' }).last().click();
	await fillSignUp(guest, 'Gustav', uniqueEmail('gustav'));
	// Signing up returns to the invitation, which now offers to join.
	await guest.getByRole('button', { name: 'Join Field Service' }).click();
	await expect(guest.getByRole('heading', { name: 'Field Service' })).toBeVisible();
	await expect(guest).toHaveURL(/\/w\/[a-z2-7]+$/);

	// The owner revokes the link; it stops working.
	await owner.reload();
	await owner.getByRole('button', { name: 'Revoke' }).click();
	await expect(owner.getByText('The invitation link no longer works.')).toBeVisible();
	await guest.goto(inviteUrl);
	await expect(guest.getByRole('heading', { name: 'This link does not work' })).toBeVisible();

	// The last owner cannot leave; the reason is shown.
	await owner.goto(owner.url());
	owner.once('dialog', (dialog) => dialog.accept());
	await owner.getByRole('button', { name: 'Leave workspace' }).click();
	await expect(owner.getByText('You are the last owner.')).toBeVisible();
});

test('documents can be renamed, archived and restored', async ({ browser }) => {
	const page = await newPerson(browser, 'Rita');
	await page.getByLabel('Name').fill('Back Office');
	await page.getByRole('button', { name: 'Create workspace' }).click();
	await page.getByLabel('Kind').selectOption('retro');
	await page.getByLabel('Title').fill('Sprint 12 retro');
	await page.getByRole('button', { name: 'Create document' }).click();
	await expect(page.getByRole('heading', { name: 'Sprint 12 retro' })).toBeVisible();

	await page.getByRole('link', { name: '← Back Office' }).click();
	const row = page.getByRole('row', { name: /Sprint 12 retro/ });
	await row.getByRole('button', { name: 'Rename' }).click();
	await page.getByLabel('New title').fill('Sprint 12 retrospective');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('link', { name: 'Sprint 12 retrospective' })).toBeVisible();

	await page
		.getByRole('row', { name: /Sprint 12 retrospective/ })
		.getByRole('button', { name: 'Archive' })
		.click();
	await expect(page.getByText('No documents yet.')).toBeVisible();
	await page.getByRole('link', { name: 'Show archived' }).click();
	await page
		.getByRole('row', { name: /Sprint 12 retrospective/ })
		.getByRole('button', { name: 'Restore' })
		.click();
	await expect(page.getByText('Nothing is archived.')).toBeVisible();
	await page.getByRole('link', { name: 'Show active documents' }).click();
	await expect(page.getByRole('link', { name: 'Sprint 12 retrospective' })).toBeVisible();

	await page.getByRole('button', { name: 'Log out' }).click();
	await expect(page.getByRole('link', { name: 'Create an account' })).toBeVisible();
	await page.goto('/w');
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Fw$/);
});
