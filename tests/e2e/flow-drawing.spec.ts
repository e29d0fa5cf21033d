import fs from 'node:fs/promises';
import zlib from 'node:zlib';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { createFlow, createWorkspace, signUp } from './steps';

/** Drawing a flow as quickly as in draw.io: placing, typing, connecting, the "+" arrows, menus. */

const shapes = (page: Page) => page.locator('.svelte-flow__node');
const arrows = (page: Page) => page.locator('.svelte-flow__edge:not(.attachment-edge)');
const shapeOn = (page: Page, text: string) => page.locator('.svelte-flow__node', { hasText: text });
const propertiesOf = (page: Page) => page.getByRole('complementary', { name: 'Properties' });

async function box(locator: Locator) {
	const found = await locator.boundingBox();
	if (!found) throw new Error('not on screen');
	return found;
}

const centreOf = (b: { x: number; y: number; width: number; height: number }) => ({
	x: b.x + b.width / 2,
	y: b.y + b.height / 2
});

/** Adds a shape from the palette and types its label on the canvas, as someone would. */
async function place(page: Page, kind: string, label: string): Promise<void> {
	const before = await shapes(page).count();
	await page.getByRole('button', { name: `Add ${kind}`, exact: true }).click();
	const field = page.getByRole('textbox', { name: `Label of ${kind}` });
	await expect(field).toBeFocused();
	await page.keyboard.type(label);
	await page.keyboard.press('Enter');
	await expect(field).toHaveCount(0);
	await expect(shapeOn(page, label)).toBeVisible();
	await expect(shapes(page)).toHaveCount(before + 1);
}

test('a palette click puts one shape in the lane in view with its label being typed; spaces and Enter do not press the palette again', async ({
	browser
}) => {
	const { page } = await signUp(browser, 'Mei');
	await createWorkspace(page, 'Care Team');
	await createFlow(page, 'Callbacks', 'cross-team');
	await expect(shapeOn(page, 'Triage')).toBeVisible();
	const before = await shapes(page).count();

	await page.getByRole('button', { name: 'Add Process step', exact: true }).click();
	const field = page.getByRole('textbox', { name: 'Label of Process step' });
	await expect(field).toBeFocused();
	await expect(shapes(page)).toHaveCount(before + 1);
	await page.keyboard.type('客户 回访 call');
	await expect(shapes(page)).toHaveCount(before + 1);
	await page.keyboard.press('Enter');
	await expect(field).toHaveCount(0);
	const added = shapeOn(page, '客户 回访 call');
	await expect(added).toHaveCount(1);
	await expect(shapes(page)).toHaveCount(before + 1);
	await expect(propertiesOf(page).getByRole('textbox', { name: 'Label', exact: true })).toHaveValue(
		'客户 回访 call'
	);
	// Focus went to the shape, not back to the palette: another Space adds nothing,
	// and it does not scroll the page either (Chromium scrolls it smoothly, for a
	// moment after the key: the canvas slid away under the pointer).
	const scrolled = () => page.evaluate(() => window.scrollY);
	const scrollBefore = await scrolled();
	await page.keyboard.press('Space');
	await expect(shapes(page)).toHaveCount(before + 1);
	await page.waitForTimeout(400);
	expect(await scrolled()).toBe(scrollBefore);

	// In the visible canvas, inside one lane, covering no other shape: every box
	// read at the same moment, so nothing moving meanwhile can fake an overlap.
	const boxes = await shapes(page).evaluateAll((els) =>
		els.map((el) => {
			const r = el.getBoundingClientRect();
			return { text: el.textContent ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
		})
	);
	const placed = boxes.find((b) => b.text.includes('客户 回访 call'))!;
	const middle = centreOf(placed);
	const pane = await box(page.locator('.svelte-flow__pane'));
	expect(middle.x).toBeGreaterThan(pane.x);
	expect(middle.x).toBeLessThan(pane.x + pane.width);
	expect(middle.y).toBeGreaterThan(pane.y);
	expect(middle.y).toBeLessThan(pane.y + pane.height);
	for (const b of boxes) {
		if (b === placed) continue;
		const apart =
			b.x + b.width <= placed.x ||
			placed.x + placed.width <= b.x ||
			b.y + b.height <= placed.y ||
			placed.y + placed.height <= b.y;
		expect(apart, `"${b.text}" is clear of the placed shape`).toBe(true);
	}

	// Tab ends one label and goes on to type the next shape's.
	await page.keyboard.press('Enter');
	await expect(page.getByRole('textbox', { name: /^Label of / })).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(page.getByRole('textbox', { name: /^Label of / })).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(page.getByRole('textbox', { name: /^Label of / })).toHaveCount(0);
	await expect(shapeOn(page, '客户 回访 call')).toHaveCount(1);
});

test('a palette click puts the shape inside the lane in view', async ({ browser }) => {
	const { page } = await signUp(browser, 'Mei');
	await createWorkspace(page, 'Care Team');
	await createFlow(page, 'Callbacks', 'cross-team');
	await expect(shapeOn(page, 'Triage')).toBeVisible();
	await page.getByRole('button', { name: 'Add Process step', exact: true }).click();
	await page.keyboard.type('Call back');
	await page.keyboard.press('Enter');
	const placed = await box(shapeOn(page, 'Call back'));
	const lanes = await page.locator('.lane-header').evaluateAll((els) =>
		els.map((el) => {
			const r = el.getBoundingClientRect();
			return { top: r.top, bottom: r.bottom };
		})
	);
	const inLanes = lanes.filter(
		(l) => placed.y >= l.top - 1 && placed.y + placed.height <= l.bottom + 1
	);
	expect(inLanes).toHaveLength(1);
});

test('an arrow dropped on a shape body connects, "+" adds the next connected step, and a drop on empty canvas offers a new shape', async ({
	browser
}) => {
	const { page } = await signUp(browser, 'Omar');
	await createWorkspace(page, 'Field Service');
	await createFlow(page, 'Repairs');
	await place(page, 'Start', 'Call logged');
	await place(page, 'Process step', 'Diagnose');

	// From the right side of "Call logged" to the middle of "Diagnose" — not onto a handle.
	const from = shapeOn(page, 'Call logged');
	await from.hover();
	const handle = await box(from.locator('.svelte-flow__handle[data-handleid="right"]'));
	const target = centreOf(await box(shapeOn(page, 'Diagnose')));
	await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
	await page.mouse.down();
	await page.mouse.move(target.x, target.y, { steps: 15 });
	await page.mouse.up();
	await expect(arrows(page)).toHaveCount(1);
	await expect(propertiesOf(page).getByText('Call logged → Diagnose')).toBeVisible();

	// "+" on the selected "Diagnose": the next step, connected, its label being typed.
	await shapeOn(page, 'Diagnose').click();
	await page.getByRole('button', { name: 'Add the next step to the right' }).click();
	await expect(page.getByRole('textbox', { name: 'Label of Process step' })).toBeFocused();
	await page.keyboard.type('Repair');
	await page.keyboard.press('Enter');
	await expect(shapes(page)).toHaveCount(3);
	await expect(arrows(page)).toHaveCount(2);
	const idOf = (label: string) => shapeOn(page, label).getAttribute('data-id');
	await expect(
		page.locator(
			`.svelte-flow__edge[aria-label="Edge from ${await idOf('Diagnose')} to ${await idOf('Repair')}"]`
		)
	).toHaveCount(1);
	const repair = await box(shapeOn(page, 'Repair'));
	const diagnose = await box(shapeOn(page, 'Diagnose'));
	expect(repair.x).toBeGreaterThan(diagnose.x + diagnose.width);

	// Let go over empty canvas: a small picker makes a connected shape there.
	const repairShape = shapeOn(page, 'Repair');
	await repairShape.hover();
	const bottom = await box(repairShape.locator('.svelte-flow__handle[data-handleid="bottom"]'));
	await page.mouse.move(bottom.x + bottom.width / 2, bottom.y + bottom.height / 2);
	await page.mouse.down();
	await page.mouse.move(bottom.x + 10, bottom.y + 170, { steps: 15 });
	await page.mouse.up();
	const picker = page.getByRole('menu', { name: 'New shape connected here' });
	await expect(picker).toBeVisible();
	await picker.getByRole('menuitem', { name: 'End' }).click();
	await expect(page.getByRole('textbox', { name: 'Label of End' })).toBeFocused();
	await page.keyboard.type('Closed');
	await page.keyboard.press('Enter');
	await expect(shapes(page)).toHaveCount(4);
	await expect(arrows(page)).toHaveCount(3);

	// Escape closes the picker without adding anything.
	await repairShape.hover();
	await page.mouse.move(bottom.x + bottom.width / 2, bottom.y + bottom.height / 2);
	await page.mouse.down();
	await page.mouse.move(bottom.x - 200, bottom.y + 170, { steps: 15 });
	await page.mouse.up();
	await expect(picker).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(picker).toHaveCount(0);
	await expect(shapes(page)).toHaveCount(4);
});

test('the lane menu and the export menu close on Escape and on a click outside', async ({
	browser
}) => {
	const { page } = await signUp(browser, 'Lin');
	await createWorkspace(page, 'Desk');
	await createFlow(page, 'Tickets', 'cross-team');
	const lane = await page.locator('.lane-header').first().getAttribute('aria-label');
	const title = lane!.replace(/^Lane /, '');
	const options = page.getByRole('button', { name: `Lane options for ${title}` });
	const menu = page.getByRole('menu');

	await options.click();
	await expect(menu).toBeVisible();
	// Not clipped by the narrow lane column: the whole menu is on screen and clickable.
	const column = await box(page.locator('.lane-column'));
	const menuBox = await box(menu);
	expect(menuBox.x + menuBox.width).toBeGreaterThan(column.x + column.width);
	await expect(menu.getByRole('menuitem', { name: 'Move down' })).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(menu).toHaveCount(0);
	await expect(options).toBeFocused();

	await options.click();
	await expect(menu).toBeVisible();
	await page.locator('.svelte-flow__pane').click({ position: { x: 300, y: 40 } });
	await expect(menu).toHaveCount(0);

	await page.getByRole('button', { name: 'Export' }).click();
	await expect(menu).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(menu).toHaveCount(0);
	await page.getByRole('button', { name: 'Export' }).click();
	await page.getByRole('heading', { name: 'Tickets' }).click();
	await expect(menu).toHaveCount(0);
});

const overlapping = (
	a: { x: number; y: number; width: number; height: number },
	b: { x: number; y: number; width: number; height: number }
) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('the overview map is off on a small flow, opens on request beside the canvas, and a press on it moves the view', async ({
	browser
}) => {
	const { page } = await signUp(browser, 'Ana');
	await createWorkspace(page, 'Ops');
	await createFlow(page, 'Map', 'cross-team');
	await expect(shapeOn(page, 'Triage')).toBeVisible();
	await expect(page.locator('.svelte-flow__minimap')).toHaveCount(0);
	await page.getByRole('button', { name: 'Show the overview map' }).click();
	const map = page.locator('.svelte-flow__minimap');
	await expect(map).toBeVisible();
	const pane = await box(page.locator('.svelte-flow__pane'));
	expect(overlapping(await box(map), pane)).toBe(false);

	// A press on the map's corner centres the view there: "Triage" moves on screen.
	const triage = await box(shapeOn(page, 'Triage'));
	const mapBox = await box(map.locator('svg'));
	await page.mouse.click(mapBox.x + 10, mapBox.y + 10);
	await expect.poll(async () => (await box(shapeOn(page, 'Triage'))).x).not.toBe(triage.x);
	await page.getByRole('button', { name: 'Hide the overview map' }).click();
	await expect(map).toHaveCount(0);
});

/** A Mermaid flowchart of `count` steps in lanes of 20, each step leading to the next. */
function largeMermaid(count: number): string {
	const lines = ['flowchart LR'];
	for (let lane = 0; lane * 20 < count; lane++) {
		lines.push(`  subgraph team${lane}["Team ${lane + 1}"]`);
		for (let i = lane * 20; i < Math.min(count, (lane + 1) * 20); i++) {
			lines.push(`    s${i}["Step ${i + 1}"]`);
		}
		lines.push('  end');
	}
	for (let i = 1; i < count; i++) lines.push(`  s${i - 1} --> s${i}`);
	return lines.join('\n');
}

test('at 1280 × 800 the overview map of a large flow covers no shape, however the canvas is panned', async ({
	browser
}) => {
	const { page } = await signUp(browser, 'Ana');
	await page.setViewportSize({ width: 1280, height: 800 });
	await createWorkspace(page, 'Ops');
	await createFlow(page, 'Big map');
	const mermaid = page.getByRole('dialog', { name: 'Mermaid' });
	await page.getByRole('button', { name: 'Export' }).click();
	await page.getByRole('menuitem', { name: 'Mermaid…' }).click();
	await mermaid.getByRole('tab', { name: 'Import' }).click();
	await mermaid.getByLabel('Mermaid to import').fill(largeMermaid(160));
	await mermaid.getByRole('button', { name: 'Replace diagram' }).click();
	await expect(mermaid.getByRole('status')).toContainText('Imported 160 shapes');
	await mermaid.getByRole('button', { name: 'Close' }).click();
	await expect(page.getByText('All changes saved')).toBeVisible();

	// Opened afresh: a flow this large opens at its start, readable, with the map on.
	await page.reload();
	await expect(shapeOn(page, 'Step 1').first()).toBeVisible();
	const map = page.locator('.svelte-flow__minimap');
	await expect(map).toBeVisible();
	const mapBox = await box(map);
	const pane = page.locator('.svelte-flow__pane');
	const paneBox = await box(pane);
	// Beside the canvas, within the editor's height and the window's width.
	expect(mapBox.y + mapBox.height).toBeLessThanOrEqual(paneBox.y + paneBox.height + 1);
	expect(mapBox.x + mapBox.width).toBeLessThanOrEqual(1280);
	// Shapes are seen (and clicked) only inside the canvas, and the map is outside it.
	expect(overlapping(mapBox, paneBox)).toBe(false);
	const corner = { x: paneBox.x + paneBox.width - 20, y: paneBox.y + paneBox.height - 20 };
	for (const drag of [
		{ x: -300, y: -200 },
		{ x: -300, y: -200 },
		{ x: 200, y: 100 }
	]) {
		const grab = { x: paneBox.x + paneBox.width / 2, y: paneBox.y + paneBox.height / 2 };
		await page.mouse.move(grab.x, grab.y);
		await page.mouse.down();
		await page.mouse.move(grab.x + drag.x, grab.y + drag.y, { steps: 8 });
		await page.mouse.up();
		expect(overlapping(await box(map), await box(pane))).toBe(false);
		// The canvas's bottom-right corner, where floating maps sit, is the canvas's own.
		const top = await page.evaluate(
			({ x, y }) =>
				(document.elementFromPoint(x, y)?.closest('.svelte-flow__minimap') ?? null) !== null,
			corner
		);
		expect(top).toBe(false);
	}
});

test('PNG, SVG and PDF exports carry the title and every step owner and target time', async ({
	browser
}) => {
	const { page } = await signUp(browser, 'Wen');
	await createWorkspace(page, 'Service');
	await createFlow(page, 'Callback flow', 'operations-service');
	await expect(page.getByRole('group', { name: 'Lane Technical support' })).toBeVisible();
	await shapeOn(page, 'Triage the request').click();
	await propertiesOf(page).getByLabel('Owner role').fill('Desk');
	await propertiesOf(page).getByLabel('Target time (SLA)').fill('4h');
	await expect(shapeOn(page, 'Triage the request')).toContainText('Desk');
	await expect(page.getByText('All changes saved')).toBeVisible();

	const downloadOf = async (item: string) => {
		await page.getByRole('button', { name: 'Export' }).click();
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('menuitem', { name: item }).click()
		]);
		return { name: download.suggestedFilename(), bytes: await fs.readFile(await download.path()) };
	};
	const svg = await downloadOf('Image (SVG)');
	expect(svg.name).toBe('Callback flow.svg');
	const svgText = svg.bytes.toString('utf8');
	for (const text of ['Callback flow', 'Desk · target 4h', 'Technical support', 'Legend']) {
		expect(svgText).toContain(text);
	}
	const svgWidth = Number(/width="(\d+)"/.exec(svgText)?.[1]);

	const png = await downloadOf('Image (PNG)');
	expect(png.name).toBe('Callback flow.png');
	expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
	// Drawn from that SVG (title, owners, legend and all) at twice its size.
	expect(png.bytes.readUInt32BE(16)).toBe(svgWidth * 2);

	const pdf = await downloadOf('PDF (for printing)');
	expect(pdf.name).toBe('Callback flow.pdf');
	expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	expect(pdfText(pdf.bytes)).toContain('Callback flow');
	expect(pdfText(pdf.bytes)).toContain('Desk');
	expect(pdfText(pdf.bytes)).toContain('target 4h');
});

/** The PDF's text: its content streams inflated, plus the uncompressed parts. */
function pdfText(bytes: Buffer): string {
	const raw = bytes.toString('latin1');
	const parts = [raw];
	const streams = /stream\r?\n/g;
	for (let found = streams.exec(raw); found; found = streams.exec(raw)) {
		const start = found.index + found[0].length;
		const end = raw.indexOf('endstream', start);
		try {
			parts.push(zlib.inflateSync(bytes.subarray(start, end)).toString('latin1'));
		} catch {
			// An image or an uncompressed stream.
		}
	}
	return parts.join('\n');
}
