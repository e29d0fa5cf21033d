import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addEdge,
	addLane,
	addNode,
	numberSteps,
	readFlow,
	setFlowNumbering,
	setLaneLine
} from '$lib/model/flow';
import { buildFlowSvg, wrapText } from './svg-export';

describe('buildFlowSvg', () => {
	it("prints the title, each step's owner and target time, a margin and a legend of the shapes used", () => {
		const doc = new Y.Doc();
		const step = addNode(doc, {
			type: 'process',
			x: 0,
			y: 0,
			label: 'Call back',
			width: 280,
			ownerRole: 'Service desk',
			sla: '4h'
		});
		const note = addNode(doc, { type: 'decision', x: 300, y: 0, label: 'Solved?' });
		if (!step.ok || !note.ok) throw new Error('setup');
		const { svg, width, height } = buildFlowSvg(readFlow(doc), null, 'en', {
			title: '客户回访 flow'
		});
		expect(svg).toContain('客户回访 flow');
		expect(svg).toContain('Service desk · target 4h');
		expect(svg).toContain('Legend');
		expect(svg).toContain('>Process step<');
		expect(svg).toContain('>Decision<');
		expect(svg).not.toContain('>End<');
		// 40 px of paper around the shapes, and room for the title above them.
		expect(width).toBeGreaterThanOrEqual(300 + 140 + 80);
		expect(height).toBeGreaterThan(90 + 80 + 44);
	});

	it('draws every lane, shape, arrow and label of the diagram, wherever the screen was', () => {
		const doc = new Y.Doc();
		const lane = addLane(doc, { title: 'Customer <team>' });
		if (!lane.ok) throw new Error(lane.problem);
		setLaneLine(doc, lane.value.id, 'interaction');
		const a = addNode(doc, { type: 'decision', x: 40, y: 40, label: 'Refund > £50 & "urgent"?' });
		const b = addNode(doc, { type: 'process', x: 5000, y: 900, label: 'Far away' });
		if (!a.ok || !b.ok) throw new Error('setup');
		addEdge(doc, { source: a.value.id, target: b.value.id, label: 'Yes', arrow: 'both' });
		setFlowNumbering(doc, true);
		const snapshot = readFlow(doc);

		const { svg, width, height } = buildFlowSvg(snapshot, numberSteps(snapshot));
		expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
		expect(svg).toContain('Refund &gt; £50 &amp; &quot;urgent&quot;?');
		expect(svg).toContain('Customer &lt;team&gt;');
		expect(svg).toContain('Line of interaction');
		expect(svg).toContain('Far away');
		expect(svg).toContain('marker-start="url(#arrow)"');
		expect(svg).toContain('>Yes</tspan>');
		expect(svg).not.toMatch(/<[^>]*[<]/);
		const viewBox = /viewBox="(-?[\d.]+) (-?[\d.]+) (\d+) (\d+)"/.exec(svg)!.slice(1).map(Number);
		expect(viewBox[0]).toBeLessThan(40);
		expect(viewBox[0] + viewBox[2]).toBeGreaterThan(5160);
		expect(viewBox[1] + viewBox[3]).toBeGreaterThan(964);
		expect([width, height]).toEqual([viewBox[2], viewBox[3]]);
	});

	it("writes Chinese labels in the page's font stack for the language, Traditional fonts first in zh-Hant", () => {
		const doc = new Y.Doc();
		addNode(doc, { type: 'process', x: 0, y: 0, label: '處理客訴' });
		const family = (locale: string) =>
			/font-family="([^"]+)"/.exec(buildFlowSvg(readFlow(doc), null, locale).svg)![1];
		expect(family('zh-Hant')).toContain('&#39;PingFang TC&#39;');
		expect(family('zh-Hant').indexOf('PingFang TC')).toBeLessThan(
			family('zh-Hant').indexOf('PingFang SC')
		);
		expect(family('zh-Hans').indexOf('PingFang SC')).toBeLessThan(
			family('zh-Hans').indexOf('PingFang TC')
		);
	});
});

describe('wrapText', () => {
	it('breaks at spaces, splits words that cannot fit and ends a cut text with an ellipsis', () => {
		expect(wrapText('Check the refund request', 70, 5)).toEqual(['Check the', 'refund', 'request']);
		expect(wrapText('Supercalifragilistic', 70, 5)).toEqual(['Supercalif', 'ragilistic']);
		expect(wrapText('one two three four five six', 35, 2)).toEqual(['one', 'two…']);
	});

	it('breaks Chinese between characters, counting each as wide as two letters', () => {
		// 70 px hold five Chinese characters (13 px each) or ten letters.
		expect(wrapText('客户投诉处理流程', 70, 5)).toEqual(['客户投诉处', '理流程']);
		expect(wrapText('登记 SLA 超时', 70, 5)).toEqual(['登记 SLA', '超时']);
	});
});
