import { m } from '../../paraglide/messages';
import { OPSLOOM_COMMENT } from './mermaid-export';
import {
	CLASSIC_SHAPES,
	decodeMermaidText,
	kindOfNamedShape,
	type ShapeKind
} from './mermaid-syntax';
import type { EdgeArrow, EdgeStyle, FlowDirection } from './shape';

/**
 * Reads Mermaid flowchart text into what it says, without deciding yet what
 * that means for a flow (mermaid-import.ts does). Covers what people write by
 * hand: `flowchart`/`graph` with a direction, classic bracket shapes and the
 * v11 `@{ shape, label }` form, chains (`a --> b --> c`), `&`, every arrow
 * kind with `|text|` or `-- text -->` labels, subgraphs and comments.
 * Styling statements (classDef, class, style, click …) are skipped; linkStyle
 * is read only for its curve. A statement that cannot be read is reported
 * with its line number and the rest of that line is skipped, so one pass
 * finds every error.
 */
export interface MermaidError {
	line: number;
	message: string;
}

export interface ParsedNode {
	mid: string;
	/** The last label given (Mermaid uses the last one), or null when only the id was written. */
	label: string | null;
	kind: ShapeKind | null;
	/** The top-level subgraph that first mentions the node (as in Mermaid, the first wins). */
	laneMid: string | null;
	line: number;
}

export interface ParsedLink {
	source: string;
	target: string;
	arrow: EdgeArrow;
	label: string;
	/** A v11 edge id (`a e1@--> b`). */
	edgeId: string | null;
	/** Mermaid's index of the link, as linkStyle counts them. */
	index: number;
	line: number;
}

export interface ParsedLane {
	mid: string;
	title: string;
	line: number;
}

export interface OpsloomComment {
	line: number;
	data: Record<string, unknown>;
}

export interface ParsedMermaid {
	direction: FlowDirection;
	lanes: ParsedLane[];
	/** In order of first mention. */
	nodes: Map<string, ParsedNode>;
	links: ParsedLink[];
	/** Every subgraph id (nested ones too) and its line: these are not nodes. */
	subgraphs: Map<string, number>;
	curves: Map<number | 'default', EdgeStyle>;
	comments: {
		flow: OpsloomComment | null;
		lanes: Map<string, OpsloomComment>;
		nodes: Map<string, OpsloomComment>;
		/** Keyed "sourceMid targetMid occurrence". */
		edges: Map<string, OpsloomComment>;
	};
}

/**
 * Limits that keep a huge or hostile text from stalling the process (the
 * import also runs on the server): what is parsed stops at these counts.
 */
export const MAX_IMPORTED_NODES = 2000;
export const MAX_IMPORTED_EDGES = 5000;
const MAX_ERRORS = 50;

class ParseError extends Error {
	constructor(
		readonly at: number,
		message: string
	) {
		super(message);
	}
}

const DIRECTIONS: Record<string, FlowDirection> = {
	TB: 'TB',
	TD: 'TB',
	BT: 'BT',
	RL: 'RL',
	LR: 'LR',
	'<': 'RL',
	'>': 'LR',
	'^': 'BT',
	v: 'TB'
};

const SKIPPED_STATEMENTS = new Set([
	'direction',
	'classDef',
	'class',
	'style',
	'click',
	'accTitle'
]);

const CURVE_STYLES: Record<string, EdgeStyle> = {
	linear: 'straight',
	step: 'step',
	stepbefore: 'step',
	stepafter: 'step'
};

/** Node ids: letters, digits and `_`, plus `-` and `.` inside an id where they cannot start an arrow. */
const ID = /[\p{L}\p{N}_](?:[\p{L}\p{N}_]|-(?![-.>=])|\.(?=[\p{L}\p{N}_]))*/uy;

/** Arrows written in one piece: start marker, body, head (mermaid's LINK tokens). */
const ARROWS: RegExp[] = [
	/([xo<])?--+([-xo>])/y,
	/([xo<])?==+([=xo>])/y,
	/([xo<])?-?\.+-([xo>])?/y,
	// Invisible links; last, as they have no heads.
	/~~~+/y
];

/** Arrows with the label inside (`-- text -->`): the opening and the closing part. */
const TEXT_ARROWS: { open: RegExp; close: RegExp }[] = [
	{ open: /([xo<])?--/y, close: /--+([-xo>])/g },
	{ open: /([xo<])?==/y, close: /==+([=xo>])/g },
	{ open: /([xo<])?-\./y, close: /\.+-([xo>])?/g }
];

class Parser {
	pos = 0;
	readonly errors: MermaidError[] = [];
	readonly result: ParsedMermaid = {
		direction: 'TB',
		lanes: [],
		nodes: new Map(),
		links: [],
		subgraphs: new Map(),
		curves: new Map(),
		comments: { flow: null, lanes: new Map(), nodes: new Map(), edges: new Map() }
	};
	private readonly lineStarts: number[] = [0];
	private readonly open: { mid: string; line: number }[] = [];
	private subgraphCount = 0;
	private linkCount = 0;

	constructor(private readonly text: string) {
		for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
	}

	lineOf(at: number): number {
		let low = 0;
		let high = this.lineStarts.length - 1;
		while (low < high) {
			const mid = (low + high + 1) >> 1;
			if (this.lineStarts[mid] <= at) low = mid;
			else high = mid - 1;
		}
		return low + 1;
	}

	private fail(message: string, at = this.pos): never {
		throw new ParseError(at, message);
	}

	private peek(offset = 0): string {
		return this.text[this.pos + offset] ?? '';
	}

	private startsWith(s: string): boolean {
		return this.text.startsWith(s, this.pos);
	}

	private match(pattern: RegExp): RegExpExecArray | null {
		pattern.lastIndex = this.pos;
		const found = pattern.exec(this.text);
		if (found) this.pos = pattern.lastIndex;
		return found;
	}

	/** The first of `patterns` that matches here (consumed), and which one it was. */
	private firstMatch(patterns: RegExp[]): { index: number; found: RegExpExecArray } | null {
		for (const [index, pattern] of patterns.entries()) {
			const found = this.match(pattern);
			if (found) return { index, found };
		}
		return null;
	}

	private skipSpaces(): void {
		while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
	}

	/** The end of the line holding `from`, found by binary search so long lines stay linear. */
	private lineEnd(from = this.pos): number {
		const next = this.lineStarts[this.lineOf(from)];
		return next === undefined ? this.text.length : next - 1;
	}

	private skipLine(): void {
		this.pos = this.lineEnd();
	}

	private atStatementEnd(): boolean {
		const c = this.peek();
		return c === '' || c === '\n' || c === ';' || this.startsWith('%%');
	}

	/** What stands at `at`, for messages. */
	private found(at = this.pos): string {
		const rest = this.text.slice(at, this.lineEnd(at)).trim();
		if (rest === '') return 'the end of the line';
		return `“${rest.length > 24 ? `${rest.slice(0, 24)}…` : rest}”`;
	}

	private record(error: unknown): void {
		if (!(error instanceof ParseError)) throw error;
		this.errors.push({ line: this.lineOf(error.at), message: error.message });
		this.pos = this.lineEnd(Math.max(this.pos, error.at));
		if (this.errors.length >= MAX_ERRORS) {
			this.errors.push({
				line: this.lineOf(this.pos),
				message: m.flow_mmd_too_many_errors()
			});
			this.pos = this.text.length;
		}
	}

	parse(): void {
		if (!this.preamble() || !this.header()) return;
		while (this.pos < this.text.length) {
			this.skipSpaces();
			const c = this.peek();
			if (c === '\n' || c === ';') {
				this.pos++;
				continue;
			}
			if (this.startsWith('%%')) {
				this.comment();
				continue;
			}
			try {
				this.statement();
				this.skipSpaces();
				if (!this.atStatementEnd()) this.fail(m.flow_mmd_unexpected({ found: this.found() }));
			} catch (error) {
				this.record(error);
			}
		}
		for (const subgraph of this.open) {
			this.errors.push({
				line: subgraph.line,
				message: m.flow_mmd_subgraph_open({ id: subgraph.mid })
			});
		}
	}

	/** Blank lines, comments and YAML front matter before the diagram type. */
	private preamble(): boolean {
		for (;;) {
			this.match(/\s+/y);
			if (this.startsWith('%%')) this.comment();
			else if (this.pos === 0 && this.match(/---[ \t]*\n/y)) {
				const close = /^---[ \t]*$/m;
				close.lastIndex = 0;
				const rest = this.text.slice(this.pos);
				const end = close.exec(rest);
				if (!end) {
					this.errors.push({ line: 1, message: m.flow_mmd_front_matter_open() });
					return false;
				}
				this.pos += end.index + end[0].length;
			} else return true;
		}
	}

	private header(): boolean {
		const at = this.pos;
		const kind = this.match(/(flowchart-elk|flowchart|graph)(?![\w-])/y);
		if (!kind) {
			this.errors.push({
				line: this.lineOf(at),
				message: m.flow_mmd_header({ found: this.found(at) })
			});
			return false;
		}
		this.skipSpaces();
		const direction = this.match(/(TB|TD|BT|RL|LR|[<>^v])(?=[\s;]|$)/y);
		if (direction) this.result.direction = DIRECTIONS[direction[1]];
		this.skipSpaces();
		if (!this.atStatementEnd()) {
			this.errors.push({
				line: this.lineOf(this.pos),
				message: m.flow_mmd_direction({ kind: kind[1], found: this.found() })
			});
			this.skipLine();
		}
		return true;
	}

	private comment(): void {
		const at = this.pos;
		const end = this.lineEnd();
		const raw = this.text.slice(at, end);
		this.pos = end;
		if (raw.startsWith(OPSLOOM_COMMENT)) this.opsloom(raw.slice(OPSLOOM_COMMENT.length), at);
	}

	private opsloom(rest: string, at: number): void {
		const line = this.lineOf(at);
		const error = (message: string) => this.errors.push({ line, message });
		const parts =
			/^(flow)\s+(\{.*\})\s*$/.exec(rest) ??
			/^(lane|node)\s+(\S+)\s+(\{.*\})\s*$/.exec(rest) ??
			/^(edge)\s+(\S+\s+\S+\s+\d+)\s+(\{.*\})\s*$/.exec(rest);
		if (!parts) return void error(m.flow_mmd_not_ours());
		const [, kind, key, json] = parts.length === 3 ? [parts[0], parts[1], '', parts[2]] : parts;
		let data: unknown;
		try {
			data = JSON.parse(json);
		} catch {
			return void error(m.flow_mmd_not_json());
		}
		if (typeof data !== 'object' || data === null || Array.isArray(data)) {
			return void error(m.flow_mmd_not_object());
		}
		const comment = { line, data: data as Record<string, unknown> };
		const comments = this.result.comments;
		if (kind === 'flow') {
			if (comments.flow) return void error(m.flow_mmd_two_flow_comments());
			comments.flow = comment;
			return;
		}
		const map =
			kind === 'lane' ? comments.lanes : kind === 'node' ? comments.nodes : comments.edges;
		const normalized = key.split(/\s+/).join(' ');
		if (map.has(normalized)) return void error(m.flow_mmd_two_comments({ kind, id: normalized }));
		map.set(normalized, comment);
	}

	private statement(): void {
		const word = /[A-Za-z]\w*/y;
		word.lastIndex = this.pos;
		const found = word.exec(this.text)?.[0] ?? '';
		const next = this.text[this.pos + found.length] ?? '';
		const keyword = found !== '' && (next === '' || /[\s;]/.test(next));
		if (keyword && found === 'subgraph') return this.subgraph();
		if (keyword && found === 'end') return this.end();
		if (keyword && found === 'linkStyle') return this.linkStyle();
		if (keyword && found === 'accDescr') return this.skipDescription();
		if (keyword && SKIPPED_STATEMENTS.has(found)) return this.skipLine();
		if (found === 'accDescr' && next === ':') return this.skipLine();
		if (found === 'accTitle' && next === ':') return this.skipLine();
		this.chain();
	}

	private subgraph(): void {
		const at = this.pos;
		this.pos += 'subgraph'.length;
		this.skipSpaces();
		const end = this.lineEnd();
		const raw = this.text.slice(this.pos, end).replace(/;\s*$/, '').trim();
		this.pos = end;
		if (raw === '') this.fail(m.flow_mmd_subgraph_id(), at);
		let mid: string | null = null;
		let title: string;
		const titled = /^([^\s[\]"]+)\s*\[\s*(?:"([^"]*)"|([^\]]*))\s*\]$/.exec(raw);
		const quoted = /^"([^"]*)"$/.exec(raw);
		if (titled) {
			mid = titled[1];
			title = titled[2] !== undefined ? unquote(titled[2]) : decodeMermaidText(titled[3].trim());
		} else if (quoted) title = unquote(quoted[1]);
		else if (/\s/.test(raw)) title = decodeMermaidText(raw);
		else {
			mid = raw;
			title = decodeMermaidText(raw);
		}
		// Mermaid's own name for a subgraph written with a title only.
		mid ??= `subGraph${this.subgraphCount}`;
		this.subgraphCount++;
		if (this.result.subgraphs.has(mid)) this.fail(m.flow_mmd_two_subgraphs({ id: mid }), at);
		const line = this.lineOf(at);
		this.result.subgraphs.set(mid, line);
		if (this.open.length === 0) this.result.lanes.push({ mid, title, line });
		this.open.push({ mid, line });
	}

	private end(): void {
		if (this.open.length === 0) this.fail('“end” without a subgraph to close.');
		this.pos += 'end'.length;
		this.open.pop();
	}

	private linkStyle(): void {
		this.pos += 'linkStyle'.length;
		this.skipSpaces();
		const list = this.match(/[^\s;]+/y)?.[0] ?? '';
		this.skipSpaces();
		if (this.match(/interpolate\s+/y)) {
			const curve = this.match(/[A-Za-z]+/y)?.[0] ?? '';
			const style = CURVE_STYLES[curve.toLowerCase()] ?? 'smooth';
			for (const item of list.split(',')) {
				if (item === 'default') this.result.curves.set('default', style);
				else if (/^\d+$/.test(item)) this.result.curves.set(Number(item), style);
			}
		}
		this.skipLine();
	}

	/** `accDescr: text` or a block `accDescr { … }` that may span lines. */
	private skipDescription(): void {
		const brace = this.text.indexOf('{', this.pos);
		if (brace < 0 || brace > this.lineEnd()) return this.skipLine();
		const close = this.text.indexOf('}', brace);
		if (close < 0) this.fail('“accDescr {” is never closed with “}”.');
		this.pos = close + 1;
	}

	private chain(): void {
		let previous = this.nodeGroup();
		for (;;) {
			this.skipSpaces();
			if (this.atStatementEnd()) return;
			const at = this.pos;
			const link = this.link();
			this.skipSpaces();
			const next = this.nodeGroup();
			if (this.result.links.length + previous.length * next.length > MAX_IMPORTED_EDGES) {
				this.fail(`A flow can import at most ${MAX_IMPORTED_EDGES} arrows.`, at);
			}
			const pairs = previous.flatMap((a) => next.map((b) => [a, b] as const));
			for (const [a, b] of pairs) {
				this.result.links.push({
					source: link.reversed ? b : a,
					target: link.reversed ? a : b,
					arrow: link.arrow,
					label: link.label,
					edgeId: pairs.length === 1 ? link.edgeId : null,
					index: this.linkCount++,
					line: this.lineOf(at)
				});
			}
			previous = next;
		}
	}

	private nodeGroup(): string[] {
		const ids = [this.node()];
		for (;;) {
			const save = this.pos;
			this.skipSpaces();
			if (this.peek() !== '&') {
				this.pos = save;
				return ids;
			}
			this.pos++;
			this.skipSpaces();
			ids.push(this.node());
		}
	}

	private node(): string {
		const at = this.pos;
		const id = this.match(ID);
		if (!id) this.fail(m.flow_mmd_node_id({ found: this.found() }));
		const mid = id[0];
		let label: string | null = null;
		let kind: ShapeKind | null = null;
		if (this.startsWith('@{')) {
			const fields = this.shapeData();
			if (fields.shape !== undefined) kind = kindOfNamedShape(fields.shape);
			if (fields.label !== undefined) label = decodeMermaidText(fields.label);
		} else {
			const save = this.pos;
			this.skipSpaces();
			const shape = this.classicShape();
			if (shape) ({ label, kind } = shape);
			else this.pos = save;
		}
		this.match(/:::[\w-]+/y); // A CSS class: styling only.
		this.mention(mid, label, kind, at);
		return mid;
	}

	private mention(mid: string, label: string | null, kind: ShapeKind | null, at: number): void {
		let node = this.result.nodes.get(mid);
		if (!node && this.result.nodes.size >= MAX_IMPORTED_NODES) {
			this.fail(`A flow can import at most ${MAX_IMPORTED_NODES} nodes.`, at);
		}
		if (!node) {
			node = { mid, label: null, kind: null, laneMid: null, line: this.lineOf(at) };
			this.result.nodes.set(mid, node);
		}
		if (label !== null) node.label = label;
		if (kind !== null) node.kind = kind;
		if (node.laneMid === null && this.open.length > 0) node.laneMid = this.open[0].mid;
	}

	private classicShape(): { label: string; kind: ShapeKind } | null {
		const shape = CLASSIC_SHAPES.find((s) => this.startsWith(s.open));
		if (!shape) return null;
		const at = this.pos;
		this.pos += shape.open.length;
		const notClosed = () =>
			this.fail(m.flow_mmd_shape_open({ open: shape.open, close: shape.closers[0][0] }), at);
		const closerHere = () => shape.closers.find(([closer]) => this.startsWith(closer));
		const save = this.pos;
		this.skipSpaces();
		if (this.peek() === '"') {
			const label = this.quoted();
			this.skipSpaces();
			const closer = closerHere();
			if (!closer) notClosed();
			this.pos += closer![0].length;
			return { label, kind: closer![1] };
		}
		this.pos = save;
		// The nearest closer on this line; lazy and line-bound, so scanning stays linear.
		const found = this.match(shape.unquoted);
		if (!found) notClosed();
		const closer = shape.closers.find(([c]) => c === found![2])!;
		return { label: decodeMermaidText(found![1].trim()), kind: closer[1] };
	}

	/** A double-quoted Mermaid string (no escapes; a "`…`" markdown string may span lines). */
	private quoted(): string {
		const at = this.pos;
		if (this.startsWith('"`')) {
			const end = this.text.indexOf('`"', at + 2);
			if (end < 0) this.fail(m.flow_mmd_markdown_open(), at);
			this.pos = end + 2;
			return decodeMermaidText(this.text.slice(at + 2, end));
		}
		const found = this.match(/"([^"\n]*)"/y);
		if (!found) this.fail(m.flow_mmd_quote_open(), at);
		return decodeMermaidText(found[1]);
	}

	/** The v11 `@{ key: value, … }` shape data: a YAML flow mapping, possibly over several lines. */
	private shapeData(): Record<string, string> {
		const at = this.pos;
		this.pos += 2;
		const fields: Record<string, string> = {};
		for (;;) {
			this.match(/[\s,]+/y);
			if (this.pos >= this.text.length) this.fail('“@{” is never closed with “}”.', at);
			if (this.peek() === '}') {
				this.pos++;
				return fields;
			}
			const key = this.match(/[A-Za-z_][\w-]*/y);
			if (!key) this.fail(m.flow_mmd_field_name({ syntax: '@{ }', found: this.found() }));
			this.skipSpaces();
			if (this.peek() !== ':') this.fail(m.flow_mmd_colon({ key: key[0] }));
			this.pos++;
			this.skipSpaces();
			const c = this.peek();
			fields[key[0]] =
				c === '"'
					? this.yamlDoubleQuoted()
					: c === "'"
						? this.yamlSingleQuoted()
						: (this.match(/[^,}\n]*/y)?.[0] ?? '').trim();
		}
	}

	private yamlDoubleQuoted(): string {
		const at = this.pos;
		this.pos++;
		const ESCAPES: Record<string, string> = {
			n: '\n',
			t: '\t',
			r: '\r',
			'0': '\0',
			'"': '"',
			'\\': '\\',
			'/': '/',
			' ': ' '
		};
		let value = '';
		for (;;) {
			const c = this.peek();
			if (c === '') this.fail(m.flow_mmd_field_quote_open({ syntax: '@{ }' }), at);
			this.pos++;
			if (c === '"') return value;
			if (c === '\n') {
				// YAML folds a line break inside a quoted scalar into a space.
				this.match(/[ \t]*/y);
				value += ' ';
			} else if (c !== '\\') value += c;
			else {
				const escape = this.peek();
				const hex = { x: 2, u: 4, U: 8 }[escape];
				if (hex) {
					const digits = this.text.slice(this.pos + 1, this.pos + 1 + hex);
					if (!/^[0-9a-f]+$/i.test(digits) || digits.length !== hex) {
						this.fail(m.flow_mmd_escape());
					}
					value += String.fromCodePoint(parseInt(digits, 16));
					this.pos += 1 + hex;
				} else {
					value += ESCAPES[escape] ?? escape;
					this.pos++;
				}
			}
		}
	}

	private yamlSingleQuoted(): string {
		const at = this.pos;
		this.pos++;
		let value = '';
		for (;;) {
			const c = this.peek();
			if (c === '') this.fail(m.flow_mmd_field_quote_open({ syntax: '@{ }' }), at);
			this.pos++;
			if (c !== "'") value += c;
			else if (this.peek() === "'") {
				value += "'";
				this.pos++;
			} else return value;
		}
	}

	private link(): { arrow: EdgeArrow; label: string; edgeId: string | null; reversed: boolean } {
		const at = this.pos;
		const edgeId = this.match(/([A-Za-z_]\w*)@(?=[-=<~.ox])/y)?.[1] ?? null;
		let start = '';
		let head = '';
		let label = '';
		const whole = this.firstMatch(ARROWS);
		if (whole) {
			if (whole.index !== ARROWS.length - 1) [start = '', head = ''] = whole.found.slice(1);
		} else {
			const text = this.firstMatch(TEXT_ARROWS.map((arrow) => arrow.open));
			if (!text) this.fail(m.flow_mmd_arrow({ found: this.found(at) }), at);
			start = text.found[1] ?? '';
			const close = TEXT_ARROWS[text.index].close;
			this.skipSpaces();
			const quoted = this.peek() === '"';
			if (quoted) {
				label = this.quoted();
				this.skipSpaces();
			}
			close.lastIndex = this.pos;
			const found = close.exec(this.text);
			if (!found || found.index > this.lineEnd() || (quoted && found.index !== this.pos)) {
				this.fail(m.flow_mmd_arrow_text(), at);
			}
			if (!quoted) label = decodeMermaidText(this.text.slice(this.pos, found.index).trim());
			head = found[1] ?? '';
			this.pos = found.index + found[0].length;
		}
		const save = this.pos;
		this.skipSpaces();
		if (this.peek() === '|') {
			this.pos++;
			if (this.peek() === '"') {
				label = this.quoted();
				this.skipSpaces();
			} else {
				const end = this.text.indexOf('|', this.pos);
				if (end < 0 || end > this.lineEnd()) this.fail(m.flow_mmd_arrow_label_open(), at);
				label = decodeMermaidText(this.text.slice(this.pos, end).trim());
				this.pos = end;
			}
			if (this.peek() !== '|') this.fail(m.flow_mmd_arrow_label_open(), at);
			this.pos++;
		} else this.pos = save;
		const atStart = start !== '';
		const atEnd = head !== '' && head !== '-' && head !== '=';
		return {
			arrow: atStart && atEnd ? 'both' : atStart || atEnd ? 'end' : 'none',
			label,
			edgeId,
			// Only a head at the start (`a <-- b`): the arrow points at the first node.
			reversed: atStart && !atEnd
		};
	}
}

/** Strips the backticks of a markdown title and decodes entity codes. */
function unquote(text: string): string {
	const markdown = /^`([\s\S]*)`$/.exec(text);
	return decodeMermaidText(markdown ? markdown[1] : text);
}

export function parseMermaid(
	text: string
): { ok: true; parsed: ParsedMermaid } | { ok: false; errors: MermaidError[] } {
	// Mermaid itself treats \r\n and \r as line breaks.
	const parser = new Parser(text.replace(/\r\n?/g, '\n'));
	parser.parse();
	if (parser.errors.length > 0) {
		return { ok: false, errors: parser.errors.sort((a, b) => a.line - b.line) };
	}
	return { ok: true, parsed: parser.result };
}
