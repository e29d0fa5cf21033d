import { m } from '$lib/paraglide/messages';
import { fileNameOf as fileNameFromTitle } from '$lib/model/file-names';
/**
 * Downloads of the diagram's SVG (see svg-export.ts) and a PNG rasterised
 * from it in the browser, without a library: the SVG is self-contained, so an
 * <img> can draw it onto a canvas.
 */

/** Browsers refuse (or silently blank) canvases beyond roughly these sizes. */
const MAX_SIDE = 8192;
const MAX_AREA = 40_000_000;

export function pngScale(width: number, height: number, preferred = 2): number {
	const bySide = MAX_SIDE / Math.max(width, height);
	const byArea = Math.sqrt(MAX_AREA / (width * height));
	return Math.max(0.05, Math.min(preferred, bySide, byArea));
}

export function downloadBlob(blob: Blob, filename: string): void {
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = filename;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export async function renderPng(svg: string, width: number, height: number): Promise<Blob> {
	const scale = pngScale(width, height);
	const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
	try {
		const image = new Image();
		image.decoding = 'async';
		await new Promise<void>((resolve, reject) => {
			image.onload = () => resolve();
			image.onerror = () => reject(new Error(m.flow_image_draw_failed()));
			image.src = url;
		});
		const canvas = document.createElement('canvas');
		canvas.width = Math.max(1, Math.round(width * scale));
		canvas.height = Math.max(1, Math.round(height * scale));
		const context = canvas.getContext('2d');
		if (!context) throw new Error(m.flow_image_no_canvas());
		context.drawImage(image, 0, 0, canvas.width, canvas.height);
		return await new Promise<Blob>((resolve, reject) =>
			canvas.toBlob(
				(blob) => (blob ? resolve(blob) : reject(new Error(m.flow_image_too_large()))),
				'image/png'
			)
		);
	} finally {
		URL.revokeObjectURL(url);
	}
}

/** A file name from the document title, keeping Chinese (and every other script). */
export function fileNameOf(title: string): string {
	return fileNameFromTitle(title, 'flow');
}
