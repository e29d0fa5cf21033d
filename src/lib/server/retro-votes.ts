import { and, eq, sql } from 'drizzle-orm';
import { readTopics, talliesVisible, voteProblem, votesUsed, type Ballot } from '$lib/model/retro';
import type { Executor } from './db';
import { documents, retroVotes } from './db/schema';
import { badRequest, conflict, notFound } from './errors';
import { oneAtATime, openBoard, type RetroDeps } from './retro-board';
import { requireString } from './validate';
import { phaseName } from '$lib/model/retro/phase-names';
import { m } from '../paraglide/messages.js';

export interface BallotView {
	ballot: Record<string, number>;
	votesLeft: number;
}

export async function readBallot(
	db: Executor,
	documentId: string,
	userId: string
): Promise<Ballot> {
	const rows = await db
		.select({ topicId: retroVotes.topicId, count: retroVotes.count })
		.from(retroVotes)
		.where(and(eq(retroVotes.documentId, documentId), eq(retroVotes.userId, userId)));
	return new Map(rows.map((r) => [r.topicId, r.count]));
}

export function viewBallot(ballot: Ballot, budget: number): BallotView {
	return {
		ballot: Object.fromEntries(ballot),
		votesLeft: Math.max(0, budget - votesUsed(ballot))
	};
}

/**
 * Adds or takes back one vote. The budget and the per-topic maximum are
 * checked against the stored ballot under a lock on the board's row, so
 * neither two tabs nor two processes can spend the same vote twice.
 */
export async function castVote(
	deps: RetroDeps,
	documentId: string,
	userId: string,
	input: Record<string, unknown>
): Promise<BallotView> {
	const topicId = requireString(input.topicId, 'topicId', { max: 64 });
	if (input.delta !== 1 && input.delta !== -1) throw badRequest(m.server_retro_delta());
	const delta: 1 | -1 = input.delta;
	const board = await openBoard(deps, documentId, userId);
	return oneAtATime(documentId, async () => {
		const { meta, isTopic } = await board.change((doc, meta) => ({
			meta,
			isTopic: readTopics(doc).some((t) => t.id === topicId)
		}));
		if (meta.phase !== 'vote') {
			throw conflict(m.server_retro_vote_phase({ phase: phaseName(meta.phase) }));
		}
		if (delta === 1 && !isTopic) throw notFound(m.server_retro_no_vote_target());
		const limits = { budget: meta.voteBudget, perCard: meta.votesPerCard };
		const { ballot, total } = await deps.db.transaction(async (tx) => {
			await tx.execute(
				sql`select 1 from ${documents} where ${documents.id} = ${documentId} for update`
			);
			const ballot = await readBallot(tx, documentId, userId);
			const problem = voteProblem(ballot, topicId, delta, limits);
			if (problem) throw conflict(problem);
			const count = (ballot.get(topicId) ?? 0) + delta;
			const key = and(
				eq(retroVotes.documentId, documentId),
				eq(retroVotes.userId, userId),
				eq(retroVotes.topicId, topicId)
			);
			if (count === 0) {
				await tx.delete(retroVotes).where(key);
				ballot.delete(topicId);
			} else {
				await tx
					.insert(retroVotes)
					.values({ documentId, userId, topicId, count })
					.onConflictDoUpdate({
						target: [retroVotes.documentId, retroVotes.userId, retroVotes.topicId],
						set: { count }
					});
				ballot.set(topicId, count);
			}
			const [{ total }] = await tx
				.select({ total: sql<number>`coalesce(sum(${retroVotes.count}), 0)::int` })
				.from(retroVotes)
				.where(and(eq(retroVotes.documentId, documentId), eq(retroVotes.topicId, topicId)));
			return { ballot, total: Number(total) };
		});
		if (talliesVisible(meta.phase, meta.hideTallies)) {
			await board.change((doc) => {
				const tallies = doc.getMap<number>('tallies');
				if (total > 0) tallies.set(topicId, total);
				else tallies.delete(topicId);
			});
		}
		return viewBallot(ballot, meta.voteBudget);
	});
}
