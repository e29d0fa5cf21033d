import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addEdge,
	addLane,
	addNode,
	describeMermaidError,
	flowToMermaid,
	importMermaid,
	initFlowDocument,
	laneAt,
	mermaidToFlow,
	readFlow,
	renameLane,
	setFlowDirection,
	setFlowNumbering,
	updateNode,
	type FlowResult,
	type FlowSnapshot
} from './index';

function value<T>(result: FlowResult<T>): T {
	if (!result.ok) throw new Error(result.problem);
	return result.value;
}

function parsed(text: string): FlowSnapshot {
	const result = mermaidToFlow(text);
	if (!result.ok) throw new Error(result.errors.map(describeMermaidError).join('\n'));
	return result.value;
}

/** Export, then import both as a snapshot and into a fresh document: all three must agree. */
function expectRoundTrip(doc: Y.Doc): string {
	const before = readFlow(doc);
	const text = flowToMermaid(before);
	expect(parsed(text)).toEqual(before);
	const copy = new Y.Doc();
	expect(importMermaid(copy, text)).toMatchObject({ ok: true });
	expect(readFlow(copy)).toEqual(before);
	expect(flowToMermaid(readFlow(copy))).toBe(text);
	return text;
}

function blueprintWithSteps(): Y.Doc {
	const doc = new Y.Doc();
	value(initFlowDocument(doc, 'service-blueprint', 'en'));
	const flow = readFlow(doc);
	const [, front, back, support] = flow.lanes;
	const check = value(
		addNode(doc, { type: 'process', x: 480, y: back.top + 30, label: 'Check stock' })
	).id;
	value(
		updateNode(doc, check, {
			ownerRole: 'Warehouse lead',
			sla: '2h',
			description: 'Look in both warehouses.\nCall the supplier if short.'
		})
	);
	const erp = value(addNode(doc, { type: 'data', x: 480, y: support.top + 40, label: 'ERP' })).id;
	const staff = flow.nodes.find((n) => n.laneId === front.id)!.id;
	value(addEdge(doc, { source: staff, target: check, style: 'step' }));
	value(addEdge(doc, { source: check, target: erp, arrow: 'both', style: 'straight' }));
	return doc;
}

describe('Mermaid export and import round-trip', () => {
	it('keeps a service blueprint with steps, lanes, lines and step details', () => {
		const text = expectRoundTrip(blueprintWithSteps());
		expect(text).toMatch(/^flowchart LR\n {4}subgraph lane1\["Customer actions"\]\n/);
		expect(text).toContain('<-->');
		expect(text).toMatch(/linkStyle \d+ interpolate step/);
	});

	it('keeps a decision with labelled yes/no exits', () => {
		const doc = new Y.Doc();
		value(initFlowDocument(doc, 'blank', 'en'));
		const ask = value(addNode(doc, { type: 'decision', x: 0, y: 0, label: 'In stock?' })).id;
		const ship = value(addNode(doc, { type: 'process', x: 300, y: -100, label: 'Ship' })).id;
		const order = value(addNode(doc, { type: 'process', x: 300, y: 100, label: 'Order' })).id;
		value(addEdge(doc, { source: ask, target: ship, label: 'Yes' }));
		value(addEdge(doc, { source: ask, target: order, label: 'No' }));
		const text = expectRoundTrip(doc);
		expect(text).toContain('n1{"In stock?"}');
		expect(text).toContain('n1 -->|"Yes"| n2');
		expect(text).toContain('n1 -->|"No"| n3');
	});

	it('keeps every node type, arrow kind, handles, numbering and direction', () => {
		const doc = new Y.Doc();
		value(initFlowDocument(doc, 'cross-team', 'en'));
		value(setFlowNumbering(doc, true));
		value(setFlowDirection(doc, 'TB'));
		const types = ['document', 'data', 'manual', 'handoff', 'note', 'decision'] as const;
		const ids = types.map(
			(type, i) => value(addNode(doc, { type, x: 100 + i * 200, y: 200, label: type })).id
		);
		const step = ids[0];
		value(
			addNode(doc, {
				type: 'improvement',
				x: 0,
				y: 600,
				label: 'Scan documents on arrival',
				attachedTo: step,
				ownerId: 'user-7',
				dueDate: '2026-11-30',
				done: true
			})
		);
		value(addNode(doc, { type: 'improvement', x: 300, y: 600, label: 'Unattached idea' }));
		value(addEdge(doc, { source: ids[0], target: ids[1], arrow: 'none', sourceHandle: 'right' }));
		value(addEdge(doc, { source: ids[1], target: ids[2], arrow: 'both', targetHandle: 'top' }));
		value(addEdge(doc, { source: ids[2], target: ids[3], style: 'straight' }));
		value(addEdge(doc, { source: ids[2], target: ids[3], style: 'step', label: 'again' }));
		value(addEdge(doc, { source: ids[5], target: ids[5], label: 'retry' }));
		const text = expectRoundTrip(doc);
		expect(text).toMatch(/^flowchart TB/);
		expect(text).toContain('@{ shape: doc, label: "document" }');
		expect(text).toMatch(/ -\.- /);
	});

	it('keeps labels with quotes, brackets, entities, newlines, unicode and empty text', () => {
		const doc = new Y.Doc();
		value(initFlowDocument(doc, 'blank', 'en'));
		const lane = value(addLane(doc, { title: '' })).id;
		value(addLane(doc, { title: 'Équipe "Ops" [nuit] & co' }));
		const labels = [
			'Say "hello" [now] {later} (maybe)',
			'Line one\nLine two\r\nthree',
			'<b>not bold</b> & &amp; #quot; #35; 100%% done; a|b',
			'Zoë → 東京 🚀 \\ back\\slash `code`',
			'end',
			'',
			'  padded  '
		];
		labels.forEach((label, i) => {
			value(addNode(doc, { type: i % 2 ? 'document' : 'process', x: i * 200, y: 20, label }));
		});
		const a = value(addNode(doc, { type: 'start', x: 0, y: 400, label: 'a' })).id;
		const b = value(addNode(doc, { type: 'end', x: 200, y: 400, label: 'b' })).id;
		value(addEdge(doc, { source: a, target: b, label: 'Ja | "Nein" <br> \n ok' }));
		value(renameLane(doc, lane, ''));
		expectRoundTrip(doc);
	});

	it('keeps an empty diagram', () => {
		const doc = new Y.Doc();
		value(initFlowDocument(doc, 'blank', 'en'));
		expect(expectRoundTrip(doc)).toMatch(/^flowchart LR\n/);
	});

	it('takes hand edits to the exported text: a new label and a node moved to another lane', () => {
		const doc = blueprintWithSteps();
		const before = readFlow(doc);
		const text = flowToMermaid(before);
		const staff = before.nodes.find((n) => n.label === 'Staff responds')!;
		const line = /\n( +)(\w+)\["Staff responds"\]\n/.exec(text)!;
		const edited = text
			.replace(line[0], '\n')
			.replace(
				'subgraph lane3["Backstage"]\n',
				`subgraph lane3["Backstage"]\n${line[1]}${line[2]}["Staff replies"]\n`
			);
		const after = parsed(edited);
		const moved = after.nodes.find((n) => n.id === staff.id)!;
		expect(moved.label).toBe('Staff replies');
		expect(moved.laneId).toBe(before.lanes[2].id);
		// Same place within its new lane.
		expect(moved.y - after.lanes[2].top).toBe(staff.y - before.lanes[1].top);
	});
});

describe('importing hand-written Mermaid', () => {
	it('reads a classic flowchart with a decision and text on the arrows', () => {
		const flow = parsed(`graph TD
  A[Start] --> B{Is it working?}
  B -- Yes --> C[Great]
  B -- No --> D[Fix it]
  D --> B`);
		expect(flow.meta.direction).toBe('TB');
		expect(flow.nodes.map((n) => [n.id, n.type, n.label])).toEqual([
			['A', 'process', 'Start'],
			['B', 'decision', 'Is it working?'],
			['C', 'process', 'Great'],
			['D', 'process', 'Fix it']
		]);
		expect(flow.edges.map((e) => [e.source, e.target, e.label, e.arrow])).toEqual([
			['A', 'B', '', 'end'],
			['B', 'C', 'Yes', 'end'],
			['B', 'D', 'No', 'end'],
			['D', 'B', '', 'end']
		]);
		// Laid out in flow order, nothing on top of anything else.
		const at = new Map(flow.nodes.map((n) => [n.id, n]));
		expect(at.get('A')!.y).toBeLessThan(at.get('B')!.y);
		expect(at.get('B')!.y).toBeLessThan(at.get('C')!.y);
		expect(new Set(flow.nodes.map((n) => `${n.x},${n.y}`)).size).toBe(4);
	});

	it('turns subgraphs into lanes and places every node visibly inside its lane', () => {
		const flow = parsed(`%% an online shop
flowchart LR
  subgraph cust [Customer]
    s([Order placed]) --> pay[/Pay online/]
  end
  subgraph shop["Shop team"]
    direction TB
    pick[[Pick items]] & pack[(Stock DB)] --> ship>Hand to courier]
  end
  pay ==> pick
  pay -.-> pack
  ship --> done((Delivered)):::good
  classDef good fill:#9f6;
  class pick good
  style ship fill:#bbf,stroke:#333
  click pick "https://example.com" "Open"
  linkStyle default interpolate linear`);
		expect(flow.lanes.map((l) => [l.id, l.title])).toEqual([
			['cust', 'Customer'],
			['shop', 'Shop team']
		]);
		const byId = new Map(flow.nodes.map((n) => [n.id, n]));
		expect([...byId.values()].map((n) => [n.id, n.type, n.laneId])).toEqual([
			['done', 'end', null],
			['pack', 'data', 'shop'],
			['pay', 'data', 'cust'],
			['pick', 'process', 'shop'],
			['s', 'start', 'cust'],
			['ship', 'handoff', 'shop']
		]);
		expect(flow.edges).toHaveLength(6);
		expect(flow.edges.every((e) => e.style === 'straight')).toBe(true);
		for (const node of flow.nodes) {
			const lane = laneAt(flow.lanes, node.y + node.height / 2);
			expect(lane?.id ?? null).toBe(node.laneId);
		}
		const boxes = flow.nodes.map((n) => [n.x, n.y, n.x + n.width, n.y + n.height]);
		for (const [i, a] of boxes.entries()) {
			for (const b of boxes.slice(i + 1)) {
				const overlap = a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
				expect(overlap).toBe(false);
			}
		}
	});

	it('reads chains, &, every arrow kind, pipes, v11 shapes, edge ids and one-line charts', () => {
		const flow = parsed(
			'graph LR; a-->b-->c; a & b --- d; c <-->|"both ways"| d; d -.->|maybe| e; e ==> f; f ~~~ g; ' +
				'h e9@--> a; doc1@{ shape: doc, label: "Terms \\"v2\\"" }; m["`**Bold** move`"] --o doc1'
		);
		const edge = (s: string, t: string) =>
			flow.edges.find((e) => e.source === s && e.target === t)!;
		expect(edge('a', 'b').arrow).toBe('end');
		expect(edge('b', 'c').arrow).toBe('end');
		expect(edge('a', 'd').arrow).toBe('none');
		expect(edge('b', 'd').arrow).toBe('none');
		expect(edge('c', 'd')).toMatchObject({ arrow: 'both', label: 'both ways' });
		expect(edge('d', 'e')).toMatchObject({ arrow: 'end', label: 'maybe' });
		expect(edge('f', 'g').arrow).toBe('none');
		expect(edge('h', 'a').id).toBe('e9');
		expect(edge('m', 'doc1').arrow).toBe('end');
		expect(flow.nodes.find((n) => n.id === 'doc1')).toMatchObject({
			type: 'document',
			label: 'Terms "v2"'
		});
		expect(flow.nodes.find((n) => n.id === 'm')!.label).toBe('**Bold** move');
		expect(new Set(flow.edges.map((e) => e.id)).size).toBe(flow.edges.length);
	});

	it('names a subgraph written with a title only, and reads entity codes and <br>', () => {
		const flow = parsed(`flowchart LR
subgraph Team One
  x["A #quot;quote#quot; and #9829; and &amp;<br/>next"]
end`);
		expect(flow.lanes).toMatchObject([{ id: 'subGraph0', title: 'Team One' }]);
		expect(flow.nodes[0].label).toBe('A "quote" and ♥ and &\nnext');
	});

	it('reads an improvement note drawn as a card linked to its step', () => {
		const flow = parsed(`flowchart LR
  s[Answer call] --> t[Log ticket]
  idea@{ shape: card, label: "Auto-log calls" } -.- t`);
		expect(flow.nodes.find((n) => n.id === 'idea')).toMatchObject({
			type: 'improvement',
			attachedTo: 't'
		});
		expect(flow.edges).toHaveLength(1);
	});
});

describe('Mermaid import errors', () => {
	const errorsOf = (text: string) => {
		const result = mermaidToFlow(text);
		if (result.ok) throw new Error('expected errors');
		return result.errors;
	};

	it('says what kind of text it expects', () => {
		expect(errorsOf('sequenceDiagram\n  A->>B: hi')).toEqual([
			{
				line: 1,
				message:
					'A Mermaid flowchart starts with “flowchart” or “graph” and a direction, for example “flowchart LR”; found “sequenceDiagram”.'
			}
		]);
		expect(errorsOf('   ')[0].message).toBe('There is no Mermaid text to import.');
	});

	it('reports every broken line with its number', () => {
		const errors = errorsOf(`flowchart LR
  A --> B
  B -->
  C[unclosed --> D
  E -- text
  F{ok} ?? G
  end`);
		expect(errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7]);
		expect(errors[0].message).toBe('Expected a node id, found the end of the line.');
		expect(errors[1].message).toBe('The shape opened with “[” is not closed with “]”.');
		expect(errors[2].message).toMatch(/not followed by the rest of the arrow/);
		expect(errors[3].message).toBe('Expected an arrow such as “-->”, found “?? G”.');
		expect(errors[4].message).toBe('“end” without a subgraph to close.');
		expect(describeMermaidError(errors[0])).toBe(
			'Line 3: Expected a node id, found the end of the line.'
		);
	});

	it('refuses unclosed subgraphs, links to subgraphs and bad opsloom data', () => {
		expect(errorsOf('flowchart LR\nsubgraph S\n  a\n')[0]).toEqual({
			line: 2,
			message: 'The subgraph “S” is never closed with “end”.'
		});
		expect(errorsOf('flowchart LR\nsubgraph S\n  a\nend\nS --> a')[0].line).toBe(5);
		expect(errorsOf('flowchart LR\n  a\n%% opsloom:node a {bad}')[0]).toEqual({
			line: 3,
			message: 'The data in this “opsloom:” comment is not valid JSON.'
		});
		expect(errorsOf('flowchart LR\n  a\n%% opsloom:node a {"width": -4}')[0].message).toMatch(
			/width must be between/
		);
		expect(errorsOf('flowchart LR\n%% opsloom:flow {"schemaVersion": 9}')[0].message).toMatch(
			/newer Opsloom/
		);
		expect(
			errorsOf('flowchart LR\n a[A] --> b[B]\n idea@{ shape: card } -.- a\n idea -.- b')[0]
		).toEqual({
			line: 4,
			message: 'The improvement note “idea” is linked to two steps; it improves one.'
		});
	});

	it('stops at its limits instead of stalling on huge or hostile text', () => {
		const many = Array.from({ length: 2001 }, (_, i) => `n${i}`).join('\n');
		expect(errorsOf(`flowchart LR\n${many}`)).toEqual([
			{ line: 2002, message: 'A flow can import at most 2000 nodes.' }
		]);
		const group = Array.from({ length: 100 }, (_, i) => `a${i}`).join(' & ');
		expect(errorsOf(`flowchart LR\n${group} --> ${group.replaceAll('a', 'b')}`)[0].message).toBe(
			'A flow can import at most 5000 arrows.'
		);
		const started = Date.now();
		const broken = errorsOf(`flowchart LR\n${'a["x --> [/ b -- c\n'.repeat(20000)}`);
		expect(broken.at(-1)!.message).toBe('Too many errors; stopped reading here.');
		expect(mermaidToFlow(`flowchart LR\n${'a[/x/] --> '.repeat(1000)}a`).ok).toBe(true);
		expect(Date.now() - started).toBeLessThan(2000);
	});

	it('leaves the document untouched when the text has errors', () => {
		const doc = blueprintWithSteps();
		const before = Y.encodeStateVector(doc);
		const result = importMermaid(doc, 'flowchart LR\n  A -->');
		expect(result).toMatchObject({ ok: false, errors: [{ line: 2 }] });
		expect(Y.encodeStateVector(doc)).toEqual(before);
	});

	it('replaces the whole diagram in one update', () => {
		const doc = blueprintWithSteps();
		const updates: Uint8Array[] = [];
		doc.on('update', (update: Uint8Array) => updates.push(update));
		expect(importMermaid(doc, 'flowchart LR\n  a([Go]) --> b([Stop])')).toEqual({
			ok: true,
			value: { lanes: 0, nodes: 2, edges: 1 }
		});
		expect(updates).toHaveLength(1);
		expect(readFlow(doc).nodes.map((n) => [n.id, n.type])).toEqual([
			['a', 'start'],
			['b', 'end']
		]);
	});
});

describe('what a stock client can write into a flow', () => {
	it('round-trips odd ids, handles and text a script wrote straight into the document', () => {
		const doc = blueprintWithSteps();
		doc.transact(() => {
			const nodes = doc.getMap<Y.Map<unknown>>('nodes');
			const edges = doc.getMap<Y.Map<unknown>>('edges');
			// Handles with spaces, quotes and non-Latin text, as a script may set them.
			for (const edge of edges.values()) {
				edge.set('sourceHandle', 'right side');
				edge.set('targetHandle', '左 "top"');
			}
			// A node and an edge keyed by ids the editor would never make.
			const [firstId, first] = [...nodes.entries()][0];
			const copy = new Y.Map<unknown>();
			for (const [key, field] of first.entries()) copy.set(key, field);
			copy.set('label', 'Line\nbreak "quoted" %% not a comment');
			nodes.set('odd id 客户', copy);
			const edge = new Y.Map<unknown>();
			edge.set('source', firstId);
			edge.set('target', 'odd id 客户');
			edge.set('label', ']|"end');
			edges.set('edge with spaces', edge);
		});
		expectRoundTrip(doc);
	});
});
