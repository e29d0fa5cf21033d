import type { FlowNodeType } from './shape';

/**
 * The pieces of Mermaid flowchart syntax (v11) the exporter writes and the
 * importer reads: how each node type is drawn, how label text is escaped, and
 * which ids Mermaid accepts as they are.
 */

/**
 * What a Mermaid shape says about a node's type. `terminal` (stadium, circle)
 * is a start or an end: the comment written on export, or the arrows, decide.
 */
export type ShapeKind = Exclude<FlowNodeType, 'start' | 'end'> | 'terminal' | 'start' | 'end';

type ExportShape = { open: string; close: string } | { shape: string };

/** Classic brackets where Mermaid has them; the v11 `@{ shape: … }` form for the rest. */
export const EXPORT_SHAPES: Record<FlowNodeType, ExportShape> = {
	start: { open: '([', close: '])' },
	end: { open: '([', close: '])' },
	process: { open: '[', close: ']' },
	decision: { open: '{', close: '}' },
	document: { shape: 'doc' },
	data: { open: '[(', close: ')]' },
	manual: { open: '[\\', close: '/]' },
	handoff: { open: '>', close: ']' },
	note: { shape: 'brace' },
	improvement: { shape: 'notch-rect' }
};

/** The shape kind the exporter's shape for `type` reads back as. */
export function exportedKind(type: FlowNodeType): ShapeKind {
	return type === 'start' || type === 'end' ? 'terminal' : type;
}

/** Whether a node of `type` may be written with a shape of `kind` (so a comment's type still holds). */
export function typeFitsKind(type: FlowNodeType, kind: ShapeKind): boolean {
	return exportedKind(type) === kind || type === kind;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Classic bracket shapes, longest opener first. Trapezoid-like ones depend on the closer. */
const CLASSIC: { open: string; closers: [string, ShapeKind][] }[] = [
	{ open: '(((', closers: [[')))', 'end']] },
	{ open: '((', closers: [['))', 'terminal']] },
	{ open: '([', closers: [['])', 'terminal']] },
	{ open: '(-', closers: [['-)', 'process']] },
	{ open: '(', closers: [[')', 'process']] },
	{ open: '[[', closers: [[']]', 'process']] },
	{ open: '[(', closers: [[')]', 'data']] },
	{
		open: '[/',
		closers: [
			['/]', 'data'],
			['\\]', 'manual']
		]
	},
	{
		open: '[\\',
		closers: [
			['\\]', 'data'],
			['/]', 'manual']
		]
	},
	{ open: '[', closers: [[']', 'process']] },
	{ open: '{{', closers: [['}}', 'process']] },
	{ open: '{', closers: [['}', 'decision']] },
	{ open: '>', closers: [[']', 'handoff']] }
];

/** With `unquoted`: unquoted text up to the nearest closer on the same line (text, closer). */
export const CLASSIC_SHAPES = CLASSIC.map((shape) => ({
	...shape,
	unquoted: new RegExp(
		`([^\\n]*?)(${shape.closers.map(([closer]) => escapeRegExp(closer)).join('|')})`,
		'y'
	)
}));

/** v11 shape names and aliases (mermaid's shapesDefs) by the node type they suggest. */
const NAMED_SHAPES: Record<string, ShapeKind> = {};
const name = (kind: ShapeKind, names: string) => {
	for (const n of names.split(' ')) NAMED_SHAPES[n] = kind;
};
name('process', 'rect proc process rectangle rounded event fr-rect subprocess subproc');
name('process', 'framed-rectangle subroutine hex hexagon prepare div-rect div-proc');
name('process', 'divided-rectangle divided-process lin-rect lined-rectangle lined-process');
name('process', 'lin-proc shaded-process st-rect procs processes stacked-rectangle');
name('process', 'tag-rect tagged-rectangle tag-proc tagged-process');
name('terminal', 'stadium terminal pill circle circ');
name('start', 'sm-circ start small-circle');
name('end', 'fr-circ stop framed-circle dbl-circ double-circle');
name('decision', 'diam decision diamond question');
name('data', 'cyl db database cylinder lin-cyl disk lined-cylinder h-cyl das');
name('data', 'horizontal-cylinder lean-r lean-right in-out lean-l lean-left out-in');
name('data', 'bow-rect stored-data bow-tie-rectangle win-pane internal-storage window-pane');
name('manual', 'trap-t manual trapezoid-top inv-trapezoid trap-b priority trapezoid-bottom');
name('manual', 'trapezoid sl-rect manual-input sloped-rectangle flip-tri manual-file');
name('manual', 'flipped-triangle');
name('document', 'doc document docs documents st-doc stacked-document tag-doc');
name('document', 'tagged-document lin-doc lined-document');
name('handoff', 'odd bolt com-link lightning-bolt');
name('note', 'brace comment brace-l brace-r braces text');
name('improvement', 'notch-rect card notched-rectangle');

export function kindOfNamedShape(shape: string): ShapeKind {
	return NAMED_SHAPES[shape.trim().toLowerCase()] ?? 'process';
}

/**
 * Words Mermaid's flowchart lexer treats as keywords; a node or subgraph with
 * one of these ids breaks the chart, so the exporter gives it another id.
 */
const KEYWORDS = new Set(
	(
		'end subgraph graph flowchart flowchart-elk style linkstyle classdef class click call ' +
		'href interpolate default direction acctitle accdescr title'
	).split(' ')
);

/** Whether Mermaid reads `id` as a node id exactly as written. */
export function isPlainMermaidId(id: string): boolean {
	return /^[A-Za-z_][A-Za-z0-9_]*$/.test(id) && !KEYWORDS.has(id.toLowerCase());
}

/**
 * Escapes a label for a quoted Mermaid string. Mermaid has no backslash
 * escapes; it replaces `#name;` / `#123;` entity codes before parsing. So
 * quotes, angle brackets and a `#` or `&` that would start an entity are
 * written as entity codes, newlines as `<br>`, and `|` (edge labels), `%%`
 * (comments) and backticks (markdown strings) are coded too. In the v11
 * `@{ … }` form the string is YAML, where a backslash starts an escape.
 */
export function encodeMermaidText(text: string, context: 'node' | 'edge' | 'yaml'): string {
	let out = '';
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		const rest = text.slice(i);
		if (c === '"') out += '#quot;';
		else if (c === '<') out += '#lt;';
		else if (c === '>') out += '#gt;';
		else if (c === '\n') out += '<br>';
		else if (c === '\r') out += '#13;';
		else if (c === '`') out += '#96;';
		else if (c === '#' && /^#\w+;/.test(rest)) out += '#35;';
		else if (c === '&' && /^&#?\w+;/.test(rest)) out += '#amp;';
		else if (c === '%' && text[i + 1] === '%') out += '#37;';
		else if (c === '|' && context === 'edge') out += '#124;';
		else if (c === '\\' && context === 'yaml') out += '#92;';
		else out += c;
	}
	return out;
}

const NAMED_ENTITIES: Record<string, string> = {
	quot: '"',
	amp: '&',
	lt: '<',
	gt: '>',
	apos: "'",
	nbsp: '\u00a0',
	num: '#',
	hash: '#',
	semi: ';',
	colon: ':',
	vert: '|',
	verbar: '|',
	lpar: '(',
	rpar: ')',
	lsqb: '[',
	rsqb: ']',
	lbrace: '{',
	rbrace: '}',
	bsol: '\\',
	grave: '`',
	percnt: '%'
};

const codePoint = (digits: string, radix: number, original: string): string => {
	const code = parseInt(digits, radix);
	return code <= 0x10ffff ? String.fromCodePoint(code) : original;
};

/**
 * Reads label text back: `<br>` as a newline and Mermaid (`#quot;`, `#35;`)
 * or HTML (`&quot;`, `&#35;`, `&#x23;`) entity codes as their characters, in
 * one pass so a decoded character never starts another code. Unknown names
 * stay as written.
 */
export function decodeMermaidText(text: string): string {
	return text.replace(
		/<br\s*\/?>|#(\d+);|&#(\d+);|&#x([0-9a-f]+);|[#&]([a-z][a-z0-9]*);/gi,
		(match, mermaidCode?: string, htmlCode?: string, hexCode?: string, entity?: string) => {
			if (mermaidCode ?? htmlCode) return codePoint((mermaidCode ?? htmlCode)!, 10, match);
			if (hexCode) return codePoint(hexCode, 16, match);
			if (entity) return NAMED_ENTITIES[entity.toLowerCase()] ?? match;
			return '\n';
		}
	);
}
