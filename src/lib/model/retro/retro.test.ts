import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	applyRetroActionChange,
	cardsRevealed,
	editCardText,
	findTemplate,
	templateColumns,
	groupCard,
	initRetroDocument,
	readTopics,
	revealCards,
	topicsInVoteOrder,
	writeTallies,
	phaseChangeProblem,
	readCards,
	readColumns,
	readRetroMeta,
	retroSummaryMarkdown,
	scanRetroActions,
	talliesVisible,
	validateVoteLimits,
	voteProblem,
	type Ballot
} from './index';

function board(anonymous = false): Y.Doc {
	const doc = new Y.Doc();
	initRetroDocument(doc, {
		facilitatorId: 'fac',
		anonymous,
		limits: { budget: 3, perCard: 2 },
		hideTallies: true,
		columns: templateColumns(findTemplate('start-stop-continue')!, 'en')
	});
	return doc;
}

let nextCard = 0;
function addCard(doc: Y.Doc, columnId: string, text: string, authorId: string, anonymous = false) {
	const id = `card${++nextCard}`;
	revealCards(doc, [{ id, columnId, text, authorId }], anonymous);
	return id;
}

function group(doc: Y.Doc, cardId: string, onto: string | null): string | null {
	const result = groupCard(doc, cardId, onto);
	if (!result.ok) throw new Error(result.problem);
	return result.value.groupId;
}

/** Applies every update of `from` to a fresh document: what a member's client holds. */
function replica(from: Y.Doc): Y.Doc {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(from));
	return copy;
}

describe('retro model', () => {
	it('starts from a template in the review phase with the chosen limits', () => {
		const doc = board();
		expect(readColumns(doc).map((c) => c.title)).toEqual(['Start', 'Stop', 'Continue']);
		expect(readRetroMeta(doc)).toMatchObject({
			phase: 'review',
			facilitatorId: 'fac',
			voteBudget: 3,
			votesPerCard: 2,
			hideTallies: true
		});
	});

	it('orders phases: forward freely, back one step, never back into private reflection', () => {
		expect(phaseChangeProblem('review', 'reflect')).toBeNull();
		expect(phaseChangeProblem('reflect', 'vote')).toBeNull();
		expect(phaseChangeProblem('discuss', 'vote')).toBeNull();
		expect(phaseChangeProblem('discuss', 'group')).toMatch(/one phase/);
		expect(phaseChangeProblem('group', 'reflect')).toMatch(/revealed/);
		expect(phaseChangeProblem('closed', 'discuss')).toBeNull();
		expect(phaseChangeProblem('closed', 'vote')).toMatch(/reopened/);
		expect(cardsRevealed('reflect')).toBe(false);
		expect(cardsRevealed('group')).toBe(true);
		expect(talliesVisible('vote', true)).toBe(false);
		expect(talliesVisible('vote', false)).toBe(true);
		expect(talliesVisible('discuss', true)).toBe(true);
	});

	it('enforces the vote budget and the per-card maximum', () => {
		const limits = { budget: 3, perCard: 2 };
		const ballot: Ballot = new Map([['a', 2]]);
		expect(voteProblem(ballot, 'a', 1, limits)).toMatch(/At most 2/);
		expect(voteProblem(ballot, 'b', 1, limits)).toBeNull();
		ballot.set('b', 1);
		expect(voteProblem(ballot, 'c', 1, limits)).toMatch(/all 3/);
		expect(voteProblem(ballot, 'c', -1, limits)).toMatch(/no vote/);
		expect(voteProblem(ballot, 'b', -1, limits)).toBeNull();
		expect(validateVoteLimits({ budget: 0 })).toMatch(/budget/);
		expect(validateVoteLimits({ budget: 5, perCard: 6 })).toMatch(/per card/);
		expect(validateVoteLimits({})).toEqual({ budget: 3, perCard: 3 });
	});

	it('keeps the author out of the shared document on anonymous boards', () => {
		const doc = board(true);
		const [start] = readColumns(doc);
		revealCards(
			doc,
			['Shorter stand-ups', 'Fewer hand-offs', 'Own the rota'].map((text, i) => ({
				id: `d${i}`,
				columnId: start.id,
				text,
				authorId: 'secret-user'
			})),
			true
		);
		const member = replica(doc);
		expect(readCards(member)).toHaveLength(3);
		expect(readCards(member).every((c) => c.authorId === null)).toBe(true);
		expect(JSON.stringify(member.toJSON())).not.toContain('secret-user');
		expect(Buffer.from(Y.encodeStateAsUpdate(doc)).toString('latin1')).not.toContain('secret-user');
	});

	it('lets only the author correct a card, and nobody an anonymous one', () => {
		const named = board();
		const [start] = readColumns(named);
		const card = addCard(named, start.id, 'Pager too loud', 'ann');
		expect(editCardText(named, card, 'bob', 'Pager is fine')).toMatchObject({
			ok: false,
			missing: false
		});
		expect(editCardText(named, 'nope', 'ann', 'x')).toMatchObject({ ok: false, missing: true });
		expect(editCardText(named, card, 'ann', 'Pager alerts too noisy').ok).toBe(true);
		expect(readCards(named)[0].text).toBe('Pager alerts too noisy');

		const anonymous = board(true);
		const secret = addCard(anonymous, readColumns(anonymous)[0].id, 'Unclear runbook', 'ann', true);
		const refused = editCardText(anonymous, secret, 'ann', 'Clear runbook');
		expect(refused).toMatchObject({ ok: false, missing: false });
		expect(readCards(anonymous)[0].text).toBe('Unclear runbook');
	});

	it('groups cards dragged at the same time onto the same card into one group for everyone', () => {
		const doc = board();
		const [start] = readColumns(doc);
		const ids = ['one', 'two', 'three'].map((text) => addCard(doc, start.id, text, 'u'));
		const alice = replica(doc);
		const bob = replica(doc);
		group(alice, ids[0], ids[2]);
		group(bob, ids[1], ids[2]);
		Y.applyUpdate(alice, Y.encodeStateAsUpdate(bob));
		Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice));
		const groupsOf = (d: Y.Doc) => new Set(readCards(d).map((c) => c.groupId));
		expect(groupsOf(alice)).toEqual(groupsOf(bob));
		expect(groupsOf(alice).size).toBe(1);
	});

	it('moves cards between groups, dissolves emptied groups and orders topics by votes', () => {
		const doc = board();
		const [start, stop] = readColumns(doc);
		const [a, b, c] = ['a', 'b', 'c'].map((t) => addCard(doc, start.id, t, 'u'));
		const d = addCard(doc, stop.id, 'd', 'u');
		const first = groupCard(doc, b, a);
		expect(first).toMatchObject({ ok: true, value: { groupId: `group-${a}` } });
		// Both loose cards stopped being topics of their own: votes on them are returned.
		expect(first.ok && [...first.value.retiredTopics].sort()).toEqual([a, b].sort());
		expect(group(doc, c, `group-${a}`)).toBe(`group-${a}`);
		expect(readTopics(doc).map((t) => t.id)).toEqual([`group-${a}`, d]);
		// Taking every card out dissolves the group.
		for (const id of [a, b]) group(doc, id, null);
		const last = groupCard(doc, c, null);
		expect(last.ok && last.value.retiredTopics).toEqual([`group-${a}`]);
		expect(readTopics(doc).map((t) => t.id)).toEqual([a, b, c, d]);
		expect(groupCard(doc, a, a)).toMatchObject({ ok: false });
		expect(groupCard(doc, 'nope', a)).toMatchObject({ ok: false });
		writeTallies(
			doc,
			new Map([
				[c, 2],
				[d, 5]
			])
		);
		const ordered = topicsInVoteOrder(
			readTopics(doc),
			new Map([
				[c, 2],
				[d, 5]
			])
		);
		expect(ordered.map((t) => t.id)).toEqual([d, c, a, b]);
	});

	it('extracts action items as tasks and writes task-list changes back', () => {
		const doc = board();
		const action = new Y.Map<unknown>();
		action.set('title', 'Publish the escalation rota');
		action.set('ownerId', 'u1');
		action.set('dueDate', '2026-12-04');
		action.set('topicId', 'g1');
		action.set('done', false);
		doc.getMap('actions').set('act1', action);
		expect(scanRetroActions(doc).actions).toEqual([
			{
				sourceKey: 'act1',
				title: 'Publish the escalation rota',
				done: false,
				assigneeId: 'u1',
				dueDate: '2026-12-04'
			}
		]);
		expect(applyRetroActionChange(doc, 'act1', { done: true, assigneeId: null })).toBe(true);
		expect(scanRetroActions(doc).actions[0]).toMatchObject({ done: true, assigneeId: null });
		expect(applyRetroActionChange(doc, 'gone', { done: true })).toBe(false);
	});

	it('summarises the meeting as Markdown without hidden cards or anonymous authors', () => {
		const doc = board(true);
		const [start, stop] = readColumns(doc);
		const a = addCard(doc, start.id, 'Pair on hand-offs', 'u1', true);
		const b = addCard(doc, start.id, 'Share the rota', 'u2', true);
		addCard(doc, stop.id, 'Rude remark', 'u3', true);
		doc.getMap<Y.Map<unknown>>('cards').forEach((card) => {
			if (card.get('text') === 'Rude remark') card.set('hidden', true);
		});
		const groupId = group(doc, b, a)!;
		doc.getMap<Y.Map<unknown>>('groups').get(groupId)!.set('title', 'Hand-offs');
		doc.getMap('meta').set('phase', 'discuss');
		doc.getMap('tallies').set(groupId, 4);
		const action = new Y.Map<unknown>();
		action.set('title', 'Write the hand-off checklist');
		action.set('ownerId', 'u1');
		doc.getMap('actions').set('x', action);
		const md = retroSummaryMarkdown(doc, 'Week 48 review', new Map([['u1', 'Ann']]), 'en');
		expect(md).toContain('### Hand-offs (4 votes)');
		expect(md).toContain('- Pair on hand-offs');
		expect(md).toContain('- [ ] Write the hand-off checklist, owner: Ann');
		expect(md).not.toContain('Rude remark');
		expect(md).not.toContain('(Ann)'); // no card author on an anonymous board

		const chinese = retroSummaryMarkdown(
			doc,
			'Week 48 review',
			new Map([['u1', 'Ann']]),
			'zh-Hans'
		);
		expect(chinese).toContain('阶段：讨论');
		expect(chinese).toContain('## 讨论话题');
		expect(chinese).toContain('### Hand-offs（4 票）');
		expect(chinese).toContain('## 行动项');
		expect(chinese).toContain('- [ ] Write the hand-off checklist，负责人：Ann');
		expect(chinese).not.toMatch(/Topics|Actions|owner|Phase/);
	});

	it('names template columns in the creator’s language', () => {
		const board = findTemplate('4ls')!;
		expect(templateColumns(board, 'en')).toEqual(['Liked', 'Learned', 'Lacked', 'Longed for']);
		expect(templateColumns(board, 'zh-Hans')).toEqual(['喜欢的', '学到的', '缺少的', '期望的']);
		expect(templateColumns(findTemplate('start-stop-continue')!, 'zh-Hant')).toEqual([
			'開始做',
			'停止做',
			'繼續做'
		]);
	});
});
