import * as Y from 'yjs';
import { CONTENT_FIELD } from '../shape';
import { diffSequences } from './sequence-diff';

/** One block of text as a reader sees it: a paragraph, heading, list item, checklist item or table cell. */
export interface TextBlock {
	tag: 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6' | 'p' | 'li' | 'task' | 'cell' | 'code' | 'quote';
	/** Checklist items only. */
	checked?: boolean;
	text: string;
}

export interface DiffPart {
	text: string;
	change: 'same' | 'added' | 'removed';
}

export interface DiffBlock {
	tag: TextBlock['tag'];
	checked?: boolean;
	change: 'same' | 'changed' | 'added' | 'removed';
	parts: DiffPart[];
}

const CONTAINERS: Record<string, TextBlock['tag']> = {
	listItem: 'li',
	taskItem: 'task',
	tableCell: 'cell',
	tableHeader: 'cell',
	blockquote: 'quote'
};

/**
 * The document's text block by block, the way the editor shows it. Version
 * history compares these rather than Yjs structures: versions are stored as
 * garbage-collected states, which keep no deleted text to render a Yjs
 * snapshot diff from, and a reader wants to see words changed, not items.
 */
export function textBlocks(doc: Y.Doc): TextBlock[] {
	const blocks: TextBlock[] = [];
	walk(doc.getXmlFragment(CONTENT_FIELD), null, blocks);
	return blocks;
}

function walk(
	node: Y.XmlFragment | Y.XmlElement,
	context: { tag: TextBlock['tag']; checked?: boolean } | null,
	out: TextBlock[]
): void {
	for (const child of node.toArray()) {
		if (!(child instanceof Y.XmlElement)) continue;
		const name = child.nodeName;
		if (name === 'paragraph' || name === 'heading' || name === 'codeBlock') {
			const level = Number(child.getAttribute('level'));
			const tag: TextBlock['tag'] =
				name === 'heading'
					? (`h${Math.min(6, Math.max(1, Number.isFinite(level) ? level : 1))}` as TextBlock['tag'])
					: name === 'codeBlock'
						? 'code'
						: (context?.tag ?? 'p');
			out.push({
				tag,
				...(context?.checked !== undefined ? { checked: context.checked } : {}),
				text: inlineText(child)
			});
			continue;
		}
		const container = CONTAINERS[name];
		if (container) {
			const checked = child.getAttribute('checked') as unknown;
			walk(
				child,
				container === 'task'
					? { tag: container, checked: checked === true || checked === 'true' }
					: { tag: container },
				out
			);
		} else walk(child, context, out);
	}
}

function inlineText(element: Y.XmlElement): string {
	let text = '';
	for (const child of element.toArray()) {
		if (child instanceof Y.XmlText) {
			for (const op of child.toDelta() as { insert: unknown }[]) {
				if (typeof op.insert === 'string') text += op.insert;
			}
		} else if (child instanceof Y.XmlElement) {
			if (child.nodeName === 'mention') {
				const label = child.getAttribute('label') ?? child.getAttribute('id') ?? '';
				text += `@${String(label)}`;
			} else if (child.nodeName === 'hardBreak') text += '\n';
			else text += inlineText(child);
		}
	}
	return text;
}

const blockKey = (b: TextBlock) => `${b.tag}|${b.checked ?? ''}|${b.text}`;

/** What changed from `before` to `after`, block by block, words marked within changed blocks. */
export function diffTextBlocks(before: TextBlock[], after: TextBlock[]): DiffBlock[] {
	const out: DiffBlock[] = [];
	const runs = diffSequences(before, after, (x, y) => blockKey(x) === blockKey(y));
	for (let r = 0; r < runs.length; r++) {
		const run = runs[r];
		if (run.type === 'equal') {
			for (const b of after.slice(run.bStart, run.bEnd)) out.push(whole(b, 'same'));
			continue;
		}
		if (run.type === 'insert') {
			for (const b of after.slice(run.bStart, run.bEnd)) out.push(whole(b, 'added'));
			continue;
		}
		const next = runs[r + 1];
		const removed = before.slice(run.aStart, run.aEnd);
		const added = next?.type === 'insert' ? after.slice(next.bStart, next.bEnd) : [];
		if (next?.type === 'insert') r++;
		// A replaced block pairs with its successor, so an edited sentence shows its words changed.
		let paired = 0;
		while (
			paired < Math.min(removed.length, added.length) &&
			removed[paired].tag === added[paired].tag
		) {
			out.push(changedBlock(removed[paired], added[paired]));
			paired++;
		}
		for (const b of removed.slice(paired)) out.push(whole(b, 'removed'));
		for (const b of added.slice(paired)) out.push(whole(b, 'added'));
	}
	return out;
}

function whole(block: TextBlock, change: 'same' | 'added' | 'removed'): DiffBlock {
	const part: DiffPart = { text: block.text, change: change === 'same' ? 'same' : change };
	return { tag: block.tag, checked: block.checked, change, parts: block.text ? [part] : [] };
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/** Words (and, in Chinese, the segmenter's words) with the spaces and punctuation between them. */
function tokens(text: string): string[] {
	return [...segmenter.segment(text)].map((s) => s.segment);
}

function changedBlock(before: TextBlock, after: TextBlock): DiffBlock {
	const a = tokens(before.text);
	const b = tokens(after.text);
	const parts: DiffPart[] = [];
	const add = (text: string, change: DiffPart['change']) => {
		if (!text) return;
		const last = parts[parts.length - 1];
		if (last?.change === change) last.text += text;
		else parts.push({ text, change });
	};
	for (const run of diffSequences(a, b, (x, y) => x === y)) {
		if (run.type === 'equal') add(b.slice(run.bStart, run.bEnd).join(''), 'same');
		if (run.type === 'delete') add(a.slice(run.aStart, run.aEnd).join(''), 'removed');
		if (run.type === 'insert') add(b.slice(run.bStart, run.bEnd).join(''), 'added');
	}
	return { tag: after.tag, checked: after.checked, change: 'changed', parts };
}
