import { expect, test } from '@playwright/test';
import { createFlow, createWorkspace, editorOf, gotoHydrated, signUp } from './steps';

test('a pinned document shows first on the workspace home, and a filter by kind survives a reload', async ({
	browser
}) => {
	const { page } = await signUp(browser, 'Pia');
	const workspaceUrl = await createWorkspace(page, 'Field Service');
	await page.getByLabel('Title').fill('Escalation playbook');
	await page.getByRole('button', { name: 'Create document' }).click();
	await expect(page.getByRole('heading', { name: 'Escalation playbook' })).toBeVisible();

	await page.goto(workspaceUrl);
	await page
		.getByRole('button', { name: 'Pin “Escalation playbook” to the workspace home' })
		.click();
	const pinned = page.getByRole('region', { name: 'Pinned' });
	await expect(pinned.getByRole('link', { name: 'Escalation playbook' })).toBeVisible();
	await createFlow(page, 'Complaint handling');

	// The filters apply on change once the page is hydrated.
	await gotoHydrated(page, workspaceUrl);
	const documents = page.locator('section.documents');
	await expect(documents.getByRole('link')).toHaveCount(2);
	await page.getByLabel('Show').selectOption('flow');
	await expect(page).toHaveURL(/[?&]kind=flow/);
	await expect(documents.getByRole('link', { name: 'Complaint handling' })).toBeVisible();
	await expect(documents.getByRole('link', { name: 'Escalation playbook' })).toHaveCount(0);
	await page.reload();
	await expect(page.getByLabel('Show')).toHaveValue('flow');
	await expect(documents.getByRole('link', { name: 'Escalation playbook' })).toHaveCount(0);
	// The pinned section is not filtered: it is the team's shortlist.
	await expect(pinned.getByRole('link', { name: 'Escalation playbook' })).toBeVisible();

	await page.getByRole('link', { name: 'Clear filters' }).click();
	await expect(documents.getByRole('link', { name: 'Escalation playbook' })).toBeVisible();
	await pinned.getByRole('button', { name: /Unpin/ }).click();
	await expect(pinned).toHaveCount(0);
});

test('a framework document saved as a workspace template starts a new document with its content', async ({
	browser
}) => {
	const { page } = await signUp(browser, 'Tomas');
	const workspaceUrl = await createWorkspace(page, 'Support');
	await page.getByLabel('Title').fill('Callback standard');
	await page.getByRole('button', { name: 'Create document' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
	await editorOf(page).click();
	await page.keyboard.type('Call the customer back within one working day.');
	// Once a reload shows the text, the server has it.
	await page.reload();
	await expect(editorOf(page)).toContainText('within one working day');

	await page.locator('.save-template summary').click();
	await page.getByLabel('Template name').fill('Callback (ours)');
	await page
		.locator('.save-template form')
		.getByRole('button', { name: 'Save as template' })
		.click();
	await expect(page.getByRole('status').filter({ hasText: 'Callback (ours)' })).toBeVisible();
	// The page's pin takes effect too (both failed while the editor's effect loop stopped the app's start).
	await page.getByRole('button', { name: 'Pin to workspace home' }).click();
	await expect(page.getByRole('button', { name: 'Unpin from workspace home' })).toBeVisible();

	await page.goto(workspaceUrl);
	await expect(
		page.getByRole('region', { name: 'Pinned' }).getByRole('link', { name: 'Callback standard' })
	).toBeVisible();
	await page.getByLabel('Title').fill('Callback for key accounts');
	await page.getByLabel('Starting point').selectOption({ label: 'Callback (ours)' });
	await page.getByRole('button', { name: 'Create document' }).click();
	await expect(page.getByRole('heading', { name: 'Callback for key accounts' })).toBeVisible();
	await expect(editorOf(page)).toContainText('Call the customer back within one working day.');

	await page.goto(workspaceUrl);
	await page.getByText('Workspace templates (1)').click();
	await page.getByRole('button', { name: 'Delete the template “Callback (ours)”' }).click();
	await expect(page.getByText('Workspace templates (0)')).toBeVisible();
	await expect(
		page.getByLabel('Starting point').locator('option', { hasText: 'Callback (ours)' })
	).toHaveCount(0);
});

test('a retro board saved as a workspace template starts a new board with its format and none of its meeting', async ({
	browser
}) => {
	const { page } = await signUp(browser, 'Rosa');
	const workspaceUrl = await createWorkspace(page, 'Field service');
	await page.getByLabel('Kind').selectOption('retro');
	await page.getByLabel('Title').fill('Ops weekly');
	await page.getByLabel('Template').selectOption('mad-sad-glad');
	await page.getByLabel('Votes per person').fill('5');
	await page.getByRole('button', { name: 'Create document' }).click();
	await expect(page.getByRole('heading', { name: 'Ops weekly' })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
	await expect(page.getByText('Loading the board…')).toBeHidden();
	// A ten-minute timer, a card: the timer's length is part of the format, the card is not.
	await page.getByLabel('Timer length').selectOption('10');
	await page.getByRole('button', { name: 'Start timer' }).click();
	await page.getByRole('button', { name: 'Stop timer' }).click();
	await page.getByRole('button', { name: 'Next: Reflect' }).click();
	await page.getByLabel('New card for Sad').fill('Parts arrive late');
	await page.getByRole('button', { name: 'Add card to Sad' }).click();
	await expect(page.getByRole('list', { name: 'Your cards in Sad' })).toContainText(
		'Parts arrive late'
	);

	await page.locator('.save-template summary').click();
	await expect(page.locator('.save-template')).toContainText('Cards, groups, votes');
	await page.getByLabel('Template name').fill('Weekly (ours)');
	await page.locator('.save-template').getByRole('button', { name: 'Save as template' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Weekly (ours)' })).toBeVisible();

	await page.goto(workspaceUrl);
	await page.getByLabel('Kind').selectOption('retro');
	await page.getByLabel('Title').fill('Week 49');
	await page.getByRole('combobox', { name: /^Template/ }).selectOption({ label: 'Weekly (ours)' });
	// The template brings its own settings: the form's settings step aside.
	await expect(page.getByLabel('Votes per person')).toBeHidden();
	await expect(page.getByText('A workspace template brings its own board settings.')).toBeVisible();
	await page.getByRole('button', { name: 'Create document' }).click();
	await expect(page.getByRole('heading', { name: 'Week 49' })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
	await expect(page.getByText('Loading the board…')).toBeHidden();
	await expect(
		page.getByRole('navigation', { name: 'Meeting phases' }).locator('[aria-current="step"]')
	).toHaveText(/Review/);
	await expect(page.getByLabel('Timer length')).toHaveValue('10');
	await page.getByRole('button', { name: 'Next: Reflect' }).click();
	for (const column of ['Mad', 'Sad', 'Glad']) {
		await expect(page.getByLabel(`New card for ${column}`)).toBeVisible();
	}
	await expect(page.getByText('Parts arrive late')).toHaveCount(0);
});
