import * as Y from 'yjs';
import { MAX_COLUMNS } from './board';
import { initRetroDocument, readColumns, readRetroMeta } from './shape';
import { isTimerLength } from './timer';
import { validateVoteLimits } from './votes';

/**
 * A retro board as a workspace template keeps it (docs/document-model.md,
 * "Workspace templates"): its format — the column titles in order, whether
 * cards are anonymous, the vote limits, whether tallies stay hidden, and the
 * timer length — and nothing a meeting produced: no cards, groups, votes,
 * notes, actions, review list or phase.
 */
export interface RetroSavedContent {
	columns: string[];
	anonymous: boolean;
	voteBudget: number;
	votesPerCard: number;
	hideTallies: boolean;
	/** Seconds, or null when the source's timer was never started. */
	timerLength: number | null;
}

export function readRetroSavedContent(doc: Y.Doc): RetroSavedContent {
	const meta = readRetroMeta(doc);
	return {
		columns: readColumns(doc).map((column) => column.title),
		anonymous: meta.anonymous,
		voteBudget: meta.voteBudget,
		votesPerCard: meta.votesPerCard,
		hideTallies: meta.hideTallies,
		timerLength: meta.timerLength
	};
}

/** Column titles as the board's column endpoints accept them. */
const isColumnTitle = (value: unknown): value is string =>
	typeof value === 'string' && value.trim() !== '' && value.length <= 80;

/**
 * Writes a saved format into an empty document as a new board: the first
 * phase, `creatorId` as facilitator, new column ids, no timer running.
 * Throws on a broken copy. The server lists earlier retros' open actions
 * for review afterwards (`listForReview`), as for any new board.
 */
export function writeRetroSavedContent(
	doc: Y.Doc,
	content: unknown,
	{ creatorId }: { creatorId: string }
): void {
	if (typeof content !== 'object' || content === null) {
		throw new Error('saved retro content is not an object');
	}
	const saved = content as Record<string, unknown>;
	const columns = saved.columns;
	if (!Array.isArray(columns) || columns.length > MAX_COLUMNS || !columns.every(isColumnTitle)) {
		throw new Error('saved retro content has broken columns');
	}
	const limits = validateVoteLimits({ budget: saved.voteBudget, perCard: saved.votesPerCard });
	if (typeof limits === 'string') throw new Error(`saved retro content: ${limits}`);
	initRetroDocument(doc, {
		facilitatorId: creatorId,
		anonymous: saved.anonymous === true,
		limits,
		hideTallies: saved.hideTallies === true,
		columns,
		timerLength: isTimerLength(saved.timerLength) ? saved.timerLength : null
	});
}
