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
	if (delta === -1) return onTarget === 0 ? 'You have no vote on this to take back.' : null;
	if (votesUsed(ballot) >= limits.budget) {
		return `You have used all ${limits.budget} of your votes; take one back first.`;
	}
	if (onTarget >= limits.perCard) {
		return `At most ${limits.perCard} of your votes can go to one card.`;
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
		return 'The vote budget must be a whole number from 1 to 50.';
	}
	if (
		!Number.isInteger(perCard) ||
		(perCard as number) < 1 ||
		(perCard as number) > (budget as number)
	) {
		return 'Votes per card must be a whole number from 1 to the budget.';
	}
	return { budget: budget as number, perCard: perCard as number };
}
