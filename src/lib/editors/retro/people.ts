import { pickUserColor } from '$lib/components/user-color';

/** Someone with the board open, as their awareness state says. */
export interface Person {
	id: string;
	name: string;
	color: string;
	self: boolean;
	/** Marked ready in the phase the board is in now. */
	ready: boolean;
}

/**
 * One entry per person (several tabs count once, ready if any tab is), you
 * first. A ready mark counts only for the phase it was given in, so a mark
 * left over from the previous phase never shows.
 */
export function readPeople(
	states: Map<number, Record<string, unknown>>,
	selfClientId: number,
	phase: string
): Person[] {
	const people = new Map<string, Person>();
	for (const [clientId, state] of states) {
		const user = state.user as { id?: unknown; name?: unknown; color?: unknown } | undefined;
		if (!user || typeof user.id !== 'string' || typeof user.name !== 'string') continue;
		const ready = state.ready === phase;
		const self = clientId === selfClientId;
		const known = people.get(user.id);
		if (known) {
			known.ready ||= ready;
			known.self ||= self;
			continue;
		}
		people.set(user.id, {
			id: user.id,
			name: user.name,
			color: typeof user.color === 'string' ? user.color : pickUserColor(user.id),
			self,
			ready
		});
	}
	return [...people.values()].sort(
		(a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name)
	);
}
