import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	applyRetroActionChange,
	cardsRevealed,
	findTemplate,
	groupCards,
	initRetroDocument,
	insertCard,
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
		columns: findTemplate('start-stop-continue')!.columns
	});
	return doc;
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
		insertCard(
			doc,
			{ columnId: start.id, text: 'Shorter stand-ups', authorId: 'secret-user' },
			true
		);
		const member = replica(doc);
		expect(readCards(member)[0]).toMatchObject({ text: 'Shorter stand-ups', authorId: null });
		expect(JSON.stringify(member.toJSON())).not.toContain('secret-user');
		expect(Buffer.from(Y.encodeStateAsUpdate(doc)).toString('latin1')).not.toContain('secret-user');
	});

	it('groups cards dragged at the same time onto the same card into one group for everyone', () => {
		const doc = board();
		const [start] = readColumns(doc);
		const ids = ['one', 'two', 'three'].map((text) =>
			insertCard(doc, { columnId: start.id, text, authorId: 'u' }, false)
		);
		const alice = replica(doc);
		const bob = replica(doc);
		groupCards(alice, ids[0], ids[2]);
		groupCards(bob, ids[1], ids[2]);
		Y.applyUpdate(alice, Y.encodeStateAsUpdate(bob));
		Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice));
		const groupsOf = (d: Y.Doc) => new Set(readCards(d).map((c) => c.groupId));
		expect(groupsOf(alice)).toEqual(groupsOf(bob));
		expect(groupsOf(alice).size).toBe(1);
	});

	it('extracts action items as tasks and writes task-list changes back', () => {
		const doc = board();
		const action = new Y.Map<unknown>();
		action.set('title', 'Publish the escalation rota');
		action.set('ownerId', 'u1');
		action.set('dueDate', '2026-12-04');
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
		const a = insertCard(
			doc,
			{ columnId: start.id, text: 'Pair on hand-offs', authorId: 'u1' },
			true
		);
		const b = insertCard(doc, { columnId: start.id, text: 'Share the rota', authorId: 'u2' }, true);
		insertCard(doc, { columnId: stop.id, text: 'Rude remark', authorId: 'u3' }, true);
		doc.getMap<Y.Map<unknown>>('cards').forEach((card) => {
			if (card.get('text') === 'Rude remark') card.set('hidden', true);
		});
		const group = groupCards(doc, b, a)!;
		doc.getMap<Y.Map<unknown>>('groups').get(group)!.set('title', 'Hand-offs');
		doc.getMap('meta').set('phase', 'discuss');
		doc.getMap('tallies').set(group, 4);
		const action = new Y.Map<unknown>();
		action.set('title', 'Write the hand-off checklist');
		action.set('ownerId', 'u1');
		doc.getMap('actions').set('x', action);
		const md = retroSummaryMarkdown(doc, 'Week 48 review', new Map([['u1', 'Ann']]));
		expect(md).toContain('## Hand-offs (4 votes)');
		expect(md).toContain('- Pair on hand-offs');
		expect(md).toContain('- [ ] Write the hand-off checklist — owner: Ann');
		expect(md).not.toContain('Rude remark');
		expect(md).not.toMatch(/— Ann\n/); // no card author on an anonymous board
	});
});
