import { escapeMarkdownInline } from '../../markdown';
import type { ContentMark, ContentNode } from './json';

/** Links Markdown viewers may follow; anything else (javascript:, data:) is written as text. */
const SAFE_HREF = /^(https?:|mailto:|\/|#)/i;

const MARK_WRAP: Record<string, string> = { bold: '**', italic: '_', strike: '~~' };

function linkHref(marks: readonly ContentMark[]): string | null {
	const link = marks.find((m) => m.type === 'link');
	const href = link?.attrs?.href;
	return typeof href === 'string' && SAFE_HREF.test(href.trim())
		? href
				.trim()
				.replace(
					/[()\s<>]/g,
					(c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
				)
		: null;
}

function textOf(node: ContentNode): string {
	const marks = node.marks ?? [];
	const text = node.text ?? '';
	if (marks.some((m) => m.type === 'code')) {
		// A backtick inside is fenced by a longer run of them.
		const fence = text.includes('`') ? '``' : '`';
		return `${fence}${fence.length > 1 ? ' ' : ''}${text}${fence.length > 1 ? ' ' : ''}${fence}`;
	}
	// Emphasis cannot start or end with a space: keep the spaces outside the markers.
	const [, before, core, after] = /^(\s*)(.*?)(\s*)$/s.exec(text)!;
	let out = escapeMarkdownInline(core);
	for (const mark of marks) {
		const wrap = MARK_WRAP[mark.type];
		if (wrap && out !== '') out = `${wrap}${out}${wrap}`;
	}
	return before + out + after;
}

/** The inline content of a block, with adjacent runs of one link merged into one `[…](…)`. */
function inline(nodes: readonly ContentNode[] = [], lineBreak = '\\\n'): string {
	let out = '';
	// An object rather than a nullable local, which TypeScript narrows to null inside the loop.
	const open = { href: null as string | null, text: '' };
	const close = () => {
		if (open.href) out += `[${open.text}](${open.href})`;
		open.href = null;
	};
	for (const node of nodes) {
		const href = node.type === 'text' ? linkHref(node.marks ?? []) : null;
		const piece =
			node.type === 'text'
				? textOf(node)
				: node.type === 'mention'
					? escapeMarkdownInline(`@${String(node.attrs?.label ?? node.attrs?.id ?? '')}`)
					: node.type === 'hardBreak'
						? lineBreak
						: '';
		if (href && open.href === href) {
			open.text += piece;
			continue;
		}
		close();
		if (href) Object.assign(open, { href, text: piece });
		else out += piece;
	}
	close();
	return out;
}

const indent = (text: string, by: string) =>
	text
		.split('\n')
		.map((line, i) => (i === 0 || line === '' ? line : by + line))
		.join('\n');

function listItem(item: ContentNode, marker: string): string {
	// A nested list follows its item's text directly, so the list stays tight.
	const body = (item.content ?? [])
		.map((child, i) => (i === 0 ? '' : child.type.endsWith('List') ? '\n' : '\n\n') + block(child))
		.join('');
	return marker + indent(body, ' '.repeat(marker.length));
}

function tableCell(cell: ContentNode): string {
	return (cell.content ?? [])
		.map((p) => inline(p.content, ' '))
		.join(' ')
		.trim();
}

function table(node: ContentNode): string {
	const rows = (node.content ?? []).map((row) => (row.content ?? []).map(tableCell));
	if (rows.length === 0) return '';
	const width = Math.max(...rows.map((r) => r.length));
	const line = (cells: string[]) =>
		`| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
	return [line(rows[0]), line(Array(width).fill('---')), ...rows.slice(1).map(line)].join('\n');
}

function block(node: ContentNode): string {
	switch (node.type) {
		case 'heading': {
			const level = Math.min(6, Math.max(1, Number(node.attrs?.level) || 1));
			return `${'#'.repeat(level)} ${inline(node.content, ' ')}`;
		}
		case 'paragraph':
			return inline(node.content);
		case 'bulletList':
			return (node.content ?? []).map((item) => listItem(item, '- ')).join('\n');
		case 'orderedList': {
			const start = Number(node.attrs?.start) || 1;
			return (node.content ?? []).map((item, i) => listItem(item, `${start + i}. `)).join('\n');
		}
		case 'taskList':
			return (node.content ?? [])
				.map((item) => {
					const checked = item.attrs?.checked === true || item.attrs?.checked === 'true';
					return listItem(item, checked ? '- [x] ' : '- [ ] ');
				})
				.join('\n');
		case 'blockquote':
			return (node.content ?? [])
				.map(block)
				.join('\n\n')
				.split('\n')
				.map((line) => (line === '' ? '>' : `> ${line}`))
				.join('\n');
		case 'codeBlock': {
			const text = (node.content ?? []).map((t) => t.text ?? '').join('');
			const fence = text.includes('```') ? '````' : '```';
			const language = typeof node.attrs?.language === 'string' ? node.attrs.language : '';
			return `${fence}${language}\n${text}\n${fence}`;
		}
		case 'horizontalRule':
			return '---';
		case 'table':
			return table(node);
		default:
			// An unknown block keeps its text rather than disappearing from the export.
			return (node.content ?? [])
				.map((child) => (child.type === 'text' ? textOf(child) : block(child)))
				.join('');
	}
}

/**
 * A framework document as Markdown (CommonMark with GitHub's tables and
 * task lists): checklist items as `- [ ]` / `- [x]`, mentions as `@Name`,
 * links only where a viewer can follow them safely. Blocks are separated by
 * blank lines; the text ends with one newline.
 */
export function frameworkToMarkdown(doc: ContentNode): string {
	const blocks = (doc.content ?? []).map(block).filter((b) => b.trim() !== '');
	return blocks.length > 0 ? `${blocks.join('\n\n')}\n` : '';
}
