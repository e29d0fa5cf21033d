import { expect, test } from '@playwright/test';

test('a signed-out visitor sees what Opsloom does, with a picture of each part', async ({
	page
}) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Create an account' })).toBeVisible();

	for (const name of [
		'Service framework documents',
		'Service process flowcharts',
		'Review meetings',
		'One task list'
	]) {
		const part = page.getByRole('region', { name });
		const picture = part.getByRole('img');
		// Lazy pictures load once they are near the screen, as they would for a reader.
		await picture.scrollIntoViewIfNeeded();
		await expect(picture).toHaveAttribute('alt', /.{20,}/);
		await expect
			.poll(() =>
				picture.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))
			)
			.toBeGreaterThan(0);
	}
	// Nothing is wider than a phone's screen.
	await page.setViewportSize({ width: 390, height: 844 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
