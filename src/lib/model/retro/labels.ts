import { m } from '../../paraglide/messages';
import type { Locale } from '../../paraglide/runtime';
import { localText, type LocalText } from '../local-text';
import type { RetroPhase } from './phases';

const PHASE_LABELS: Record<RetroPhase, LocalText> = {
	review: localText(m.retro_phase_review),
	reflect: localText(m.retro_phase_reflect),
	group: localText(m.retro_phase_group),
	vote: localText(m.retro_phase_vote),
	discuss: localText(m.retro_phase_discuss),
	closed: localText(m.retro_phase_closed)
};

/** What a meeting phase is called ("Discuss", "讨论"), on the board and in the summary. */
export function retroPhaseLabel(phase: RetroPhase, locale?: Locale): string {
	return PHASE_LABELS[phase](locale);
}
