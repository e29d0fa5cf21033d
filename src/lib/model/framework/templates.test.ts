import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { scanFrameworkActions } from './actions';
import { KINDS } from '../kinds';
import { FRAMEWORK_TEMPLATES, findFrameworkTemplate, initFrameworkDocument } from './templates';

function created(id: string, locale: 'en' | 'zh-Hans' | 'zh-Hant'): Y.Doc {
	const doc = new Y.Doc();
	initFrameworkDocument(doc, findFrameworkTemplate(id)!, locale);
	return doc;
}

const nodeNames = (doc: Y.Doc) =>
	doc
		.getXmlFragment('content')
		.toArray()
		.map((n) => (n as Y.XmlElement).nodeName);

describe('framework templates', () => {
	it('write the operating model plan in the creator’s language, its steps already actions', () => {
		const doc = created('operating-model-plan', 'zh-Hans');
		const text = KINDS.framework
			.searchText(doc)
			.map((p) => p.text)
			.join('\n');
		expect(text).toContain('一、背景与目标');
		expect(text).toContain('服务交付');
		expect(nodeNames(doc).filter((n) => n === 'table')).toHaveLength(3);
		const { actions } = scanFrameworkActions(doc);
		expect(actions.map((a) => a.title)).toContain('对一线团队进行新流程培训');
		expect(actions.every((a) => a.done === false)).toBe(true);

		const taiwan = KINDS.framework
			.searchText(created('operating-model-plan', 'zh-Hant'))
			.map((p) => p.text)
			.join('\n');
		expect(taiwan).toContain('一、背景與目標');
		expect(taiwan).toContain('為第一線團隊辦理新流程教育訓練');
	});

	it('start every document stamped, and a blank one empty', () => {
		for (const template of FRAMEWORK_TEMPLATES) {
			const doc = new Y.Doc();
			initFrameworkDocument(doc, template, 'en');
			expect(doc.getMap('meta').toJSON()).toEqual({ schemaVersion: 1, kind: 'framework' });
		}
		expect(nodeNames(created('blank', 'en'))).toEqual([]);
		expect(nodeNames(created('post-incident-review', 'en'))).toContain('bulletList');
	});
});
