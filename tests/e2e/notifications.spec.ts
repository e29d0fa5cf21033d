import { expect, test, type Page } from '@playwright/test';
import { addDays, defaultTimeZone, todayIn } from '../../src/lib/model/dates';
import { createSharedDocument, editorOf, signUp } from './steps';

const bell = (page: Page) => page.getByRole('button', { name: /^Notifications/ });

test('Alice @mentions Bob: his bell counts it live and the entry opens the highlighted item', async ({
	browser
}) => {
	const alice = await signUp(browser, 'Alice');
	const bob = await signUp(browser, 'Bob');
	const { documentUrl } = await createSharedDocument(
		alice.page,
		'Night Ops',
		'Handover framework',
		bob.email,
		'Bob'
	);

	// Bob is elsewhere in the app, with nothing unread.
	await bob.page.goto('/w');
	await expect(bell(bob.page)).toHaveAccessibleName('Notifications');

	await alice.page.goto(documentUrl);
	await expect(alice.page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
	await editorOf(alice.page).click();
	await alice.page.keyboard.type('[ ] Hand over the pager ');
	await alice.page.keyboard.type('@Bo');
	const popup = alice.page.getByRole('listbox', { name: 'Mention a member' });
	await expect(popup.getByRole('option', { name: 'Bob' })).toBeVisible();
	await alice.page.keyboard.press('Enter');
	await alice.page.keyboard.type(' before 7');

	// Without a reload: the mention, and the assignment the mention makes.
	await expect(bell(bob.page)).toHaveAccessibleName('Notifications, 2 unread');
	await expect(bob.page.getByTestId('unread-count')).toHaveText('2');
	await bell(bob.page).click();
	const panel = bob.page.getByRole('region', { name: 'Notifications' });
	const mention = panel.getByRole('link', {
		name: /Alice mentioned you in “Handover framework” in Night Ops\./
	});
	await expect(mention).toBeVisible();
	await expect(
		panel.getByRole('link', { name: /Alice assigned “Hand over the pager @Bob/ })
	).toBeVisible();

	await mention.click();
	await expect(bob.page).toHaveURL(/\/d\/[^/]+#action-/);
	const highlighted = editorOf(bob.page).locator('li.action-highlight');
	await expect(highlighted).toContainText('Hand over the pager @Bob');
	await expect(bell(bob.page)).toHaveAccessibleName('Notifications, 1 unread');

	// Alice is not told about her own mention.
	await expect(bell(alice.page)).toHaveAccessibleName('Notifications');
});

test('a task due tomorrow brings a "due tomorrow" notification when the sweep runs', async ({
	browser
}) => {
	const alice = await signUp(browser, 'Alice');
	const bob = await signUp(browser, 'Bob');
	const { workspaceUrl } = await createSharedDocument(
		alice.page,
		'Depot',
		'Depot framework',
		bob.email,
		'Bob'
	);
	const workspaceId = workspaceUrl.split('/w/')[1];
	const members = await alice.page.request.get(`/api/v1/workspaces/${workspaceId}/members`);
	const bobId = (
		(await members.json()) as { members: { userId: string; name: string }[] }
	).members.find((m) => m.name === 'Bob')!.userId;

	await bob.page.goto(workspaceUrl);
	// The server runs on this machine: its zone is the workspace's default.
	const tomorrow = addDays(todayIn(defaultTimeZone()), 1);
	const created = await alice.page.request.post(`/api/v1/workspaces/${workspaceId}/tasks`, {
		data: { title: 'Service the forklift', assigneeId: bobId, dueDate: tomorrow }
	});
	expect(created.status()).toBe(201);
	// The day as an English reader sees it ("Dec 2, 2026"), whatever the server's zone.
	const tomorrowShown = new Intl.DateTimeFormat('en', {
		year: 'numeric',
		month: 'short',
		day: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(`${tomorrow}T00:00:00Z`));

	await expect(bell(bob.page)).toHaveAccessibleName('Notifications, 2 unread');
	await bell(bob.page).click();
	const panel = bob.page.getByRole('region', { name: 'Notifications' });
	await expect(
		panel.getByRole('link', {
			name: new RegExp(`Your task “Service the forklift” is due tomorrow \\(${tomorrowShown}\\)`)
		})
	).toBeVisible();
	await panel.getByRole('button', { name: 'Mark all read' }).click();
	await expect(bell(bob.page)).toHaveAccessibleName('Notifications');
});
