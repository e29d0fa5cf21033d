/**
 * Takes the landing page's pictures: real screenshots of the four parts of
 * Opsloom, written to `static/landing/`.
 *
 *     npm run build && npx tsx scripts/landing-pictures.ts
 *
 * It builds nothing itself: it starts the built app with the production entry
 * (`node --import tsx server/index.ts` on a free port, ORIGIN on 127.0.0.1, a
 * temp DATA_DIR, LOG_LEVEL=warn), seeds an operations team's workspace the way
 * any script would (the JSON API of docs/api.md and stock Yjs clients, see
 * docs/document-model.md), logs in as the team lead in headless Chromium and
 * screenshots each page at 1200×750. Due dates are relative to today, so every
 * run shows a current-looking list. The server and its data are removed at
 * the end, whatever happens.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { apiJson } from '../tests/helpers/api';
import { connectSynced, waitFor, type Client } from '../tests/helpers/clients';
import { createStorage, startServer, type TestServer } from '../tests/helpers/server';

const OUT_DIR = path.resolve(import.meta.dirname, '../static/landing');
const PICTURE = { width: 1200, height: 750 };
const PASSWORD = 'correct horse battery';

interface Person {
	id: string;
	name: string;
	email: string;
	token: string;
}

/** A calendar day `days` from today (UTC), as `YYYY-MM-DD`. */
function inDays(days: number): string {
	return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function signUp(server: TestServer, name: string): Promise<Person> {
	const email = `${name.split(' ')[0].toLowerCase()}@northwind.example`;
	const res = await fetch(`${server.url}/api/v1/auth/signup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name, email, password: PASSWORD })
	});
	if (res.status !== 201) throw new Error(`sign-up of ${name}: ${res.status} ${await res.text()}`);
	const { user, token: signupToken } = (await res.json()) as {
		user: { id: string };
		token: string;
	};
	// One token per script, as docs/api.md advises, so it can be revoked alone.
	const { token } = await apiJson<{ token: string }>(
		server.url,
		signupToken,
		'POST',
		'/api/v1/tokens',
		{ name: 'landing pictures' },
		201
	);
	return { id: user.id, name, email, token };
}

/** The seeded team: Olivia leads the service desk and owns the workspace. */
interface Team {
	lead: Person;
	sam: Person;
	priya: Person;
	marco: Person;
	workspaceId: string;
}

async function seedTeam(server: TestServer): Promise<Team> {
	const lead = await signUp(server, 'Olivia Brandt');
	const sam = await signUp(server, 'Sam Okafor');
	const priya = await signUp(server, 'Priya Nair');
	const marco = await signUp(server, 'Marco Rossi');
	const workspace = await apiJson<{ id: string }>(
		server.url,
		lead.token,
		'POST',
		'/api/v1/workspaces',
		{ name: 'Customer Service' },
		201
	);
	for (const person of [sam, priya, marco]) {
		await apiJson(
			server.url,
			lead.token,
			'POST',
			`/api/v1/workspaces/${workspace.id}/members`,
			{ email: person.email, role: 'editor' },
			201
		);
	}
	return { lead, sam, priya, marco, workspaceId: workspace.id };
}

async function createDocument(
	server: TestServer,
	team: Team,
	body: Record<string, unknown>
): Promise<string> {
	const document = await apiJson<{ id: string }>(
		server.url,
		team.lead.token,
		'POST',
		`/api/v1/workspaces/${team.workspaceId}/documents`,
		body,
		201
	);
	return document.id;
}

// ---------------------------------------------------------------------------
// Framework document: rich text with checklist items that become tasks.

type Inline = string | { bold: string } | { mention: Person };

function textBlock(nodeName: string, parts: Inline[], attrs: Record<string, unknown> = {}) {
	const element = new Y.XmlElement(nodeName);
	for (const [name, value] of Object.entries(attrs)) {
		element.setAttribute(name, value as string);
	}
	const children = parts.map((part) => {
		if (typeof part === 'string') return new Y.XmlText(part);
		if ('bold' in part) {
			const text = new Y.XmlText();
			text.insert(0, part.bold, { bold: {} });
			return text;
		}
		const mention = new Y.XmlElement('mention');
		mention.setAttribute('id', part.mention.id);
		mention.setAttribute('label', part.mention.name);
		return mention;
	});
	element.insert(0, children);
	return element;
}

function list(nodeName: 'bulletList' | 'orderedList', items: Inline[][]) {
	const element = new Y.XmlElement(nodeName);
	element.insert(
		0,
		items.map((parts) => {
			const item = new Y.XmlElement('listItem');
			item.insert(0, [textBlock('paragraph', parts)]);
			return item;
		})
	);
	return element;
}

function checklist(items: { text: Inline[]; assignee: Person; due: string; done?: boolean }[]) {
	const element = new Y.XmlElement('taskList');
	element.insert(
		0,
		items.map(({ text, assignee, due, done }) => {
			const item = new Y.XmlElement('taskItem');
			item.setAttribute('checked', (done ?? false) as unknown as string);
			item.setAttribute('assignee', assignee.id);
			item.setAttribute('due', due);
			item.insert(0, [textBlock('paragraph', text)]);
			return item;
		})
	);
	return element;
}

async function seedFramework(server: TestServer, team: Team, clients: Client[]): Promise<string> {
	const id = await createDocument(server, team, {
		kind: 'framework',
		title: 'Customer complaint handling'
	});
	const client = await connectSynced(server.wsUrl, id, team.sam.token);
	clients.push(client);
	const { lead, sam, priya, marco } = team;
	client.doc.transact(() => {
		client.doc.getXmlFragment('content').insert(0, [
			textBlock('heading', ['Purpose'], { level: 2 }),
			textBlock('paragraph', [
				'Every complaint gets a named owner, a first answer within ',
				{ bold: '4 business hours' },
				' and a resolution the customer agrees with. Repeat causes go to the monthly review.'
			]),
			textBlock('heading', ['How we handle a complaint'], { level: 2 }),
			list('orderedList', [
				['Log it in the service desk with category, channel and severity.'],
				['Acknowledge it to the customer and name the owner.'],
				['Investigate with the team that owns the cause; agree a fix.'],
				['Confirm the resolution with the customer, then close the ticket.']
			]),
			textBlock('heading', ['Improvement actions'], { level: 2 }),
			checklist([
				{
					text: ['Publish the complaint categories on the intranet'],
					assignee: priya,
					due: inDays(-2),
					done: true
				},
				{ text: ['Add a severity field to the intake form'], assignee: sam, due: inDays(3) },
				{
					text: ['Set up a weekly export of open complaints for the team lead'],
					assignee: marco,
					due: inDays(6)
				},
				{
					text: ['Train the evening shift on the escalation path'],
					assignee: lead,
					due: inDays(12)
				}
			])
		]);
	});
	// Sam stays in the document, so the picture shows two people in it.
	client.provider.awareness.setLocalStateField('user', {
		id: sam.id,
		name: sam.name,
		color: '#d97706'
	});
	return id;
}

// ---------------------------------------------------------------------------
// Flow: the service-blueprint template's lanes, filled in for complaints.

type Side = 'top' | 'right' | 'bottom' | 'left';

interface Step {
	key: string;
	type: string;
	label: string;
	/** Index of the template's lane: customer actions, frontstage, backstage, support. */
	lane: number;
	column: number;
	/** Pixels up (negative) or down from the lane's middle, for two steps in one column. */
	shift?: number;
	ownerRole?: string;
	sla?: string;
}

const BLUEPRINT_STEPS: Step[] = [
	{ key: 'need', type: 'start', label: 'Something went wrong', lane: 0, column: 0 },
	{ key: 'contact', type: 'process', label: 'Customer calls or writes', lane: 0, column: 1 },
	{ key: 'confirm', type: 'process', label: 'Customer confirms the fix', lane: 0, column: 4 },
	{ key: 'resolved', type: 'end', label: 'Complaint resolved', lane: 0, column: 5 },
	{
		key: 'ack',
		type: 'process',
		label: 'Agent logs and acknowledges',
		lane: 1,
		column: 1,
		ownerRole: 'Service agent',
		sla: '4h'
	},
	{ key: 'callback', type: 'process', label: 'Agent calls back', lane: 1, column: 4 },
	{ key: 'severe', type: 'decision', label: 'Severe?', lane: 2, column: 2 },
	{
		key: 'investigate',
		type: 'process',
		label: 'Team lead investigates',
		lane: 2,
		column: 3,
		shift: -38
	},
	{ key: 'handoff', type: 'handoff', label: 'Field team visits', lane: 2, column: 3, shift: 40 },
	{ key: 'crm', type: 'data', label: 'CRM ticket', lane: 3, column: 1 },
	{ key: 'kb', type: 'document', label: 'Known-issues article', lane: 3, column: 3 }
];

/** From, to, label, and the sides the arrow leaves and enters by (default: right to left). */
const BLUEPRINT_ARROWS: [string, string, string, Side?, Side?][] = [
	['need', 'contact', ''],
	['contact', 'ack', '', 'bottom', 'top'],
	['ack', 'crm', 'Logs', 'bottom', 'top'],
	['ack', 'severe', ''],
	['severe', 'investigate', 'No'],
	['severe', 'handoff', 'Yes'],
	['handoff', 'kb', 'Checks', 'bottom', 'top'],
	['investigate', 'callback', ''],
	['handoff', 'callback', ''],
	['callback', 'confirm', '', 'top', 'bottom'],
	['confirm', 'resolved', '']
];

const SIZES: Record<string, { width: number; height: number }> = {
	start: { width: 120, height: 48 },
	end: { width: 120, height: 48 },
	process: { width: 160, height: 64 },
	decision: { width: 140, height: 90 },
	document: { width: 160, height: 72 },
	data: { width: 150, height: 72 },
	handoff: { width: 150, height: 60 },
	improvement: { width: 200, height: 100 }
};

const COLUMN_WIDTH = 210;
const LANE_HEIGHT = 160;

async function seedFlow(server: TestServer, team: Team, clients: Client[]): Promise<string> {
	const id = await createDocument(server, team, {
		kind: 'flow',
		title: 'Complaint service blueprint',
		template: 'service-blueprint'
	});
	const client = await connectSynced(server.wsUrl, id, team.priya.token);
	clients.push(client);
	const { doc } = client;
	const lanes = doc.getMap<Y.Map<unknown>>('lanes');
	const nodes = doc.getMap<Y.Map<unknown>>('nodes');
	const edges = doc.getMap<Y.Map<unknown>>('edges');
	await waitFor(() => lanes.size === 4, 'the blueprint template’s lanes');
	const laneIds = [...lanes.values()]
		.sort((a, b) => Number(a.get('order') ?? 0) - Number(b.get('order') ?? 0))
		.map((lane) => lane.get('id') as string);
	const nodeIds = new Map<string, string>();

	const put = (map: Y.Map<Y.Map<unknown>>, id: string, fields: Record<string, unknown>) => {
		const entry = new Y.Map<unknown>();
		map.set(id, entry);
		for (const [name, value] of Object.entries({ id, ...fields })) entry.set(name, value);
	};

	doc.transact(() => {
		// The template's four sample steps make way for the team's real process.
		nodes.clear();
		edges.clear();
		for (const step of BLUEPRINT_STEPS) {
			const size = SIZES[step.type];
			const nodeId = `n-${step.key}`;
			nodeIds.set(step.key, nodeId);
			put(nodes, nodeId, {
				type: step.type,
				label: step.label,
				x: 40 + step.column * COLUMN_WIDTH + (160 - size.width) / 2,
				y: Math.round((LANE_HEIGHT - size.height) / 2) + (step.shift ?? 0),
				width: size.width,
				height: size.height,
				laneId: laneIds[step.lane],
				ownerRole: step.ownerRole ?? '',
				sla: step.sla ?? '',
				description: ''
			});
		}
		// An improvement note is an action: it lands in the task list, assigned to Sam.
		put(nodes, 'n-improve-ack', {
			type: 'improvement',
			label: 'Send an automatic acknowledgement within 15 minutes',
			x: 40 + 2 * COLUMN_WIDTH + 10,
			y: 30,
			width: SIZES.improvement.width,
			height: SIZES.improvement.height,
			laneId: laneIds[0],
			ownerRole: '',
			sla: '',
			description: '',
			attachedTo: nodeIds.get('ack'),
			ownerId: team.sam.id,
			dueDate: inDays(9),
			done: false
		});
		BLUEPRINT_ARROWS.forEach(([from, to, label, sourceHandle, targetHandle], i) => {
			put(edges, `e-${i}`, {
				source: nodeIds.get(from),
				target: nodeIds.get(to),
				sourceHandle: sourceHandle ?? null,
				targetHandle: targetHandle ?? null,
				label,
				style: 'smooth',
				arrow: 'end'
			});
		});
	});
	// Priya is looking at the hand-off: her pointer and selection show for everyone else.
	client.provider.awareness.setLocalState({
		user: { id: team.priya.id, name: team.priya.name, color: '#0f766e' },
		cursor: { x: 40 + 3 * COLUMN_WIDTH + 150, y: 2 * LANE_HEIGHT + 140 },
		selection: ['n-handoff'],
		viewport: null
	});
	return id;
}

// ---------------------------------------------------------------------------
// Retro: a review meeting taken through reflect, group and vote to discuss.

async function seedRetro(server: TestServer, team: Team, clients: Client[]): Promise<string> {
	const id = await createDocument(server, team, {
		kind: 'retro',
		title: 'November on-call',
		template: 'well-improve-ideas',
		voteBudget: 3
	});
	const retro = async (person: Person, method: string, route: string, body?: unknown) =>
		apiJson<Record<string, unknown>>(
			server.url,
			person.token,
			method,
			`/api/v1/documents/${id}/retro${route}`,
			body
		);
	const phase = async (name: string) => {
		const answer = await retro(team.lead, 'POST', '/phase', { phase: name });
		if (answer.phase !== name) throw new Error(`phase ${name}: ${JSON.stringify(answer)}`);
	};

	const client = await connectSynced(server.wsUrl, id, team.lead.token);
	clients.push(client);
	const { doc } = client;
	const columns = doc.getArray<Y.Map<unknown>>('columns').map((c) => c.get('id') as string);
	const [wentWell, toImprove, ideas] = columns;

	await phase('reflect');
	const { lead, sam, priya, marco } = team;
	const cards: [Person, string, string][] = [
		[sam, wentWell, 'Runbook for the payment outage was spot on'],
		[priya, wentWell, 'Hand-over notes at 8am every day'],
		[marco, wentWell, 'Nobody was paged twice for the same alert'],
		[sam, toImprove, 'Paged at 3am for a disk warning that could wait'],
		[marco, toImprove, 'Disk alerts fire long before anything is at risk'],
		[priya, toImprove, 'Field team not reachable on the weekend'],
		[lead, toImprove, 'Escalation numbers in the runbook were out of date'],
		[priya, ideas, 'Shadow shift for new people before their first week'],
		[marco, ideas, 'One shared weekend contact list with the field team']
	];
	for (const [person, columnId, text] of cards) {
		await retro(person, 'POST', '/drafts', { columnId, text });
	}
	await phase('group');
	const cardMap = doc.getMap<Y.Map<unknown>>('cards');
	await waitFor(() => cardMap.size === cards.length, 'the revealed cards');
	const cardId = (text: string) =>
		[...cardMap.values()].find((c) => c.get('text') === text)!.get('id') as string;
	const group = async (texts: string[], title: string) => {
		const [first, ...rest] = texts.map(cardId);
		let groupId = '';
		for (const card of rest) {
			({ groupId } = (await retro(lead, 'POST', '/group', { cardId: card, onto: first })) as {
				groupId: string;
			});
		}
		await retro(lead, 'PATCH', `/groups/${groupId}`, { title });
		return groupId;
	};
	const noisyAlerts = await group(
		[
			'Paged at 3am for a disk warning that could wait',
			'Disk alerts fire long before anything is at risk'
		],
		'Noisy alerts at night'
	);
	const weekend = await group(
		[
			'Field team not reachable on the weekend',
			'One shared weekend contact list with the field team'
		],
		'Weekend escalation'
	);
	const runbook = cardId('Escalation numbers in the runbook were out of date');

	await phase('vote');
	const votes: [Person, string][] = [
		[lead, noisyAlerts],
		[lead, weekend],
		[sam, noisyAlerts],
		[sam, noisyAlerts],
		[sam, runbook],
		[priya, weekend],
		[priya, weekend],
		[priya, noisyAlerts],
		[marco, noisyAlerts],
		[marco, weekend],
		[marco, runbook]
	];
	for (const [person, topicId] of votes) {
		await retro(person, 'POST', '/votes', { topicId, delta: 1 });
	}
	await phase('discuss');
	const notes = doc.getMap<Y.Text>('notes');
	await waitFor(() => notes.get(noisyAlerts) instanceof Y.Text, 'notes for the top topic');

	const actions = doc.getMap<Y.Map<unknown>>('actions');
	const addAction = (key: string, title: string, owner: Person, due: string, topicId: string) => {
		const action = new Y.Map<unknown>();
		actions.set(key, action);
		for (const [name, value] of Object.entries({
			id: key,
			title,
			ownerId: owner.id,
			dueDate: due,
			topicId,
			done: false
		})) {
			action.set(name, value);
		}
	};
	doc.transact(() => {
		notes
			.get(noisyAlerts)!
			.insert(
				0,
				'Disk warnings at 80% woke someone up four times. Agreed: page only at 95% or when growth predicts full within 6 hours; everything else goes to the morning queue.'
			);
		addAction(
			'act-disk-threshold',
			'Raise the disk alert to page only at 95%',
			marco,
			inDays(4),
			noisyAlerts
		);
		addAction(
			'act-morning-queue',
			'Route non-urgent alerts to the morning queue',
			sam,
			inDays(8),
			noisyAlerts
		);
		addAction(
			'act-weekend-list',
			'Publish one weekend contact list with the field team',
			priya,
			inDays(5),
			weekend
		);
		notes
			.get(weekend)!
			.insert(
				0,
				'Twice nobody in the field team answered on a Saturday; their rota lives in a spreadsheet we cannot see. One list, owned by both teams, linked from the runbook.'
			);
	});
	// The first topic is done; the meeting has moved on to the second.
	await retro(lead, 'POST', '/focus', { topicId: weekend });
	return id;
}

async function seedManualTasks(server: TestServer, team: Team): Promise<void> {
	const tasks = [
		{
			title: 'Renew the out-of-hours phone contract',
			assigneeId: team.lead.id,
			dueDate: inDays(-1)
		},
		{
			title: 'Order headsets for the two new agents',
			assigneeId: team.marco.id,
			dueDate: inDays(2),
			priority: 'high'
		}
	];
	for (const task of tasks) {
		await apiJson(
			server.url,
			team.lead.token,
			'POST',
			`/api/v1/workspaces/${team.workspaceId}/tasks`,
			task,
			201
		);
	}
}

/** Actions are extracted a moment after edits settle; wait until the list has them all. */
async function waitForTasks(server: TestServer, team: Team, count: number): Promise<void> {
	const deadline = Date.now() + 20_000;
	for (;;) {
		const { tasks } = await apiJson<{ tasks: unknown[] }>(
			server.url,
			team.lead.token,
			'GET',
			`/api/v1/workspaces/${team.workspaceId}/tasks?status=open,in_progress,blocked,done`
		);
		if (tasks.length >= count) return;
		if (Date.now() > deadline) throw new Error(`only ${tasks.length} of ${count} tasks appeared`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

// ---------------------------------------------------------------------------
// Screenshots.

async function logIn(page: Page, person: Person): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('Email').fill(person.email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Log in' }).click();
	await page.waitForURL(/\/w$/);
}

/**
 * PICTURE.width × PICTURE.height of the page below the app's top bar (the
 * landing page has a top bar of its own, so the pictures show the work, not
 * the chrome), or from just above the element `from`.
 */
async function picture(page: Page, name: string, from?: string): Promise<void> {
	// Let fonts, layout and live presence settle before the picture.
	await page.evaluate(() => document.fonts.ready);
	await page.waitForTimeout(800);
	const bar = await page.locator('header.topbar').boundingBox();
	if (!bar) throw new Error('the top bar is not on the page');
	const start = from ? await page.locator(from).first().boundingBox() : null;
	const top = start ? Math.max(bar.height, start.y - 16) : bar.height;
	const file = path.join(OUT_DIR, `${name}.png`);
	await page.screenshot({ path: file, clip: { x: 0, y: top, ...PICTURE } });
	const kb = Math.round(fs.statSync(file).size / 1024);
	console.log(`${path.relative(process.cwd(), file)}  ${kb} KB`);
	if (process.env.DEBUG_FULL) {
		await page.screenshot({ path: `/tmp/landing-${name}-full.png`, fullPage: true });
	}
}

async function connected(page: Page): Promise<void> {
	await page.getByRole('status').filter({ hasText: 'Connected' }).first().waitFor();
}

async function main(): Promise<void> {
	fs.mkdirSync(OUT_DIR, { recursive: true });
	const storage = await createStorage('pglite');
	let server: TestServer | null = null;
	const clients: Client[] = [];
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update'
		]
	});
	try {
		server = await startServer(storage);
		const team = await seedTeam(server);
		const frameworkId = await seedFramework(server, team, clients);
		const flowId = await seedFlow(server, team, clients);
		const retroId = await seedRetro(server, team, clients);
		await seedManualTasks(server, team);
		// 4 checklist items + 1 improvement note + 3 retro actions + 2 manual tasks.
		await waitForTasks(server, team, 10);

		const context = await browser.newContext({
			baseURL: server.url,
			viewport: PICTURE,
			deviceScaleFactor: 1,
			locale: 'en-GB',
			timezoneId: 'UTC'
		});
		const page = await context.newPage();
		await logIn(page, team.lead);
		// Exactly PICTURE below the top bar: the flow canvas grows with the window.
		const bar = (await page.locator('header.topbar').boundingBox())!;
		await page.setViewportSize({ width: PICTURE.width, height: PICTURE.height + bar.height });
		const workspace = `/w/${team.workspaceId}`;

		await page.goto(`${workspace}/d/${frameworkId}`);
		await connected(page);
		await page.getByText('Train the evening shift').first().waitFor();
		await picture(page, 'framework');

		await page.goto(`${workspace}/d/${flowId}`);
		await connected(page);
		await page.getByText('Field team visits').first().waitFor();
		// Selected, the improvement note shows its owner and due date in the side panel.
		await page.locator('.svelte-flow__node[data-id="n-improve-ack"]').click();
		await page.mouse.move(0, 0);
		await picture(page, 'flow');

		await page.setViewportSize({ width: PICTURE.width, height: 1100 });
		await page.goto(`${workspace}/d/${retroId}`);
		await page.getByText('Raise the disk alert').first().waitFor();
		// The meeting's own bar, the topic and its actions; the document header would push them out.
		await picture(page, 'retro', '.retro-board');

		await page.goto(`${workspace}/tasks`);
		await page.getByText('Raise the disk alert').first().waitFor();
		await picture(page, 'tasks');
		await context.close();
	} finally {
		await browser.close();
		for (const client of clients) client.destroy();
		await server?.stop();
		await storage.drop();
	}
}

await main();
