import { expect, test } from '@playwright/test';
import { waitForMail } from '../helpers/outbox';
import { PASSWORD, signUp } from './steps';

const dataDir = process.env.OPSLOOM_E2E_DATA_DIR as string;
const NEW_PASSWORD = 'a much better password';

test('a person who forgot their password resets it through the mailed link', async ({
	browser
}) => {
	const { page, email } = await signUp(browser, 'Fran');
	await page.getByRole('button', { name: 'Log out' }).click();

	await page.goto('/login');
	await page.getByRole('link', { name: 'Forgot password?' }).click();
	await expect(page).toHaveURL(/\/forgot-password$/);
	await page.getByLabel('Email').fill(email);
	await page.getByRole('button', { name: 'Send reset link' }).click();
	await expect(page.getByRole('status')).toContainText(email);

	const mail = await waitForMail(dataDir, (m) => m.to === email && /Reset/.test(m.subject));
	const link = mail.links.find((l) => l.includes('/reset-password/'))!;
	await page.goto(link);
	await page.getByLabel('New password').fill(NEW_PASSWORD);
	await page.getByRole('button', { name: 'Set password and log in' }).click();
	await expect(page).toHaveURL(/\/w$/);

	// The link worked once.
	await page.goto(link);
	await expect(page.getByRole('heading', { name: 'This link does not work' })).toBeVisible();

	await page.getByRole('button', { name: 'Log out' }).click();
	await page.goto('/login');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Log in' }).click();
	await expect(page.getByRole('alert')).toContainText('do not match');
	await page.getByLabel('Password').fill(NEW_PASSWORD);
	await page.getByRole('button', { name: 'Log in' }).click();
	await expect(page.getByRole('heading', { name: 'Your workspaces' })).toBeVisible();
});
