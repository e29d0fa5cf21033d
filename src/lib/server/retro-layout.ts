import {
	addColumn,
	cardsRevealed,
	editCardText,
	groupCard,
	moveColumn,
	removeColumn,
	renameColumn,
	renameGroup,
	setCardHidden
} from '$lib/model/retro';
import { badRequest, conflict, forbidden } from './errors';
import { countDrafts, requireCardText } from './retro-drafts';
import {
	oneAtATime,
	openBoard,
	releaseVotes,
	requireFacilitator,
	unwrap,
	type RetroDeps
} from './retro-board';
import { requireColumnTitle } from './retro-setup';
import { requireString } from './validate';
import { phaseName } from '$lib/model/retro/phase-names';
import { m } from '../paraglide/messages.js';

/** Columns, groups and hidden cards: how the board is laid out. */

export async function createColumn(
	deps: RetroDeps,
	documentId: string,
	userId: string,
	input: Record<string, unknown>
): Promise<{ id: string; title: string }> {
	const title = requireColumnTitle(input.title);
	const board = await openBoard(deps, documentId, userId);
	return oneAtATime(documentId, () =>
		board.change((doc, meta) => {
			requireFacilitator(meta, board, m.server_retro_facilitator_columns());
			return unwrap(addColumn(doc, title));
		})
	);
}

export async function updateColumn(
	deps: RetroDeps,
	documentId: string,
	userId: string,
	columnId: string,
	input: Record<string, unknown>
): Promise<void> {
	const title = input.title === undefined ? undefined : requireColumnTitle(input.title);
	if (input.index !== undefined && !Number.isInteger(input.index)) {
		throw badRequest(m.server_retro_index());
	}
	const index = input.index as number | undefined;
	if (title === undefined && index === undefined)
		throw badRequest(m.server_retro_send_title_or_index());
	const board = await openBoard(deps, documentId, userId);
	await oneAtATime(documentId, () =>
		board.change((doc, meta) => {
			requireFacilitator(meta, board, m.server_retro_facilitator_columns());
			if (title !== undefined) unwrap(renameColumn(doc, columnId, title));
			if (index !== undefined) unwrap(moveColumn(doc, columnId, index));
		})
	);
}

export async function deleteColumn(
	deps: RetroDeps,
	documentId: string,
	userId: string,
	columnId: string
): Promise<void> {
	const board = await openBoard(deps, documentId, userId);
	await oneAtATime(documentId, async () => {
		// Private cards count too: removing their column would strand them.
		const drafts = await countDrafts(deps.db, documentId, columnId);
		await board.change((doc, meta) => {
			requireFacilitator(meta, board, m.server_retro_facilitator_columns());
			if (drafts > 0) throw conflict(m.server_retro_column_in_use());
			unwrap(removeColumn(doc, columnId));
		});
	});
}

/** Drops a card onto another card or a group, or (onto null) takes it out of its group. */
export async function groupCardOnto(
	deps: RetroDeps,
	documentId: string,
	userId: string,
	input: Record<string, unknown>
): Promise<{ groupId: string | null }> {
	const cardId = requireString(input.cardId, 'cardId', { max: 64 });
	if (input.onto === undefined) throw badRequest(m.server_retro_onto_required());
	const onto = input.onto === null ? null : requireString(input.onto, 'onto', { max: 80 });
	const board = await openBoard(deps, documentId, userId);
	return oneAtATime(documentId, async () => {
		const { groupId, retiredTopics } = await board.change((doc, meta) => {
			if (meta.phase !== 'group') {
				throw conflict(m.server_retro_group_phase({ phase: phaseName(meta.phase) }));
			}
			return unwrap(groupCard(doc, cardId, onto));
		});
		// Only possible after going back from vote to group: those votes return to their voters.
		await releaseVotes(deps.db, documentId, retiredTopics);
		return { groupId };
	});
}

export async function renameBoardGroup(
	deps: RetroDeps,
	documentId: string,
	userId: string,
	groupId: string,
	input: Record<string, unknown>
): Promise<{ id: string; title: string }> {
	const title = requireString(input.title ?? '', m.server_field_group_title(), {
		min: 0,
		max: 120
	});
	const board = await openBoard(deps, documentId, userId);
	return oneAtATime(documentId, () =>
		board.change((doc, meta) => {
			if (!cardsRevealed(meta.phase) || meta.phase === 'closed') {
				throw conflict(m.server_retro_name_group_phase({ phase: phaseName(meta.phase) }));
			}
			unwrap(renameGroup(doc, groupId, title));
			return { id: groupId, title };
		})
	);
}

/**
 * Changes a revealed card: the facilitator hides an inappropriate card
 * (`hidden`) or shows it again; on a named board the author corrects its
 * text while cards are being grouped, before anyone votes on it.
 */
export async function updateCard(
	deps: RetroDeps,
	documentId: string,
	userId: string,
	cardId: string,
	input: Record<string, unknown>
): Promise<{ id: string; hidden?: boolean; text?: string }> {
	if (input.hidden !== undefined && typeof input.hidden !== 'boolean') {
		throw badRequest(m.server_field_boolean({ field: 'hidden' }));
	}
	const hidden = input.hidden as boolean | undefined;
	const text = input.text === undefined ? undefined : requireCardText(input.text);
	if (hidden === undefined && text === undefined)
		throw badRequest(m.server_retro_send_hidden_or_text());
	const board = await openBoard(deps, documentId, userId);
	return oneAtATime(documentId, () =>
		board.change((doc, meta) => {
			if (hidden !== undefined) requireFacilitator(meta, board, m.indsrv_retro_facilitator_hide());
			if (text !== undefined && meta.phase !== 'group') {
				throw conflict(m.server_retro_correct_phase({ phase: phaseName(meta.phase) }));
			}
			// Every refusal comes before the first write (hiding can then only fail on a
			// missing card, which the text check has already refused): nothing half-done.
			if (text !== undefined) {
				const edited = editCardText(doc, cardId, userId, text);
				if (!edited.ok && !edited.missing) throw forbidden(edited.problem);
				unwrap(edited);
			}
			if (hidden !== undefined) unwrap(setCardHidden(doc, cardId, hidden));
			return {
				id: cardId,
				...(hidden === undefined ? {} : { hidden }),
				...(text === undefined ? {} : { text })
			};
		})
	);
}
