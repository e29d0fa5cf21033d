import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import type { ContentMark, ContentNode } from './json';

/**
 * CommonMark plus GitHub's tables and strikethrough; raw HTML stays text
 * (nothing a file says becomes markup), and only links a reader can follow
 * safely survive (markdown-it's validateLink refuses javascript: and most data:).
 */
const parser = new MarkdownIt('default', { html: false, linkify: false });

const TASK = /^\[([ xX])\]\s+/;

const BLOCK_TYPES: Record<string, string> = {
	paragraph_open: 'paragraph',
	bullet_list_open: 'bulletList',
	ordered_list_open: 'orderedList',
	list_item_open: 'listItem',
	blockquote_open: 'blockquote',
	table_open: 'table',
	tr_open: 'tableRow',
	th_open: 'tableHeader',
	td_open: 'tableCell'
};

const MARK_TYPES: Record<string, string> = {
	strong_open: 'bold',
	em_open: 'italic',
	s_open: 'strike'
};

function inlineNodes(tokens: readonly Token[]): ContentNode[] {
	const nodes: ContentNode[] = [];
	const marks: ContentMark[] = [];
	const text = (value: string, extra: ContentMark[] = []) => {
		if (value === '') return;
		const all = [...marks, ...extra];
		nodes.push(
			all.length > 0 ? { type: 'text', text: value, marks: all } : { type: 'text', text: value }
		);
	};
	for (const token of tokens) {
		if (MARK_TYPES[token.type]) marks.push({ type: MARK_TYPES[token.type] });
		else if (token.type.endsWith('_close') && token.type !== 'link_close') {
			const type = MARK_TYPES[token.type.replace('_close', '_open')];
			const at = marks.findLastIndex((m) => m.type === type);
			if (at >= 0) marks.splice(at, 1);
		} else if (token.type === 'link_open') {
			marks.push({ type: 'link', attrs: { href: token.attrGet('href') ?? '' } });
		} else if (token.type === 'link_close') {
			const at = marks.findLastIndex((m) => m.type === 'link');
			if (at >= 0) marks.splice(at, 1);
		} else if (token.type === 'code_inline') text(token.content, [{ type: 'code' }]);
		else if (token.type === 'hardbreak') nodes.push({ type: 'hardBreak' });
		else if (token.type === 'softbreak') text(' ');
		else if (token.type === 'text') text(token.content);
		else if (token.type === 'image') text(token.content || (token.attrGet('src') ?? ''));
	}
	return nodes;
}

/** A list whose every item starts with `[ ]` or `[x]` is a checklist; its items lose the box text. */
function asTaskList(list: ContentNode): ContentNode {
	const items = list.content ?? [];
	const boxOf = (item: ContentNode) => {
		const first = item.content?.[0]?.content?.[0];
		return first?.type === 'text' ? TASK.exec(first.text ?? '') : null;
	};
	if (list.type !== 'bulletList' || items.length === 0 || !items.every(boxOf)) return list;
	return {
		type: 'taskList',
		content: items.map((item) => {
			const box = boxOf(item)!;
			const [paragraph, ...rest] = item.content!;
			const [first, ...others] = paragraph.content!;
			const remaining = (first.text ?? '').slice(box[0].length);
			const inline = remaining === '' ? others : [{ ...first, text: remaining }, ...others];
			return {
				type: 'taskItem',
				attrs: { checked: box[1] !== ' ' },
				content: [{ ...paragraph, content: inline.length > 0 ? inline : undefined }, ...rest]
			};
		})
	};
}

function withoutEmpty(node: ContentNode): ContentNode {
	if (node.content && node.content.length === 0) delete node.content;
	return node;
}

/**
 * Markdown as framework content (ProseMirror JSON, `{ type: 'doc', content }`):
 * headings, paragraphs, bullet, numbered and checklist items (`- [ ]`,
 * `- [x]`, with their done state), quotes, code, rules, tables and links.
 * Checklist items arrive without a key; the editor or the server keys them.
 */
export function markdownToFramework(markdown: string): ContentNode {
	const root: ContentNode = { type: 'doc', content: [] };
	const stack: ContentNode[] = [root];
	const top = () => stack[stack.length - 1];
	const append = (node: ContentNode) => (top().content ??= []).push(node);
	for (const token of parser.parse(markdown, {})) {
		const type = BLOCK_TYPES[token.type];
		if (type) {
			const node: ContentNode = { type, content: [] };
			if (type === 'orderedList') {
				const start = Number(token.attrGet('start') ?? 1);
				if (start !== 1) node.attrs = { start };
			}
			append(node);
			stack.push(node);
		} else if (token.type === 'heading_open') {
			const node: ContentNode = {
				type: 'heading',
				attrs: { level: Number(token.tag.slice(1)) },
				content: []
			};
			append(node);
			stack.push(node);
		} else if (
			token.nesting === -1 &&
			(BLOCK_TYPES[token.type.replace('_close', '_open')] || token.type === 'heading_close')
		) {
			const done = stack.pop()!;
			withoutEmpty(done);
			if (done.type === 'bulletList') Object.assign(done, asTaskList(done));
			// A table cell holds a paragraph, as the editor's schema requires.
			if (done.type === 'tableHeader' || done.type === 'tableCell') {
				done.content = [withoutEmpty({ type: 'paragraph', content: done.content ?? [] })];
			}
		} else if (token.type === 'inline') {
			for (const node of inlineNodes(token.children ?? [])) append(node);
		} else if (token.type === 'fence' || token.type === 'code_block') {
			const text = token.content.replace(/\n$/, '');
			append({
				type: 'codeBlock',
				attrs: { language: token.info.trim() || null },
				...(text ? { content: [{ type: 'text', text }] } : {})
			});
		} else if (token.type === 'hr') append({ type: 'horizontalRule' });
	}
	return root;
}
