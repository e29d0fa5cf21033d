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
		.getByRole('combobox', { name: 'New comment' })
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
		.getByRole('combobox', { name: 'Reply to this thread' })
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

	// Bob deletes the words: the thread stays, marked as on deleted text, with its quote.
	await editorOf(bob.page).getByText('Escalate to the on-call lead.').click();
	await bob.page.keyboard.press('End');
	for (let i = 0; i < 'on-call lead.'.length; i++) await bob.page.keyboard.press('Backspace');
	await expect(editorOf(alice.page)).not.toContainText('on-call');
	await expect(panel(alice.page).getByText('Text deleted')).toBeVisible();
	await expect(panel(alice.page).getByText('on-call lead.')).toBeVisible();
});

test('typing @ in a comment offers the members: the keyboard picks one, who is told', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const ann = await signUp(browser, 'Ann Lee');
	const anna = await signUp(browser, 'Anna Wang');
	const { documentUrl } = await createSharedDocument(
		ann.page,
		'Service Desk',
		'Major incident framework',
		anna.email,
		'Anna Wang'
	);
	await openDocument(ann.page, documentUrl);
	await editorOf(ann.page).click();
	await ann.page.keyboard.type('Page the incident manager.');
	for (let i = 0; i < 'incident manager.'.length; i++)
		await ann.page.keyboard.press('Shift+ArrowLeft');
	await bar(ann.page).getByRole('button', { name: 'Comment', exact: true }).click();

	const field = panel(ann.page).getByRole('combobox', { name: 'New comment' });
	await field.pressSequentially('Who covers nights? ');
	await expect(field).toHaveAttribute('aria-expanded', 'false');
	await field.press('@');
	await field.press('a');
	const list = panel(ann.page).getByRole('listbox', { name: 'Mention a member' });
	// Both names start with "a", in the order the workspace lists them.
	await expect(list.getByRole('option')).toHaveText([/^Ann Lee/, /^Anna Wang/]);
	await expect(field).toHaveAttribute('aria-expanded', 'true');
	await expect(list.getByRole('option', { selected: true })).toContainText('Ann Lee');
	await field.press('ArrowDown');
	await expect(list.getByRole('option', { selected: true })).toContainText('Anna Wang');
	await expect(field).toHaveAttribute(
		'aria-activedescendant',
		(await list.getByRole('option', { selected: true }).getAttribute('id'))!
	);
	await field.press('Enter');
	await expect(list).toHaveCount(0);
	await expect(field).toHaveValue('Who covers nights? @Anna Wang ');

	// Escape closes a list and keeps what was typed.
	await field.pressSequentially('cc @An');
	await expect(list).toBeVisible();
	await field.press('Escape');
	await expect(list).toHaveCount(0);
	await expect(field).toHaveValue('Who covers nights? @Anna Wang cc @An');
	// The mouse picks too.
	await field.fill('Who covers nights? @Anna Wang ');
	await expect(list).toHaveCount(0);
	await field.pressSequentially('or @ann l');
	await list.getByRole('option', { name: /Ann Lee/ }).click();
	await expect(field).toHaveValue('Who covers nights? @Anna Wang or @Ann Lee ');
	await expect(field).toBeFocused();

	await panel(ann.page).getByRole('button', { name: 'Comment', exact: true }).click();
	const sent = panel(ann.page).locator('.comment .body');
	await expect(sent).toHaveText('Who covers nights? @Anna Wang or @Ann Lee');
	await expect(sent.locator('.mention')).toHaveText(['@Anna Wang', '@Ann Lee']);

	// Anna is told, live.
	await anna.page.goto('/w');
	const bell = anna.page.getByRole('button', { name: /^Notifications/ });
	await expect(bell).toHaveAccessibleName('Notifications, 1 unread');
	await bell.click();
	await expect(
		anna.page.getByRole('region', { name: 'Notifications' }).getByRole('link', {
			name: /Ann Lee mentioned you in a comment in “Major incident framework”/
		})
	).toBeVisible();
});
