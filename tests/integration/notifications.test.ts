import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addDays, todayIn } from '../../src/lib/model/dates';
import {
	api,
	apiJson,
	createDocumentIn,
	createWorkspaceWith,
	saveLocale,
	signUpUser,
	type ApiUser
} from '../helpers/api';
import { connectSynced, type Client } from '../helpers/clients';
import { readOutbox, waitForMail } from '../helpers/outbox';
import {
	createStorage,
	engines,
	startServer,
	type TestServer,
	type TestStorage
} from '../helpers/server';

interface ApiNotification {
	id: number;
	kind: string;
	text: string;
	url: string;
	actorId: string | null;
	readAt: string | null;
}

interface NotificationPage {
	notifications: ApiNotification[];
	nextCursor: number | null;
	unreadCount: number;
}

/** Sweeps and digests run every half second here, so a test sees them promptly. */
const FAST_SWEEPS = { NOTIFICATIONS_SWEEP_MS: '500', JOBS_POLL_MS: '100' };
const currentUtcHour = () => new Date().getUTCHours();

async function poll<T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 10_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await read();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

function mentionNode(user: ApiUser): Y.XmlElement {
	const node = new Y.XmlElement('mention');
	node.setAttribute('id', user.id);
	node.setAttribute('label', user.name);
	return node;
}

/** A paragraph, or a checklist item with `attributes`, appended the way a script would. */
function appendBlock(
	client: Client,
	parts: (string | Y.XmlElement)[],
	item?: Record<string, string>
): void {
	const content = client.doc.getXmlFragment('content');
	client.doc.transact(() => {
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(
			0,
			parts.map((p) => (typeof p === 'string' ? new Y.XmlText(p) : p))
		);
		if (!item) {
			content.insert(content.length, [paragraph]);
			return;
		}
		const list = new Y.XmlElement('taskList');
		const taskItem = new Y.XmlElement('taskItem');
		taskItem.setAttribute('checked', false as unknown as string);
		for (const [name, value] of Object.entries(item)) taskItem.setAttribute(name, value);
		taskItem.insert(0, [paragraph]);
		list.insert(0, [taskItem]);
		content.insert(content.length, [list]);
	});
}

/** A due date as an English reader sees it: "Dec 3, 2026". */
const englishDay = (day: string) =>
	new Intl.DateTimeFormat('en', {
		year: 'numeric',
		month: 'short',
		day: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(`${day}T00:00:00Z`));

describe.each(engines)('notifications on %s', (engine) => {
	let storage: TestStorage;
	let server: TestServer;
	let olivia: ApiUser;
	let eddie: ApiUser;
	let vera: ApiUser;
	let workspaceId: string;

	const list = (user: ApiUser, query = '') =>
		apiJson<NotificationPage>(
			server.url,
			user.token,
			'GET',
			`/api/v1/notifications${query}`,
			undefined,
			200
		);
	const ofKind = async (user: ApiUser, kind: string) =>
		(await list(user, '?limit=100')).notifications.filter((n) => n.kind === kind);
	const setChannels = (user: ApiUser, body: unknown) =>
		apiJson(server.url, user.token, 'PUT', '/api/v1/me/notification-settings', body, 200);
	const createTask = (user: ApiUser, body: Record<string, unknown>, inWorkspace = workspaceId) =>
		apiJson<{ id: string }>(
			server.url,
			user.token,
			'POST',
			`/api/v1/workspaces/${inWorkspace}/tasks`,
			body,
			201
		);

	beforeAll(async () => {
		storage = await createStorage(engine);
		server = await startServer(storage, FAST_SWEEPS);
		olivia = await signUpUser(server.url, 'Olivia');
		eddie = await signUpUser(server.url, 'Eddie');
		vera = await signUpUser(server.url, 'Vera');
		workspaceId = await createWorkspaceWith(server.url, olivia, 'Operations', [
			[eddie, 'editor'],
			[vera, 'editor']
		]);
	}, 120_000);

	afterAll(async () => {
		await server?.stop();
		await storage?.drop();
	});

	it('tells an assignee about a task assigned in the task list, and nobody about their own', async () => {
		await createTask(olivia, { title: 'Mine', assigneeId: olivia.id });
		const task = await createTask(olivia, { title: 'Restock the van' });
		await api(server.url, olivia.token, 'PATCH', `/api/v1/tasks/${task.id}`, {
			assigneeId: eddie.id
		});
		const [assigned] = await ofKind(eddie, 'task_assigned');
		expect(assigned.text).toBe('Olivia assigned “Restock the van” to you in Operations.');
		expect(assigned.actorId).toBe(olivia.id);
		expect(assigned.url).toBe(`/w/${workspaceId}/tasks#task-${task.id}`);
		expect(await ofKind(olivia, 'task_assigned')).toEqual([]);
		// Email by default, with the link to the task.
		const mail = await waitForMail(
			storage.dataDir,
			(m) => m.to === eddie.email && m.subject.includes('Restock the van')
		);
		expect(mail.links).toContain(`${server.url}/w/${workspaceId}/tasks#task-${task.id}`);
	});

	it('writes to each person in their saved language, in the bell and in mail', async () => {
		const lin = await signUpUser(server.url, '林晓');
		await saveLocale(server.url, lin, 'zh-Hans');
		const team = await createWorkspaceWith(server.url, olivia, '运维部', [[lin, 'editor']]);
		const task = await createTask(olivia, { title: '更换滤芯', assigneeId: lin.id }, team);

		const [assigned] = await ofKind(lin, 'task_assigned');
		expect(assigned.text).toBe('Olivia将任务“更换滤芯”分配给了你（运维部）。');
		expect(assigned.url).toBe(`/w/${team}/tasks#task-${task.id}`);
		const mail = await waitForMail(storage.dataDir, (m) => m.to === lin.email);
		expect(mail.subject).toBe('Olivia将任务“更换滤芯”分配给了你（运维部）。');
		expect(mail.text).toContain(`在 Opsloom 中打开：${server.url}/w/${team}/tasks#task-${task.id}`);
		expect(mail.text).toContain('你收到此邮件是因为你的通知设置');
		expect(mail.text).toContain('退订此类邮件：');
		expect(mail.html).toContain('<html lang="zh-Hans">');

		// Stored as names and codes, so the same notification follows a later change of language.
		await saveLocale(server.url, lin, 'zh-Hant');
		expect((await ofKind(lin, 'task_assigned'))[0].text).toBe(
			'Olivia將任務「更换滤芯」指派給你（运维部）。'
		);
		await saveLocale(server.url, lin, 'en');
		expect((await ofKind(lin, 'task_assigned'))[0].text).toBe(
			'Olivia assigned “更换滤芯” to you in 运维部.'
		);
	});

	it('notifies mentions and checklist assignments a stock Yjs client writes, once, across restarts', async () => {
		const documentId = await createDocumentIn(server.url, olivia, workspaceId, 'Night shift');
		const client = await connectSynced(server.wsUrl, documentId, olivia.token);
		appendBlock(client, ['Ask ', mentionNode(vera), ' about the keys']);
		appendBlock(client, ['Note to self ', mentionNode(olivia)]);
		appendBlock(client, ['Check the pumps'], { id: 'pumps', assignee: eddie.id });

		const [mention] = await poll(async () => {
			const found = await ofKind(vera, 'mention');
			return found.length > 0 ? found : undefined;
		}, 'the mention');
		expect(mention.text).toBe('Olivia mentioned you in “Night shift” in Operations.');
		expect(mention.url).toBe(`/w/${workspaceId}/d/${documentId}`);
		const assigned = await poll(async () => {
			const found = (await ofKind(eddie, 'task_assigned')).filter((n) =>
				n.text.includes('Check the pumps')
			);
			return found.length > 0 ? found : undefined;
		}, 'the checklist assignment');
		expect(assigned[0].url).toBe(`/w/${workspaceId}/d/${documentId}#action-pumps`);
		expect(assigned[0].actorId).toBe(olivia.id);
		expect(await ofKind(olivia, 'mention')).toEqual([]);
		client.destroy();

		const before = {
			vera: (await list(vera, '?limit=100')).notifications.length,
			eddie: (await list(eddie, '?limit=100')).notifications.length
		};
		// A restart extracts the document again (catch-up, and when it is opened).
		await server.stop();
		await server.restart();
		const again = await connectSynced(server.wsUrl, documentId, eddie.token);
		appendBlock(again, ['Eddie was here']);
		await new Promise((r) => setTimeout(r, 2_500));
		again.destroy();
		expect((await list(vera, '?limit=100')).notifications.length).toBe(before.vera);
		expect((await list(eddie, '?limit=100')).notifications.length).toBe(before.eddie);
	});

	it('respects preferences: off records nothing, in-app only sends no mail', async () => {
		await setChannels(eddie, { channels: { task_assigned: 'off' } });
		await createTask(olivia, { title: 'Silent task', assigneeId: eddie.id });
		await setChannels(eddie, { channels: { task_assigned: 'in_app' } });
		await createTask(olivia, { title: 'Quiet task', assigneeId: eddie.id });
		const texts = (await ofKind(eddie, 'task_assigned')).map((n) => n.text);
		expect(texts.some((t) => t.includes('Silent task'))).toBe(false);
		expect(texts.some((t) => t.includes('Quiet task'))).toBe(true);
		// Give the mail job time to have sent anything it would send.
		await new Promise((r) => setTimeout(r, 1_000));
		const mails = await readOutbox(storage.dataDir);
		expect(mails.some((m) => /Silent task|Quiet task/.test(m.subject))).toBe(false);

		const bad = await api(server.url, eddie.token, 'PUT', '/api/v1/me/notification-settings', {
			channels: { mention: 'sms' }
		});
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { error: { message: string } }).error.message).toContain(
			'channels.mention'
		);
		await setChannels(eddie, { channels: { task_assigned: 'email' } });
	});

	it('unsubscribes from one kind of mail through the link, without logging in', async () => {
		await createTask(olivia, { title: 'Unsubscribe me', assigneeId: eddie.id });
		const mail = await waitForMail(
			storage.dataDir,
			(m) => m.to === eddie.email && m.subject.includes('Unsubscribe me')
		);
		const link = mail.links.find((l) => l.includes('/unsubscribe/'))!;
		// mailparser folds List-* headers into one structured `list` header.
		const headers = JSON.stringify([...mail.headers]);
		expect(headers).toContain(link);
		expect(headers).toContain('One-Click');

		// Following the link only asks; nothing changes yet (mail scanners follow links).
		const page = await fetch(link);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('Unsubscribe');
		const unchanged = await apiJson<{ channels: Record<string, string> }>(
			server.url,
			eddie.token,
			'GET',
			'/api/v1/me/notification-settings'
		);
		expect(unchanged.channels.task_assigned).toBe('email');

		// The mail client's one-click POST: no cookie, no Origin.
		const res = await fetch(link, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'List-Unsubscribe=One-Click'
		});
		expect(res.status).toBe(200);
		const settings = await apiJson<{ channels: Record<string, string> }>(
			server.url,
			eddie.token,
			'GET',
			'/api/v1/me/notification-settings'
		);
		expect(settings.channels.task_assigned).toBe('in_app');
		expect(settings.channels.mention).toBe('email');

		await createTask(olivia, { title: 'After unsubscribing', assigneeId: eddie.id });
		await new Promise((r) => setTimeout(r, 1_000));
		expect((await ofKind(eddie, 'task_assigned')).some((n) => n.text.includes('After'))).toBe(true);
		const mails = await readOutbox(storage.dataDir);
		expect(mails.some((m) => m.subject.includes('After unsubscribing'))).toBe(false);
		expect((await fetch(`${server.url}/unsubscribe/nope.nope`, { method: 'POST' })).status).toBe(
			404
		);
	});

	it('reminds of tasks due tomorrow and overdue by the workspace time zone, once each', async () => {
		// A zone whose calendar day differs from UTC's right now.
		const zone = currentUtcHour() >= 10 ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago';
		const ws = await createWorkspaceWith(server.url, olivia, 'Far away', [[vera, 'editor']]);
		const patch = await api(server.url, olivia.token, 'PATCH', `/api/v1/workspaces/${ws}`, {
			timeZone: 'Mars/Olympus'
		});
		expect(patch.status).toBe(400);
		expect(((await patch.json()) as { error: { message: string } }).error.message).toContain(
			'timeZone'
		);
		await apiJson(
			server.url,
			olivia.token,
			'PATCH',
			`/api/v1/workspaces/${ws}`,
			{ timeZone: zone },
			200
		);

		const today = todayIn(zone);
		const utcTomorrow = addDays(todayIn('UTC'), 1);
		expect(addDays(today, 1)).not.toBe(utcTomorrow);
		await createTask(
			vera,
			{ title: 'Due tomorrow there', assigneeId: vera.id, dueDate: addDays(today, 1) },
			ws
		);
		await createTask(
			vera,
			{ title: 'Overdue there', assigneeId: vera.id, dueDate: addDays(today, -1) },
			ws
		);
		await createTask(
			vera,
			{ title: 'Tomorrow in UTC only', assigneeId: vera.id, dueDate: utcTomorrow },
			ws
		);

		const due = await poll(async () => {
			const found = await ofKind(vera, 'task_due');
			return found.length > 0 ? found : undefined;
		}, 'the due-tomorrow reminder');
		const overdue = await poll(async () => {
			const found = await ofKind(vera, 'task_overdue');
			return found.length > 0 ? found : undefined;
		}, 'the overdue reminder');
		// Several sweeps later there is still one of each.
		await new Promise((r) => setTimeout(r, 2_000));
		expect((await ofKind(vera, 'task_due')).map((n) => n.text)).toEqual([
			`Your task “Due tomorrow there” is due tomorrow (${englishDay(addDays(today, 1))}) in Far away.`
		]);
		expect((await ofKind(vera, 'task_overdue')).map((n) => n.text)).toEqual([overdue[0].text]);
		expect(overdue[0].text).toContain('Overdue there');
		expect(due).toHaveLength(1);

		// The task list agrees with the reminders about what is overdue.
		const tasks = await apiJson<{ tasks: { title: string; overdue: boolean }[] }>(
			server.url,
			vera.token,
			'GET',
			`/api/v1/workspaces/${ws}/tasks`
		);
		expect(tasks.tasks.filter((t) => t.overdue).map((t) => t.title)).toEqual(['Overdue there']);
	});

	it('tells a retro action owner and the team when the meeting starts, once', async () => {
		const board = await apiJson<{ id: string }>(
			server.url,
			olivia.token,
			'POST',
			`/api/v1/workspaces/${workspaceId}/documents`,
			{ kind: 'retro', title: 'Week 48 review' },
			201
		);
		const phase = (to: string) =>
			apiJson(
				server.url,
				olivia.token,
				'POST',
				`/api/v1/documents/${board.id}/retro/phase`,
				{ phase: to },
				200
			);
		await phase('reflect');
		await phase('group');
		const started = await ofKind(vera, 'retro_started');
		expect(started.map((n) => n.text)).toEqual([
			'Olivia started the review meeting “Week 48 review” in Operations.'
		]);
		expect(started[0].url).toBe(`/w/${workspaceId}/d/${board.id}`);
		expect(await ofKind(olivia, 'retro_started')).toEqual([]);

		// Eddie writes an action item on the board and makes Vera its owner.
		const client = await connectSynced(server.wsUrl, board.id, eddie.token);
		const action = new Y.Map<unknown>();
		client.doc.transact(() => {
			client.doc.getMap('actions').set('act-keys', action);
			action.set('id', 'act-keys');
			action.set('title', 'Label the spare keys');
			action.set('ownerId', vera.id);
			action.set('dueDate', null);
			action.set('topicId', null);
			action.set('done', false);
		});
		const [assigned] = await poll(async () => {
			const found = (await ofKind(vera, 'task_assigned')).filter((n) =>
				n.text.includes('Label the spare keys')
			);
			return found.length > 0 ? found : undefined;
		}, 'the retro action assignment');
		// …and mentions Olivia in the notes, by name.
		const notes = new Y.Text();
		client.doc.getMap('notes').set('topic-keys', notes);
		notes.insert(0, 'Keys go in the red box, @olivia will check weekly');
		const [mentioned] = await poll(async () => {
			const found = await ofKind(olivia, 'mention');
			return found.length > 0 ? found : undefined;
		}, 'the mention in the notes');
		client.destroy();
		expect(mentioned.text).toBe('Eddie mentioned you in “Week 48 review” in Operations.');
		expect(mentioned.url).toBe(`/w/${workspaceId}/d/${board.id}`);
		expect(assigned.text).toBe('Eddie assigned “Label the spare keys” to you in Operations.');
		expect(assigned.url).toBe(`/w/${workspaceId}/d/${board.id}#action-act-keys`);
	});

	it('tells the inviter when someone joins through their link', async () => {
		const invite = await apiJson<{ token: string }>(
			server.url,
			olivia.token,
			'POST',
			`/api/v1/workspaces/${workspaceId}/invites`,
			{ role: 'viewer' },
			201
		);
		const newcomer = await signUpUser(server.url, 'Nina');
		await apiJson(server.url, newcomer.token, 'POST', `/api/v1/invites/${invite.token}/accept`);
		const [joined] = await ofKind(olivia, 'invite_accepted');
		expect(joined.text).toBe('Nina accepted your invitation and joined Operations.');
		expect(joined.url).toBe(`/w/${workspaceId}/members`);
	});

	it('marks read, pages newest first and replays missed events to a reconnecting stream', async () => {
		const first = await list(eddie, '?limit=2');
		expect(first.notifications).toHaveLength(2);
		expect(first.notifications[0].id).toBeGreaterThan(first.notifications[1].id);
		const second = await list(eddie, `?limit=2&before=${first.nextCursor}`);
		expect(second.notifications[0].id).toBeLessThan(first.notifications[1].id);

		const oldest = second.notifications[second.notifications.length - 1].id;
		const res = await fetch(`${server.url}/api/v1/notifications/events`, {
			headers: { authorization: `Bearer ${eddie.token}`, 'last-event-id': String(oldest) }
		});
		const reader = res.body!.getReader();
		let text = '';
		const decoder = new TextDecoder();
		while (!text.includes('event: unread')) {
			text += decoder.decode((await reader.read()).value, { stream: true });
		}
		await reader.cancel();
		const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
		expect(ids.length).toBeGreaterThanOrEqual(3);
		expect(ids.every((id) => id > oldest)).toBe(true);
		expect(ids).toEqual([...ids].sort((a, b) => a - b));

		const unread = (await list(eddie)).unreadCount;
		expect(unread).toBeGreaterThan(1);
		const one = await apiJson<{ unreadCount: number }>(
			server.url,
			eddie.token,
			'POST',
			'/api/v1/notifications/read',
			{ ids: [first.notifications[0].id] },
			200
		);
		expect(one.unreadCount).toBe(unread - 1);
		const all = await apiJson<{ unreadCount: number }>(
			server.url,
			eddie.token,
			'POST',
			'/api/v1/notifications/read',
			{ all: true },
			200
		);
		expect(all.unreadCount).toBe(0);
		const bad = await api(server.url, eddie.token, 'POST', '/api/v1/notifications/read', {
			ids: ['x']
		});
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('ids');
		expect(
			(await api(server.url, eddie.token, 'GET', '/api/v1/notifications?limit=0')).status
		).toBe(400);
	});

	it('ends a notification stream once its token is revoked', async () => {
		const created = await apiJson<{ id: string; token: string }>(
			server.url,
			vera.token,
			'POST',
			'/api/v1/tokens',
			{ name: 'Wallboard' },
			201
		);
		const res = await fetch(`${server.url}/api/v1/notifications/events`, {
			headers: { authorization: `Bearer ${created.token}` }
		});
		expect(res.status).toBe(200);
		const reader = res.body!.getReader();
		await reader.read();
		expect(
			(await api(server.url, vera.token, 'DELETE', `/api/v1/tokens/${created.id}`)).status
		).toBe(204);
		// The next thing that happens to Vera makes the stream look again, and end.
		await createTask(olivia, { title: 'Wallboard check', assigneeId: vera.id });
		const deadline = Date.now() + 10_000;
		let done = false;
		while (!done && Date.now() < deadline) {
			const chunk = await Promise.race([
				reader.read(),
				new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now()))
			]);
			if (chunk === null) break;
			done = chunk.done;
			expect(new TextDecoder().decode(chunk.value ?? new Uint8Array())).not.toContain(
				'Wallboard check'
			);
		}
		expect(done).toBe(true);
	});
});

describe.each(engines)('the daily digest on %s', (engine) => {
	it('collects several notifications into one mail at the digest hour', async () => {
		const storage = await createStorage(engine);
		// First a server whose digest hour is far away: the notifications pile up.
		const notYet = String((currentUtcHour() + 12) % 24);
		let server: TestServer = await startServer(storage, {
			...FAST_SWEEPS,
			NOTIFICATIONS_DIGEST_HOUR: notYet
		});
		try {
			const olivia = await signUpUser(server.url, 'Olivia');
			const dana = await signUpUser(server.url, 'Dana');
			const ws = await createWorkspaceWith(server.url, olivia, 'Digest', [[dana, 'editor']]);
			await apiJson(
				server.url,
				olivia.token,
				'PATCH',
				`/api/v1/workspaces/${ws}`,
				{ timeZone: 'UTC' },
				200
			);
			await apiJson(
				server.url,
				dana.token,
				'PUT',
				'/api/v1/me/notification-settings',
				{ digest: true },
				200
			);
			for (const title of ['First digest task', 'Second digest task']) {
				await apiJson(
					server.url,
					olivia.token,
					'POST',
					`/api/v1/workspaces/${ws}/tasks`,
					{ title, assigneeId: dana.id },
					201
				);
			}
			await new Promise((r) => setTimeout(r, 1_500));
			expect((await readOutbox(storage.dataDir)).filter((m) => m.to === dana.email)).toEqual([]);

			// Then the same storage with the digest hour now.
			await server.stop();
			server = await startServer(storage, {
				...FAST_SWEEPS,
				NOTIFICATIONS_DIGEST_HOUR: String(currentUtcHour())
			});
			const digest = await waitForMail(storage.dataDir, (m) => m.to === dana.email);
			expect(digest.subject).toContain('2 new notifications');
			expect(digest.text).toContain('First digest task');
			expect(digest.text).toContain('Second digest task');
			expect(digest.links.some((l) => l.includes('/unsubscribe/'))).toBe(true);
			await new Promise((r) => setTimeout(r, 1_500));
			expect((await readOutbox(storage.dataDir)).filter((m) => m.to === dana.email)).toHaveLength(
				1
			);
		} finally {
			await server.stop();
			await storage.drop();
		}
	}, 120_000);
});
