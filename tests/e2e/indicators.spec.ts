import { expect, test, type Page } from '@playwright/test';
import { createWorkspace, signUp } from './steps';

/** Pastes `text` into `input` as a spreadsheet's clipboard would. */
async function pasteInto(page: Page, label: string, text: string) {
	await page.getByLabel(label, { exact: true }).evaluate((input, clipboard) => {
		const data = new DataTransfer();
		data.setData('text/plain', clipboard);
		input.dispatchEvent(
			new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
		);
	}, text);
}

test('a month of values pasted into the grid shows a signal, which goes to the review meeting with its chart', async ({
	browser
}) => {
	test.setTimeout(300_000);
	const { page } = await signUp(browser, 'Ada');
	const workspaceUrl = await createWorkspace(page, 'Service desk');
	const workspace = new URL(workspaceUrl).pathname;

	// The review meeting the signal will go to.
	await page.getByLabel('Kind').selectOption('retro');
	await page.getByLabel('Title').fill('Week 48 review');
	await page.getByRole('button', { name: 'Create document' }).click();
	await expect(page.getByRole('heading', { name: 'Week 48 review' })).toBeVisible();

	// Define the indicator.
	await page.goto(`${workspace}/indicators`);
	await page.getByLabel('Name', { exact: true }).fill('First-call resolution');
	await page.getByLabel('Unit').fill('%');
	await page.getByLabel('Frequency').selectOption('daily');
	await page.getByLabel('Target', { exact: true }).fill('85');
	await page.getByRole('button', { name: 'Define indicator' }).click();
	await expect(page.getByRole('heading', { name: 'First-call resolution' })).toBeVisible();
	const indicatorPath = new URL(page.url()).pathname;

	// Paste November, copied from a spreadsheet column: noise around 90, then a bad last day.
	const november = [
		90, 92, 88, 91, 89, 93, 90, 87, 91, 89, 92, 90, 91, 88, 90, 92, 89, 91, 90, 88, 92, 90, 89, 91,
		90, 88, 92, 91, 89, 60
	];
	await page.getByLabel('Periods from').fill('2026-11-01');
	await expect(page.getByLabel('Value 2026-11-01', { exact: true })).toBeVisible();
	await pasteInto(page, 'Value 2026-11-01', november.join('\n'));
	await expect(page.getByLabel('Value 2026-11-30', { exact: true })).toHaveValue('60');
	await page.getByRole('button', { name: 'Save values' }).click();

	// The chart flags the last day and says why; the rest is ordinary variation.
	await expect(page.getByTestId('signals')).toContainText(
		'Signals: a point outside the limits (2026-11-30–2026-11-30)'
	);
	const chart = page.getByRole('img', { name: /First-call resolution/ });
	await expect(chart.locator('.signal-ring')).toHaveCount(1);

	// Send it to the review meeting.
	await page.getByLabel('Review board').selectOption({ label: 'Week 48 review' });
	await page.getByRole('button', { name: 'Add to review meeting' }).click();
	await expect(page.getByText('Added as a topic to “Week 48 review”.')).toBeVisible();
	await page.getByRole('link', { name: 'Open the board' }).click();

	// Topics show once the cards are revealed: the facilitator moves on to grouping.
	await page
		.getByRole('navigation', { name: 'Meeting phases' })
		.getByRole('button', { name: 'Group' })
		.click();
	const topic = page.locator('[data-card-id]', { hasText: 'First-call resolution: 60%' });
	await expect(topic).toBeVisible();
	await expect(topic).toContainText('a point outside the limits');
	const picture = topic.locator('img.card-image');
	await expect(picture).toHaveAttribute('src', /\/api\/v1\/indicator-charts\//);
	// The chart picture loads: a real PNG of the chart as it was sent.
	await expect
		.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
		.toBeGreaterThan(100);

	// Propose an improvement from the indicator: the suggestion is linked to it.
	await page.goBack();
	await page.getByRole('link', { name: 'Propose an improvement' }).click();
	await expect(page.getByText('linked to the indicator “First-call resolution”')).toBeVisible();
	await page.getByLabel('Title').fill('Call back within the hour');
	await page.getByLabel('Current situation').fill('Resolution fell to 60 % on 30 November.');
	await page.getByLabel('Proposal').fill('A second-line call-back rota.');
	await page.getByLabel('Expected benefit').fill('Fewer repeat calls.');
	await page.getByRole('button', { name: 'Propose' }).click();
	await expect(page.getByRole('heading', { name: 'Call back within the hour' })).toBeVisible();
	await page.goto(indicatorPath);
	await expect(page.getByText('Call back within the hour')).toBeVisible();
	await page.context().close();
});
