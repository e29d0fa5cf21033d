import fs from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { createTeamWorkspace, signUp } from './steps';

const cardOn = (page: Page, text: string) => page.locator('[data-card-id]', { hasText: text });
const groupOn = (page: Page, text: string) => page.locator('[data-group-id]', { hasText: text });
const currentPhase = (page: Page) =>
	page.getByRole('navigation', { name: 'Meeting phases' }).locator('[aria-current="step"]');

async function openBoard(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
	await expect(page.getByText('Loading the board…')).toBeHidden();
}

async function writeCard(page: Page, column: string, text: string): Promise<void> {
	await page.getByLabel(`New card for ${column}`).fill(text);
	await page.getByRole('button', { name: `Add card to ${column}` }).click();
	await expect(page.getByRole('list', { name: `Your cards in ${column}` })).toContainText(text);
}

const othersIn = (page: Page, column: string) =>
	page
		.locator('.retro-column', { has: page.getByRole('heading', { name: column }) })
		.getByTestId('others-count');

test('two people run a whole retrospective: private cards, grouping, votes, notes and actions', async ({
	browser
}) => {
	const alice = await signUp(browser, 'Alice');
	const bob = await signUp(browser, 'Bob');
	const workspaceUrl = await createTeamWorkspace(alice.page, 'Support Team', bob.email, 'Bob');

	// Alice creates a named board from a template, with two votes per person.
	await alice.page.getByLabel('Kind').selectOption('retro');
	await alice.page.getByLabel('Title').fill('Week 48 review');
	await alice.page.getByLabel('Template').selectOption('mad-sad-glad');
	await alice.page.getByLabel('Votes per person').fill('2');
	await alice.page.getByLabel('Votes per card').fill('2');
	await alice.page.getByRole('button', { name: 'Create document' }).click();
	await expect(alice.page.getByRole('heading', { name: 'Week 48 review' })).toBeVisible();
	const boardUrl = alice.page.url();

	await openBoard(alice.page, boardUrl);
	await openBoard(bob.page, boardUrl);
	await expect(currentPhase(bob.page)).toHaveText(/Review/);
	await expect(bob.page.getByText('No open actions from earlier retros')).toBeVisible();
	await expect(bob.page.getByText('Facilitator: Alice')).toBeVisible();
	// Each sees the other, and who is ready.
	await expect(alice.page.getByRole('list', { name: 'People at this meeting' })).toContainText(
		'Bob'
	);
	await bob.page.getByRole('button', { name: 'I’m ready' }).click();
	await expect(alice.page.getByText('1 of 2 ready')).toBeVisible();
	// Only the facilitator moves the meeting on.
	await expect(bob.page.getByRole('button', { name: /^Next:/ })).toHaveCount(0);

	// Reflect: everyone writes privately; the others see only how many cards there are.
	await alice.page.getByRole('button', { name: 'Next: Reflect' }).click();
	await expect(currentPhase(bob.page)).toHaveText(/Reflect/);
	await expect(alice.page.getByText('0 of 2 ready')).toBeVisible();
	await writeCard(alice.page, 'Mad', 'Pager woke three people for one alert');
	await writeCard(alice.page, 'Sad', 'Hand-offs lose the customer context');
	await writeCard(bob.page, 'Mad', 'Pager alerts go to everyone');
	await writeCard(bob.page, 'Glad', 'New runbook saved an hour');
	await expect(othersIn(alice.page, 'Mad')).toHaveText('1 card from others');
	await expect(othersIn(alice.page, 'Glad')).toHaveText('1 card from others');
	await expect(othersIn(alice.page, 'Sad')).toHaveText('No cards from others yet');
	await expect(othersIn(bob.page, 'Sad')).toHaveText('1 card from others');
	await expect(alice.page.getByText('Pager alerts go to everyone')).toHaveCount(0);
	await expect(bob.page.getByText('Hand-offs lose the customer context')).toHaveCount(0);

	// Group: every card is revealed, with its author on a named board.
	await alice.page.getByRole('button', { name: 'Next: Group' }).click();
	await expect(cardOn(bob.page, 'Hand-offs lose the customer context')).toBeVisible();
	await expect(cardOn(alice.page, 'New runbook saved an hour')).toContainText('Bob');
	await expect(bob.page.locator('[data-card-id]')).toHaveCount(4);

	// Bob drags his card onto Alice's: both see one group holding the two.
	await cardOn(bob.page, 'Pager alerts go to everyone').dragTo(
		cardOn(bob.page, 'Pager woke three people for one alert')
	);
	const paging = groupOn(alice.page, 'Pager alerts go to everyone');
	await expect(paging).toContainText('Pager woke three people for one alert');
	await paging.getByLabel('Group name').fill('Noisy paging');
	await paging.getByLabel('Group name').press('Enter');
	await expect(
		groupOn(bob.page, 'Pager alerts go to everyone').getByLabel('Group name')
	).toHaveValue('Noisy paging');

	// Without a mouse: "Group…" groups a card with another, and takes it out again.
	const runbook = cardOn(alice.page, 'New runbook saved an hour');
	await runbook.getByRole('button', { name: 'Group…' }).click();
	await runbook
		.getByLabel('Group with')
		.selectOption({ label: 'Sad: Hand-offs lose the customer context' });
	await runbook.getByRole('button', { name: 'Group', exact: true }).click();
	await expect(bob.page.locator('[data-group-id]')).toHaveCount(2);
	await cardOn(alice.page, 'New runbook saved an hour')
		.getByRole('button', { name: 'Group…' })
		.click();
	await cardOn(alice.page, 'New runbook saved an hour')
		.getByRole('button', { name: 'Take out of group' })
		.click();
	await expect(groupOn(bob.page, 'New runbook saved an hour')).toHaveCount(0);
	await expect(cardOn(bob.page, 'New runbook saved an hour')).toBeVisible();

	// On a named board Bob corrects his own card while grouping; Alice cannot edit it.
	await expect(
		cardOn(alice.page, 'New runbook saved an hour').getByRole('button', { name: 'Edit' })
	).toHaveCount(0);
	await cardOn(bob.page, 'New runbook saved an hour').getByRole('button', { name: 'Edit' }).click();
	const correction = bob.page.getByLabel('Text of your card');
	await expect(correction).toHaveValue('New runbook saved an hour');
	await correction.fill('New runbook saved an hour per incident');
	await bob.page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(cardOn(alice.page, 'New runbook saved an hour per incident')).toBeVisible();

	// Vote: two votes each; the server refuses a third and says why.
	await alice.page.getByRole('button', { name: 'Next: Vote' }).click();
	await expect(currentPhase(bob.page)).toHaveText(/Vote/);
	const voteForPaging = alice.page.getByRole('button', { name: 'Vote for Noisy paging' });
	await voteForPaging.click();
	await expect(alice.page.getByText('1 vote left of 2')).toBeVisible();
	await voteForPaging.click();
	await expect(alice.page.getByText('0 votes left of 2')).toBeVisible();
	await voteForPaging.click();
	await expect(alice.page.getByRole('alert')).toContainText('You have used all 2 of your votes');
	await bob.page
		.getByRole('button', { name: 'Vote for Hand-offs lose the customer context' })
		.click();
	await expect(bob.page.getByText('1 vote left of 2')).toBeVisible();
	await expect(groupOn(bob.page, 'Noisy paging').locator('.tally').first()).toHaveText('2 votes');

	// Discuss: topics in vote order, starting with the most voted one.
	await alice.page.getByRole('button', { name: 'Next: Discuss' }).click();
	const agenda = bob.page.getByRole('navigation', { name: 'Topics by votes' });
	await expect(agenda.getByRole('button').first()).toContainText('Noisy paging');
	await expect(agenda.getByRole('button').nth(1)).toContainText(
		'Hand-offs lose the customer context'
	);
	await expect(bob.page.getByRole('heading', { level: 2, name: 'Noisy paging' })).toBeVisible();
	await expect(bob.page.getByText('discussing now')).toBeVisible();
	// The facilitator moves on; Bob's view follows.
	await alice.page.getByRole('button', { name: 'Next topic →' }).click();
	const handOffs = /Hand-offs lose the customer context/;
	await expect(bob.page.getByRole('heading', { level: 2, name: handOffs })).toBeVisible();
	// Bob may look back on his own, and find his way to where the meeting is.
	await agenda.getByRole('button', { name: /Noisy paging/ }).click();
	await expect(bob.page.getByRole('heading', { level: 2, name: 'Noisy paging' })).toBeVisible();
	await bob.page.getByRole('button', { name: 'Go there' }).click();
	await expect(bob.page.getByRole('heading', { level: 2, name: handOffs })).toBeVisible();

	await bob.page.getByLabel('Notes').fill('Write the caller’s context into the ticket.');
	await expect(alice.page.getByLabel('Notes')).toHaveValue(
		'Write the caller’s context into the ticket.'
	);
	await alice.page.getByLabel('Notes').press('Control+End');
	await alice.page.getByLabel('Notes').pressSequentially(' Try it for a week.');
	await expect(bob.page.getByLabel('Notes')).toHaveValue(
		'Write the caller’s context into the ticket. Try it for a week.'
	);

	const topicActions = alice.page.getByRole('region', { name: 'Actions', exact: true });
	await topicActions.getByLabel('New action').fill('Agree a hand-off checklist');
	await topicActions.getByLabel('Owner').selectOption({ label: 'Bob' });
	await topicActions.getByLabel('Due date').fill('2026-12-04');
	await topicActions.getByRole('button', { name: 'Add action' }).click();
	const bobsView = bob.page.getByRole('region', { name: 'Actions', exact: true });
	const owner = bobsView.getByLabel('Owner of Agree a hand-off checklist');
	await expect(owner.locator('option:checked')).toHaveText('Bob');
	await expect(bobsView.getByLabel('Due date of Agree a hand-off checklist')).toHaveValue(
		'2026-12-04'
	);

	// The action is a task in the workspace's list, assigned to Bob.
	const tasks = await bob.page.context().newPage();
	await tasks.goto(`${workspaceUrl}/tasks`);
	const row = tasks.locator('tbody tr', { hasText: 'Agree a hand-off checklist' });
	await expect(row).toBeVisible();
	await expect(
		row.getByRole('combobox', { name: /^Assignee of/ }).locator('option:checked')
	).toHaveText('Bob');
	await expect(row.getByRole('link', { name: 'Week 48 review' })).toBeVisible();
	await tasks.close();

	// The Markdown summary holds the group, its votes and notes, and the action.
	const [download] = await Promise.all([
		alice.page.waitForEvent('download'),
		alice.page.getByRole('link', { name: 'Download summary' }).click()
	]);
	const summary = await fs.readFile(await download.path(), 'utf8');
	expect(summary).toContain('# Week 48 review');
	expect(summary).toContain('### Noisy paging (2 votes)');
	expect(summary).toContain('### Hand-offs lose the customer context (1 vote)');
	expect(summary).toContain('Write the caller’s context into the ticket.');
	expect(summary).toContain(
		'- [ ] Agree a hand-off checklist, owner: Bob, due 2026-12-04 (from "Hand-offs lose the customer context")'
	);

	await alice.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
	await alice.page.getByRole('button', { name: 'Copy summary' }).click();
	await expect(alice.page.getByText('Copied', { exact: true })).toBeVisible();
	const copied = await alice.page.evaluate(() => navigator.clipboard.readText());
	expect(copied).toContain('### Noisy paging (2 votes)');
	expect(copied).toContain('Agree a hand-off checklist, owner: Bob');

	// Notes typed while the connection is down are not lost by following a link away.
	await bob.page.context().setOffline(true);
	await expect(bob.page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
	await bob.page.getByLabel('Notes').press('Control+End');
	await bob.page.getByLabel('Notes').pressSequentially(' Check in Friday.');
	await expect(bob.page.getByText('Not saved yet')).toBeVisible();
	let asked = '';
	bob.page.once('dialog', (dialog) => {
		asked = dialog.message();
		void dialog.dismiss();
	});
	await bob.page.getByRole('link', { name: 'Tasks', exact: true }).click();
	await expect.poll(() => asked).toContain('not saved yet');
	await expect(bob.page.getByLabel('Notes')).toHaveValue(/Check in Friday\.$/);
	await bob.page.context().setOffline(false);
	await expect(alice.page.getByLabel('Notes')).toHaveValue(
		/Try it for a week\. Check in Friday\.$/
	);
	await expect(bob.page.getByText('All changes saved')).toBeVisible();
});

test('the next retro reviews the open actions of the last one, on an anonymous board', async ({
	browser
}) => {
	const alice = await signUp(browser, 'Alice');
	const bob = await signUp(browser, 'Bob');
	const workspaceUrl = await createTeamWorkspace(alice.page, 'Field Service', bob.email, 'Bob');

	async function createRetro(title: string, anonymous: boolean): Promise<string> {
		await alice.page.goto(workspaceUrl);
		await alice.page.getByLabel('Kind').selectOption('retro');
		await alice.page.getByLabel('Title').fill(title);
		if (anonymous) await alice.page.getByLabel('Anonymous cards').check();
		await alice.page.getByRole('button', { name: 'Create document' }).click();
		await expect(alice.page.getByRole('heading', { name: title })).toBeVisible();
		return alice.page.url();
	}

	// A first, short meeting: one card, straight to discussion, one action for Alice.
	const firstUrl = await createRetro('Sprint 1', false);
	await openBoard(alice.page, firstUrl);
	await alice.page.getByRole('button', { name: 'Next: Reflect' }).click();
	await writeCard(alice.page, 'Stop', 'Certificates expire unnoticed');
	// The facilitator may skip ahead.
	await alice.page
		.getByRole('navigation', { name: 'Meeting phases' })
		.getByRole('button', { name: 'Discuss' })
		.click();
	await expect(currentPhase(alice.page)).toHaveText(/Discuss/);
	const actions = alice.page.getByRole('region', { name: 'Actions', exact: true });
	await actions.getByLabel('New action').fill('Renew the certificate');
	await actions.getByLabel('Owner').selectOption({ label: 'Alice' });
	await actions.getByRole('button', { name: 'Add action' }).click();
	await expect(actions.getByLabel('Title of action Renew the certificate')).toBeVisible();

	// The next meeting starts by reviewing it; the task waits to be listed first.
	await expect(async () => {
		await alice.page.goto(`${workspaceUrl}/tasks`);
		await expect(alice.page.locator('tbody tr', { hasText: 'Renew the certificate' })).toBeVisible({
			timeout: 1000
		});
	}).toPass();
	const secondUrl = await createRetro('Sprint 2', true);
	await openBoard(alice.page, secondUrl);
	await openBoard(bob.page, secondUrl);
	await expect(bob.page.getByText('Anonymous', { exact: true })).toBeVisible();
	const review = bob.page.getByRole('group', { name: 'Outcome of Renew the certificate' });
	await review.getByRole('button', { name: 'Done' }).click();
	await expect(
		alice.page
			.getByRole('group', { name: 'Outcome of Renew the certificate' })
			.getByRole('button', { name: 'Done' })
	).toHaveAttribute('aria-pressed', 'true');
	await expect(alice.page.getByText('1 of 1 reviewed')).toBeVisible();

	// A timer everyone sees.
	await alice.page.getByLabel('Timer length').selectOption('2');
	await alice.page.getByRole('button', { name: 'Start timer' }).click();
	await expect(bob.page.getByRole('timer', { name: 'Time left in this phase' })).toHaveText(
		/^[12]:\d\d$/
	);
	await alice.page.getByRole('button', { name: 'Stop timer' }).click();
	await expect(bob.page.getByRole('timer')).toHaveCount(0);

	// Anonymous: revealed cards carry no author.
	await alice.page.getByRole('button', { name: 'Next: Reflect' }).click();
	await writeCard(bob.page, 'Start', 'Calendar reminders for renewals');
	await alice.page.getByRole('button', { name: 'Next: Group' }).click();
	const card = cardOn(alice.page, 'Calendar reminders for renewals');
	await expect(card).toBeVisible();
	await expect(card).not.toContainText('Bob');
	await expect(card.locator('.card-author')).toHaveCount(0);

	// Bob becomes a viewer: his open board says so, and after a reload he sees it without controls.
	const members = await alice.page.context().newPage();
	await members.goto(`${workspaceUrl}/members`);
	await members.getByRole('combobox', { name: 'Role for Bob' }).selectOption('viewer');
	await members.getByRole('button', { name: 'Save role for Bob' }).click();
	await expect(members.getByText('Bob is now viewer.')).toBeVisible();
	await members.close();
	await expect(bob.page.getByRole('alert')).toContainText('Your access to this document changed');
	await openBoard(bob.page, secondUrl);
	await expect(bob.page.getByText('View only')).toBeVisible();
	await expect(cardOn(bob.page, 'Calendar reminders for renewals')).toBeVisible();
	await expect(bob.page.getByRole('button', { name: 'Group…' })).toHaveCount(0);
	await expect(bob.page.getByRole('button', { name: 'I’m ready' })).toHaveCount(0);

	// The reviewed action is done in the task list too.
	await alice.page.goto(`${workspaceUrl}/tasks?status=done`);
	const row = alice.page.locator('tbody tr', { hasText: 'Renew the certificate' });
	await expect(row.getByRole('combobox', { name: /^Status of/ })).toHaveValue('done');
});
