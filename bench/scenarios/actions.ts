import * as Y from 'yjs';
import { extractFrameworkActions } from '../../src/lib/model/framework/actions';
import { openDatabase } from '../../src/lib/server/db';
import { createDocument } from '../../src/lib/server/documents';
import { reconcileDocumentTasks } from '../../src/lib/server/task-sync';
import { signUp } from '../../src/lib/server/users';
import { createWorkspace } from '../../src/lib/server/workspaces';
import { closeClients, observeRemoteItems, openClients, type BenchClient } from '../clients';
import { LatencyRecorder } from '../latency';
import type { BenchOptions } from '../options';
import { LoadWindow, waitUntil, type Figure } from '../scenario';
import { OursServer, sleep, startBenchServer } from '../servers';

/**
 * The action pipeline's cost (ours only; the reference has no such thing):
 * - extraction and reconciliation of a framework document with `items`
 *   checklist items, timed in this process against an in-memory PGlite;
 * - end to end: the items written by a client until all are tasks in the API;
 * - fan-out on that document with extraction on and off: every write also
 *   renames a checklist item, so each extraction finds work to reconcile.
 */
export interface ActionsResult {
	figures: { figure: string; unit: string; on: number; off: number | null }[];
	lines: string[];
}

function addChecklist(doc: Y.Doc, items: number): void {
	doc.transact(() => {
		const content = doc.getXmlFragment('content');
		const list = new Y.XmlElement('taskList');
		for (let i = 0; i < items; i++) {
			const item = new Y.XmlElement('taskItem');
			item.setAttribute('id', `item-${i}`);
			item.setAttribute('checked', (i % 3 === 0) as unknown as string);
			if (i % 5 === 0) item.setAttribute('due', '2027-01-15');
			const paragraph = new Y.XmlElement('paragraph');
			paragraph.insert(0, [new Y.XmlText(`Improvement action number ${i} for the service desk`)]);
			item.insert(0, [paragraph]);
			list.insert(i, [item]);
		}
		content.insert(content.length, [list]);
	});
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

async function time(run: () => unknown | Promise<unknown>): Promise<number> {
	const start = performance.now();
	await run();
	return performance.now() - start;
}

async function measureInProcess(items: number): Promise<Figure[]> {
	const doc = new Y.Doc();
	addChecklist(doc, items);
	const extractMs: number[] = [];
	for (let i = 0; i < 15; i++) extractMs.push(await time(() => extractFrameworkActions(doc)));

	const handle = await openDatabase({ databaseUrl: null, dataDir: 'memory://' });
	try {
		const user = await signUp(handle.db, {
			name: 'Bench',
			email: 'bench@example.com',
			password: 'bench password'
		});
		const workspace = await createWorkspace(handle.db, user.id, 'Bench');
		const document = await createDocument(handle.db, workspace.id, user.id, {
			kind: 'framework',
			title: 'Actions'
		});
		const actions = extractFrameworkActions(doc);
		const first = await time(() => reconcileDocumentTasks(handle, document, actions));
		const unchanged: number[] = [];
		for (let i = 0; i < 5; i++) {
			unchanged.push(await time(() => reconcileDocumentTasks(handle, document, actions)));
		}
		const oneChanged: number[] = [];
		for (let i = 0; i < 5; i++) {
			const changed = actions.map((a, j) => (j === i ? { ...a, title: `${a.title} (edited)` } : a));
			// As the sync server does it: against the actions it reconciled last time.
			oneChanged.push(
				await time(() => reconcileDocumentTasks(handle, document, changed, { previous: actions }))
			);
		}
		return [
			{ figure: `extract ${items} items`, unit: 'ms', value: median(extractMs), better: 'lower' },
			{ figure: 'reconcile: all new', unit: 'ms', value: first, better: 'lower' },
			{ figure: 'reconcile: unchanged', unit: 'ms', value: median(unchanged), better: 'lower' },
			{ figure: 'reconcile: one changed', unit: 'ms', value: median(oneChanged), better: 'lower' }
		];
	} finally {
		await handle.close();
	}
}

async function countTasks(server: OursServer): Promise<number> {
	const res = await fetch(`${server.baseUrl}/api/v1/workspaces/${server.workspaceId}/tasks`, {
		headers: { authorization: `Bearer ${server.token}` }
	});
	if (!res.ok) throw new Error(`GET tasks: ${res.status} ${await res.text()}`);
	return ((await res.json()) as { tasks: unknown[] }).tasks.length;
}

/** Fan-out on a document holding the checklist; returns latency figures and, with extraction on, the time until all items were tasks. */
async function fanOutOnChecklist(
	options: BenchOptions,
	items: number,
	extraction: boolean
): Promise<{
	p50: number;
	p99: number;
	delivered: number;
	expected: number;
	cpu: number;
	toTasksMs: number | null;
}> {
	const server = (await startBenchServer(
		'ours',
		undefined,
		extraction ? {} : { SYNC_EXTRACT_ACTIONS: 'off' }
	)) as OursServer;
	const clients: BenchClient[] = [];
	try {
		const [room] = await server.prepareRooms(1);
		const address = server.address(room);
		const counts = { errors: 0, closes: 0 };
		// The writer alone first, so the end-to-end figure measures the server,
		// not a bench process busy integrating the checklist into every receiver.
		await openClients([address], { batch: 1, awareness: false, counts, into: clients });
		const [writer] = clients;

		const written = performance.now();
		addChecklist(writer.doc, items);
		let toTasksMs: number | null = null;
		if (extraction) {
			const deadline = performance.now() + 60_000;
			while ((await countTasks(server)) < items) {
				if (performance.now() > deadline) throw new Error('checklist items did not become tasks');
				await sleep(50);
			}
			toTasksMs = performance.now() - written;
		}
		await openClients(
			Array.from({ length: options.actionReceivers }, () => address),
			{ batch: options.connectBatch, awareness: false, counts, into: clients }
		);
		const readers = clients.slice(1);
		await sleep(1500);

		const { rate, durationMs } = options.fanOut;
		const writes = Math.floor((durationMs / 1000) * rate);
		const expected = writes * readers.length;
		const latency = new LatencyRecorder(expected);
		let delivered = 0;
		for (const reader of readers) {
			observeRemoteItems(reader, (sentAt, receivedAt) => {
				delivered++;
				latency.record(receivedAt - sentAt);
			});
		}
		const texts = writer.doc
			.getXmlFragment('content')
			.toArray()
			.flatMap((list) => (list instanceof Y.XmlElement ? list.toArray() : []))
			.map((item) => ((item as Y.XmlElement).firstChild as Y.XmlElement).firstChild as Y.XmlText);
		const window = new LoadWindow(server);
		const period = 1000 / rate;
		const start = performance.now();
		for (let i = 0; i < writes; i++) {
			const wait = start + i * period - performance.now();
			if (wait > 0) await sleep(wait);
			// One update that both carries the timestamp and edits an action's text.
			writer.doc.transact(() => {
				writer.items.push([performance.now()]);
				texts[i % texts.length].insert(0, '*');
			});
		}
		const load = window.close();
		await waitUntil(() => delivered >= expected, options.drainMs);
		const summary = latency.summarize();
		return {
			p50: summary.p50,
			p99: summary.p99,
			delivered,
			expected,
			cpu: load.find((f) => f.figure === 'server CPU')!.value,
			toTasksMs
		};
	} finally {
		closeClients(clients);
		await server.dispose();
	}
}

export async function runActionsBench(
	options: BenchOptions,
	progress: (message: string) => void
): Promise<ActionsResult> {
	const items = options.actionItems;
	progress(`actions: extraction of ${items} checklist items (in process)`);
	const inProcess = await measureInProcess(items);
	progress('actions: fan-out with extraction on');
	const on = await fanOutOnChecklist(options, items, true);
	await sleep(1000);
	progress('actions: fan-out with extraction off');
	const off = await fanOutOnChecklist(options, items, false);

	const figures: ActionsResult['figures'] = [
		...inProcess.map((f) => ({ figure: f.figure, unit: f.unit, on: f.value, off: null })),
		{
			figure: `${items} items to tasks, end to end`,
			unit: 'ms',
			on: on.toTasksMs ?? NaN,
			off: null
		},
		{
			figure: 'fan-out delivered',
			unit: '%',
			on: (on.delivered / on.expected) * 100,
			off: (off.delivered / off.expected) * 100
		},
		{ figure: 'fan-out latency p50', unit: 'ms', on: on.p50, off: off.p50 },
		{ figure: 'fan-out latency p99', unit: 'ms', on: on.p99, off: off.p99 },
		{ figure: 'fan-out server CPU', unit: '% core', on: on.cpu, off: off.cpu }
	];
	const fmt = (v: number | null, unit: string) =>
		v === null ? '-' : `${v < 10 ? v.toFixed(2) : v.toFixed(0)} ${unit}`;
	const lines = [
		'',
		`Action pipeline (ours only): a framework document with ${items} checklist items; fan-out ${options.actionReceivers} receivers x ${options.fanOut.rate}/s, each write also edits an item`,
		'',
		'figure                              | extraction on | extraction off | ratio on/off',
		'------------------------------------|---------------|----------------|-------------',
		...figures.map(
			(f) =>
				`${f.figure.padEnd(36)}| ${fmt(f.on, f.unit).padEnd(14)}| ${fmt(f.off, f.unit).padEnd(15)}| ${
					f.off ? `${(f.on / f.off).toFixed(2)}x` : '-'
				}`
		)
	];
	return { figures, lines };
}
