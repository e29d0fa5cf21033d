import { downloadBlob, renderPng } from '$lib/editors/flow/export-image';
import { CHART_COLORS } from './chart-colors';

/**
 * The chart's SVG as a standalone image: a white background, the text
 * colour and font written in, so it reads the same in a retro card or a
 * slide as on the page.
 */
function standaloneSvg(svg: SVGSVGElement): { text: string; width: number; height: number } {
	const { width, height } = svg.getBoundingClientRect();
	const copy = svg.cloneNode(true) as SVGSVGElement;
	copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
	copy.setAttribute('width', String(Math.round(width)));
	copy.setAttribute('height', String(Math.round(height)));
	copy.setAttribute('font-family', getComputedStyle(svg).fontFamily || 'sans-serif');
	copy.setAttribute('font-size', '11');
	copy.setAttribute('fill', CHART_COLORS.text);
	const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
	background.setAttribute('width', '100%');
	background.setAttribute('height', '100%');
	background.setAttribute('fill', CHART_COLORS.background);
	copy.insertBefore(background, copy.firstChild);
	return { text: new XMLSerializer().serializeToString(copy), width, height };
}

/** The chart in `container` as a PNG blob. */
export async function chartPng(container: HTMLElement): Promise<Blob> {
	const svg = container.querySelector('svg');
	if (!svg) throw new Error('The chart is not drawn yet.');
	const { text, width, height } = standaloneSvg(svg);
	return renderPng(text, width, height);
}

export async function downloadChartPng(container: HTMLElement, name: string): Promise<void> {
	downloadBlob(await chartPng(container), `${name}.png`);
}

export async function chartDataUrl(container: HTMLElement): Promise<string> {
	const blob = await chartPng(container);
	return new Promise((resolve, reject) => {
		const reader = new FileReader();
		reader.onload = () => resolve(String(reader.result));
		reader.onerror = () => reject(new Error('The chart could not be read.'));
		reader.readAsDataURL(blob);
	});
}
