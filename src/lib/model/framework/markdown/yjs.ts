import * as Y from 'yjs';
import type { ContentMark, ContentNode } from './json';

function textNodes(text: Y.XmlText): ContentNode[] {
	const nodes: ContentNode[] = [];
	for (const op of text.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[]) {
		if (typeof op.insert !== 'string' || op.insert === '') continue;
		const marks: ContentMark[] = Object.entries(op.attributes ?? {}).map(([type, attrs]) =>
			attrs && typeof attrs === 'object' && Object.keys(attrs).length > 0
				? { type, attrs: attrs as Record<string, unknown> }
				: { type }
		);
		nodes.push(
			marks.length > 0
				? { type: 'text', text: op.insert, marks }
				: { type: 'text', text: op.insert }
		);
	}
	return nodes;
}

function elementNode(element: Y.XmlElement): ContentNode {
	const attrs = element.getAttributes() as Record<string, unknown>;
	const node: ContentNode = { type: element.nodeName };
	if (Object.keys(attrs).length > 0) node.attrs = attrs;
	const content = childrenOf(element);
	if (content.length > 0) node.content = content;
	return node;
}

function childrenOf(parent: Y.XmlFragment | Y.XmlElement): ContentNode[] {
	return parent
		.toArray()
		.flatMap((child) =>
			child instanceof Y.XmlText
				? textNodes(child)
				: child instanceof Y.XmlElement
					? [elementNode(child)]
					: []
		);
}

/** A stored framework document's content as ProseMirror JSON (`{ type: 'doc', content }`). */
export function fragmentToJson(fragment: Y.XmlFragment): ContentNode {
	return { type: 'doc', content: childrenOf(fragment) };
}

function toYElement(node: ContentNode): Y.XmlElement {
	const element = new Y.XmlElement(node.type);
	for (const [key, value] of Object.entries(node.attrs ?? {})) {
		// y-prosemirror keeps attribute values as given (numbers, booleans); null means unset.
		if (value !== null && value !== undefined) element.setAttribute(key, value as string);
	}
	const children: (Y.XmlElement | Y.XmlText)[] = [];
	let run: Y.XmlText | null = null;
	// A text not yet in a document reports length 0, so the offset is counted here.
	let offset = 0;
	for (const child of node.content ?? []) {
		if (child.type === 'text') {
			if (!run) {
				run = new Y.XmlText();
				offset = 0;
			}
			const marks = Object.fromEntries((child.marks ?? []).map((m) => [m.type, m.attrs ?? {}]));
			run.insert(offset, child.text ?? '', marks);
			offset += (child.text ?? '').length;
		} else {
			if (run) children.push(run);
			run = null;
			children.push(toYElement(child));
		}
	}
	if (run) children.push(run);
	if (children.length > 0) element.insert(0, children);
	return element;
}

/** Appends the blocks of a ProseMirror JSON document to a framework fragment. */
export function appendJson(fragment: Y.XmlFragment, doc: ContentNode): void {
	const write = () => fragment.insert(fragment.length, (doc.content ?? []).map(toYElement));
	if (fragment.doc) fragment.doc.transact(write);
	else write();
}
