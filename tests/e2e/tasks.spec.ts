import { expect, test } from '@playwright/test';
import { createSharedDocument, editorOf, signUp } from './steps';

test('a checklist item becomes a live task, and the list and the document stay in step', async ({
	browser
}) => {
	const alice = await signUp(browser, 'Alice');
	const bob = await signUp(browser, 'Bob');

	const { documentUrl, workspaceUrl } = await createSharedDocument(
		alice.page,
		'Field Service',
		'Callback framework',
		bob.email,
		'Bob'
	);

	// Bob watches the task list; it starts empty.
	await bob.page.goto(`${workspaceUrl}/tasks`);
	await expect(bob.page.getByText('No tasks yet.')).toBeVisible();
	await expect(bob.page.getByText('Live', { exact: true })).toBeVisible();
	// …and has the workspace home open in another tab.
	const bobHome = await bob.page.context().newPage();
	await bobHome.goto(workspaceUrl);
	const myActions = bobHome.getByRole('region', { name: 'My open actions' });
	await expect(myActions).toBeVisible();

	// Alice writes a checklist item and names Bob with an @-mention.
	await alice.page.goto(documentUrl);
	await expect(alice.page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
	await editorOf(alice.page).click();
	await alice.page.keyboard.type('[ ] Call back the three open complaints ');
	await alice.page.keyboard.type('@Bo');
	const popup = alice.page.getByRole('listbox', { name: 'Mention a member' });
	await expect(popup.getByRole('option', { name: 'Bob' })).toBeVisible();
	await alice.page.keyboard.press('Enter');
	await expect(popup).toBeHidden();
	const item = editorOf(alice.page).locator('li[data-item-id]');
	await expect(item).toContainText('Call back the three open complaints @Bob');
	// The mention makes Bob the assignee, which the item's chip shows.
	await expect(item.getByRole('combobox', { name: 'Assignee: Bob' })).toBeVisible();

	// Bob's list shows the task without a reload, assigned to him.
	const row = bob.page.locator('tbody tr', { hasText: 'Call back the three open complaints' });
	await expect(row).toBeVisible();
	await expect(row).toContainText('@Bob');
	await expect(row.getByRole('combobox', { name: /^Assignee of/ })).toHaveValue(/^[a-z2-7]{20}$/);
	await expect(row.getByRole('combobox', { name: /^Status of/ })).toHaveValue('open');
	// His home tab lists it among his open actions, also without a reload.
	await expect(
		myActions.getByRole('link', { name: /Call back the three open complaints/ })
	).toBeVisible();
	await bobHome.close();

	// Alice ticks the box: Bob sees it done.
	await item.getByRole('checkbox').check();
	await expect(row.getByRole('combobox', { name: /^Status of/ })).toHaveValue('done');

	// Bob reopens it in the list: Alice's box unticks.
	await row.getByRole('combobox', { name: /^Status of/ }).selectOption('open');
	await expect(item.getByRole('checkbox')).not.toBeChecked();
	await expect(row.getByRole('combobox', { name: /^Status of/ })).toHaveValue('open');

	// Bob sets a past due date in the list: Alice's item shows it as overdue.
	await row.getByLabel(/^Due date of/).fill('2020-03-01');
	await expect(item.locator('.action-due')).toHaveText('Due Mar 1');
	await expect(item.locator('.action-due')).toHaveClass(/overdue/);
	await expect(bob.page.getByRole('button', { name: /Overdue\s*1/ })).toBeVisible();

	// Following the source link opens the document with the item highlighted.
	await row.getByRole('link', { name: 'Callback framework' }).click();
	await expect(bob.page).toHaveURL(/\/d\/[^/]+#action-/);
	await expect(bob.page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
	const highlighted = editorOf(bob.page).locator('li.action-highlight');
	await expect(highlighted).toContainText('Call back the three open complaints');
	await expect(highlighted).toBeInViewport();

	// A link with a filter the list does not know still shows the tasks, and says why unfiltered.
	await bob.page.goto(`${workspaceUrl}/tasks?status=finished`);
	await expect(bob.page.getByRole('alert')).toContainText('Showing all tasks instead.');
	await expect(bob.page.getByText('Call back the three open complaints')).toBeVisible();
});
