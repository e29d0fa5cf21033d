import { m } from '../../paraglide/messages.js';
import { phaseName } from './phase-names';
/**
 * A review meeting moves through these phases in order. The facilitator may
 * step forward or back one phase at a time, or skip ahead (a short meeting
 * may not vote); a closed meeting can be reopened into discussion.
 */
export const RETRO_PHASES = ['review', 'reflect', 'group', 'vote', 'discuss', 'closed'] as const;
export type RetroPhase = (typeof RETRO_PHASES)[number];

export function isRetroPhase(value: unknown): value is RetroPhase {
	return typeof value === 'string' && (RETRO_PHASES as readonly string[]).includes(value);
}

/** Why a phase change is refused, or null when it is allowed. */
export function phaseChangeProblem(from: RetroPhase, to: RetroPhase): string | null {
	if (from === to) return m.server_retro_already_in_phase({ phase: phaseName(to) });
	const a = RETRO_PHASES.indexOf(from);
	const b = RETRO_PHASES.indexOf(to);
	if (from === 'closed') {
		return to === 'discuss' ? null : m.server_retro_reopen_only_discuss();
	}
	if (b < a - 1) return m.server_retro_back_one_phase();
	// Revealed cards cannot be hidden again: going back to reflect after group would
	// suggest a privacy the cards no longer have.
	if (to === 'reflect' && a >= RETRO_PHASES.indexOf('group')) {
		return m.server_retro_no_reflect_again();
	}
	return null;
}

/** Cards are private to their authors until the board leaves reflect. */
export function cardsRevealed(phase: RetroPhase): boolean {
	return RETRO_PHASES.indexOf(phase) >= RETRO_PHASES.indexOf('group');
}

export function votingOpen(phase: RetroPhase): boolean {
	return phase === 'vote';
}

/** With hidden tallies, counts appear once voting has ended. */
export function talliesVisible(phase: RetroPhase, hideTallies: boolean): boolean {
	if (!hideTallies) return RETRO_PHASES.indexOf(phase) >= RETRO_PHASES.indexOf('vote');
	return RETRO_PHASES.indexOf(phase) > RETRO_PHASES.indexOf('vote');
}
