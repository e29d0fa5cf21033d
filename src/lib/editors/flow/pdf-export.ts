import { jsPDF } from 'jspdf';
import type { FlowSnapshot } from '$lib/model/flow';
import { nodeMeta, type FlowSvg } from './svg-export';

/**
 * The flow as a PDF to print: one page the size of the drawing (CSS pixels
 * as points at 96 dpi, so it prints at the size it is seen), showing the
 * same picture as the PNG — lanes, blueprint lines, title, owners, target
 * times and legend, in every script — with the text laid invisibly over it
 * so a PDF reader can search and copy it.
 *
 * The invisible layer uses the PDF's built-in Latin font, which has no Chinese
 * glyphs: text outside Latin-1 is only in the picture (embedding a CJK font
 * would add megabytes to every download).
 */
const POINTS_PER_PIXEL = 0.75;
const LATIN_1 = /^[\u0020-\u00ff]*$/;

export async function buildFlowPdf({
	picture,
	png,
	title,
	snapshot,
	memberNames
}: {
	picture: FlowSvg;
	png: Blob;
	title: string;
	snapshot: FlowSnapshot;
	memberNames: ReadonlyMap<string, string>;
}): Promise<Blob> {
	const width = picture.width * POINTS_PER_PIXEL;
	const height = picture.height * POINTS_PER_PIXEL;
	const pdf = new jsPDF({
		orientation: width >= height ? 'landscape' : 'portrait',
		unit: 'pt',
		format: [width, height],
		compress: true
	});
	pdf.setProperties({ title, creator: 'Opsloom' });
	pdf.addImage(new Uint8Array(await png.arrayBuffer()), 'PNG', 0, 0, width, height);

	const at = (x: number, y: number) => ({
		x: (x - picture.origin.x) * POINTS_PER_PIXEL,
		y: (y - picture.origin.y) * POINTS_PER_PIXEL
	});
	const write = (text: string, x: number, y: number, size: number) => {
		if (!text.trim() || !LATIN_1.test(text)) return;
		pdf.setFontSize(size);
		pdf.text(text, x, y, { renderingMode: 'invisible', baseline: 'top' });
	};
	write(title, 40 * POINTS_PER_PIXEL, 40 * POINTS_PER_PIXEL, 15);
	for (const lane of snapshot.lanes) {
		const { y } = at(0, lane.top + lane.height / 2);
		write(lane.title, 48 * POINTS_PER_PIXEL, y, 10);
	}
	for (const node of snapshot.nodes) {
		const { x, y } = at(node.x + 8, node.y + node.height / 2 - 10);
		write(node.label, x, y, 10);
		write(nodeMeta(node, memberNames), x, y + 12, 8);
	}
	return pdf.output('blob');
}
