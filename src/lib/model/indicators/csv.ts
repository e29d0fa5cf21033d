/**
 * Reading and writing the CSV of measurements. The reader follows RFC 4180
 * (quoted fields, doubled quotes, CRLF or LF), drops a UTF-8 byte-order mark
 * and takes the delimiter from the header line (comma, semicolon or tab, as
 * spreadsheets in different locales write them).
 */

export function detectDelimiter(headerLine: string): string {
	const counts = [',', ';', '\t'].map((d) => [d, headerLine.split(d).length] as const);
	counts.sort((a, b) => b[1] - a[1]);
	return counts[0][1] > 1 ? counts[0][0] : ',';
}

/** The rows of a CSV text, each a list of cells; a blank line is skipped but still counted. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
	const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
	const firstLine = source.split(/\r?\n/, 1)[0] ?? '';
	const delimiter = detectDelimiter(firstLine);
	const rows: { line: number; cells: string[] }[] = [];
	let cells: string[] = [];
	let cell = '';
	let quoted = false;
	let line = 1;
	let rowLine = 1;
	const endRow = () => {
		cells.push(cell);
		if (!(cells.length === 1 && cells[0].trim() === '')) rows.push({ line: rowLine, cells });
		cells = [];
		cell = '';
	};
	for (let i = 0; i < source.length; i++) {
		const ch = source[i];
		if (quoted) {
			if (ch === '"') {
				if (source[i + 1] === '"') {
					cell += '"';
					i += 1;
				} else quoted = false;
			} else {
				if (ch === '\n') line += 1;
				cell += ch;
			}
		} else if (ch === '"' && cell.trim() === '') {
			quoted = true;
			cell = '';
		} else if (ch === delimiter) {
			cells.push(cell);
			cell = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && source[i + 1] === '\n') i += 1;
			endRow();
			line += 1;
			rowLine = line;
		} else cell += ch;
	}
	if (cell !== '' || cells.length > 0) endRow();
	return rows;
}

/** A number as people type it: `12.5`, `-3`, `1e3`; not empty, not `12,5`, not `NaN`. */
export function parseNumber(text: string): number | null {
	const trimmed = text.trim();
	if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) return null;
	const value = Number(trimmed);
	return Number.isFinite(value) ? value : null;
}

/** A cell that a spreadsheet would run as a formula is prefixed with a quote. */
export function csvCell(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
	return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const UTF8_BOM = '\uFEFF';
