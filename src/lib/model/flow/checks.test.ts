import { describe, expect, it } from 'vitest';
import { checkFlow } from './checks';
import { mermaidToFlow } from './mermaid';
import type { FlowSnapshot } from './shape';

/** Small diagrams are easiest to write in Mermaid. */
function flow(text: string): FlowSnapshot {
	const result = mermaidToFlow(text);
	if (!result.ok) throw new Error(JSON.stringify(result.errors));
	return result.value;
}

const codes = (snapshot: FlowSnapshot) => checkFlow(snapshot).map((i) => [i.code, i.nodeIds]);

describe('flow checks', () => {
	it('finds nothing wrong with a complete flow, and nothing in an empty one', () => {
		const complete = flow(`flowchart LR
  s([Start]) --> ask{Paid?}
  ask -->|Yes| ship[Ship]
  ask -->|No| remind[Send reminder] --> ask
  ship --> e([Done])
  n@{ shape: brace, label: "Remember weekends" }`);
		expect(checkFlow(complete)).toEqual([]);
		expect(checkFlow(flow('flowchart LR'))).toEqual([]);
		expect(checkFlow(flow('flowchart LR\n  n@{ shape: brace, label: "Just a note" }'))).toEqual([]);
	});

	it('flags a flow without a start or an end', () => {
		expect(codes(flow('flowchart LR\n  a[Do] --> b[Done]'))).toEqual([
			['no-start', []],
			['no-end', []]
		]);
	});

	it('flags steps no arrow from a start reaches, following arrow directions', () => {
		const issues = checkFlow(
			flow(`flowchart LR
  s([Start]) --> a[Answer]
  b[Backlog] --> a
  c[Call back] <--> a
  a --> e([End])
  idea@{ shape: card, label: "Faster" } -.- b`)
		);
		expect(issues).toEqual([
			{
				code: 'unreachable',
				severity: 'warning',
				message: '“Backlog” cannot be reached from a start.',
				nodeIds: ['b'],
				edgeIds: []
			}
		]);
	});

	it('explains what it finds in the reader’s language', () => {
		const snapshot = flow(`flowchart LR
  s([开始]) --> d{是否紧急？}
  d -->|是| e([结束])
  x[回访客户]`);
		expect(checkFlow(snapshot, 'zh-Hans').map((i) => i.message)).toEqual([
			'从任何开始节点都无法到达“回访客户”。',
			'判断“是否紧急？”至少需要两条带标签的出口（例如“是”和“否”），目前有 1 条。'
		]);
		expect(checkFlow(flow('flowchart LR\n  a[做] --> b[完成]'), 'zh-Hant')[0].message).toBe(
			'流程圖沒有開始節點。'
		);
	});

	it('flags decisions with fewer than two labelled exits', () => {
		const issues = checkFlow(
			flow(`flowchart LR
  s([Start]) --> d{Urgent?}
  d -->|Yes| a[Page on-call] --> e([End])
  d --> b[Queue] --> e`)
		);
		expect(issues).toMatchObject([
			{
				code: 'decision-exits',
				message:
					'“Urgent?” needs at least two labelled exits (for example “Yes” and “No”); it has 1.',
				nodeIds: ['d']
			}
		]);
	});

	it('flags arrows whose shape is gone', () => {
		const snapshot = flow('flowchart LR\n  s([Start]) --> e([End])');
		snapshot.edges.push({ ...snapshot.edges[0], id: 'stale', target: 'removed' });
		expect(checkFlow(snapshot)).toMatchObject([
			{ code: 'edge-missing-node', severity: 'error', nodeIds: ['s'], edgeIds: ['stale'] }
		]);
	});
});
