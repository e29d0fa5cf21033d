import { m } from '../../paraglide/messages.js';
import type { AppLocale } from '../../i18n/locales';
import type { RetroPhase } from './phases';

/** A phase as a word inside a sentence ("the board is in the vote phase"), in the current or given language. */
export function phaseName(phase: RetroPhase, options: { locale?: AppLocale } = {}): string {
	const names: Record<RetroPhase, (inputs: object, options: { locale?: AppLocale }) => string> = {
		review: m.server_phase_review,
		reflect: m.server_phase_reflect,
		group: m.server_phase_group,
		vote: m.server_phase_vote,
		discuss: m.server_phase_discuss,
		closed: m.server_phase_closed
	};
	return names[phase]({}, options);
}
