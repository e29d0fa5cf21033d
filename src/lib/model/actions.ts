/**
 * What every document kind's extractor returns: the improvement actions written
 * in a document, each with a key that identifies its item for as long as the
 * item exists (an id attribute on a checklist item, a card or a note).
 */
export interface ExtractedAction {
	sourceKey: string;
	title: string;
	done: boolean;
	/** A workspace member's user id, or null. */
	assigneeId: string | null;
	/** A calendar date, 'YYYY-MM-DD', or null. */
	dueDate: string | null;
}

/** A change the task list makes to an action's source item. Absent fields stay as they are. */
export interface ActionChange {
	done?: boolean;
	assigneeId?: string | null;
	dueDate?: string | null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Accepts 'YYYY-MM-DD' naming a real calendar day; anything else is null. */
export function normalizeDate(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const match = DATE.exec(value.trim());
	if (!match) return null;
	const [, y, m, d] = match.map(Number);
	const date = new Date(Date.UTC(y, m - 1, d));
	if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
		return null;
	}
	return value.trim();
}
