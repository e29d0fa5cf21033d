import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { scanFrameworkActions } from '../actions';
import { findFrameworkTemplate, initFrameworkDocument } from '../templates';
import { appendJson, fragmentToJson, frameworkToMarkdown, markdownToFramework } from '.';

const SOURCE = `# Callback service

Customers get a call **within 2 hours**, see [the playbook](https://example.com/play(book)).

## Steps

- Log the request
  - with the customer's number
- Call back

1. Triage
2. Assign

- [x] Draft the script
- [ ] Train the team

| Goal | Measure | Target |
| --- | --- | --- |
| Faster callbacks | Median wait | < 2 h |
| Fewer repeats | Repeat calls | 10 % |
`;

/** Export of what the import made, through a stored Yjs document as the server would hold it. */
function throughYjs(markdown: string): { doc: Y.Doc; markdown: string } {
	const doc = new Y.Doc();
	appendJson(doc.getXmlFragment('content'), markdownToFramework(markdown));
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	return {
		doc: copy,
		markdown: frameworkToMarkdown(fragmentToJson(copy.getXmlFragment('content')))
	};
}

describe('Markdown export and import of framework documents', () => {
	it('round-trips headings, lists, checklist items with their done state, tables and links', () => {
		const first = throughYjs(SOURCE);
		// A second trip changes nothing: the export reads back as the same document.
		expect(throughYjs(first.markdown).markdown).toBe(first.markdown);
		expect(first.markdown).toContain('# Callback service\n');
		expect(first.markdown).toContain('## Steps\n');
		expect(first.markdown).toContain(
			"- Log the request\n  - with the customer's number\n- Call back"
		);
		expect(first.markdown).toContain('1. Triage\n2. Assign');
		expect(first.markdown).toContain('- [x] Draft the script\n- [ ] Train the team');
		expect(first.markdown).toContain('| Goal | Measure | Target |\n| --- | --- | --- |');
		expect(first.markdown).toContain('| Faster callbacks | Median wait | &lt; 2 h |');
		expect(first.markdown).toContain('[the playbook](https://example.com/play%28book%29)');
		expect(first.markdown).toContain('**within 2 hours**');

		const json = fragmentToJson(first.doc.getXmlFragment('content'));
		const link = JSON.stringify(json).match(/"href":"([^"]+)"/)?.[1];
		expect(link).toBe('https://example.com/play(book)');
		const table = json.content!.find((n) => n.type === 'table')!;
		expect(table.content![2].content!.map((c) => c.content![0].content![0].text)).toEqual([
			'Fewer repeats',
			'Repeat calls',
			'10 %'
		]);
		// The imported checklist items are actions once keyed, with their done state.
		const doc = first.doc;
		const items = doc
			.getXmlFragment('content')
			.createTreeWalker((n) => n instanceof Y.XmlElement && n.nodeName === 'taskItem');
		let n = 0;
		for (const item of items) (item as Y.XmlElement).setAttribute('id', `k${n++}`);
		expect(scanFrameworkActions(doc).actions.map((a) => [a.title, a.done])).toEqual([
			['Draft the script', true],
			['Train the team', false]
		]);
	});

	it('writes mentions as names and never a link a viewer could not follow safely', () => {
		const md = frameworkToMarkdown({
			type: 'doc',
			content: [
				{
					type: 'paragraph',
					content: [
						{ type: 'text', text: 'Ask ' },
						{ type: 'mention', attrs: { id: 'u1', label: 'Bob Li' } },
						{ type: 'text', text: ' or ', marks: [] },
						{
							type: 'text',
							text: 'click',
							marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]
						},
						{ type: 'text', text: ' <img src=x onerror=alert(1)>' }
					]
				}
			]
		});
		expect(md).toBe('Ask @Bob Li or click &lt;img src=x onerror=alert(1)&gt;\n');
		const imported = JSON.stringify(markdownToFramework('[x](javascript:alert(1)) <b>hi</b>'));
		expect(imported).not.toContain('"link"');
		expect(imported).toContain('<b>hi</b>');
	});

	it('exports a template’s tables and checklist in the creator’s language', () => {
		const doc = new Y.Doc();
		initFrameworkDocument(doc, findFrameworkTemplate('operating-model-plan')!, 'zh-Hant');
		const md = frameworkToMarkdown(fragmentToJson(doc.getXmlFragment('content')));
		expect(md).toContain('## 一、背景與目標');
		expect(md).toContain('| 要素 | 涵蓋內容 | 負責人 | 與其他要素的銜接 |');
		expect(md).toContain('- [ ] 為第一線團隊辦理新流程教育訓練');
	});
});
