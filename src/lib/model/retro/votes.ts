import { m } from '../../paraglide/messages.js';
/**
 * Vote limits, checked by the server before it records a vote: a budget per
 * person for the whole board and a maximum per card (or group) per person.
 */
export interface VoteLimits {
	budget: number;
	perCard: number;
}

export const DEFAULT_VOTE_LIMITS: VoteLimits = { budget: 3, perCard: 3 };

/** One person's votes on the board: target id → how many. */
export type Ballot = Map<string, number>;

export function votesUsed(ballot: Ballot): number {
	let used = 0;
	for (const n of ballot.values()) used += n;
	return used;
}

/** Why adding (delta 1) or taking back (delta -1) a vote is refused, or null. */
export function voteProblem(
	ballot: Ballot,
	targetId: string,
	delta: 1 | -1,
	limits: VoteLimits
): string | null {
	const onTarget = ballot.get(targetId) ?? 0;
	if (delta === -1) return onTarget === 0 ? m.server_retro_no_vote_to_take_back() : null;
	if (votesUsed(ballot) >= limits.budget) {
		return m.server_retro_budget_used({ budget: limits.budget });
	}
	if (onTarget >= limits.perCard) {
		return m.server_retro_per_card_used({ perCard: limits.perCard });
	}
	return null;
}

export function validateVoteLimits(input: {
	budget?: unknown;
	perCard?: unknown;
}): VoteLimits | string {
	const budget = input.budget ?? DEFAULT_VOTE_LIMITS.budget;
	const perCard = input.perCard ?? Math.min(DEFAULT_VOTE_LIMITS.perCard, Number(budget));
	if (!Number.isInteger(budget) || (budget as number) < 1 || (budget as number) > 50) {
		return m.server_retro_budget_range();
	}
	if (
		!Number.isInteger(perCard) ||
		(perCard as number) < 1 ||
		(perCard as number) > (budget as number)
	) {
		return m.server_retro_per_card_range();
	}
	return { budget: budget as number, perCard: perCard as number };
}
