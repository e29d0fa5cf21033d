import { retroPhaseLabel, type RetroPhase } from '$lib/model/retro';
import { m } from '$lib/paraglide/messages';

/** What each phase is called, in the page's language (read on every access). */
export const PHASE_LABELS: Readonly<Record<RetroPhase, string>> = {
	get review() {
		return retroPhaseLabel('review');
	},
	get reflect() {
		return retroPhaseLabel('reflect');
	},
	get group() {
		return retroPhaseLabel('group');
	},
	get vote() {
		return retroPhaseLabel('vote');
	},
	get discuss() {
		return retroPhaseLabel('discuss');
	},
	get closed() {
		return retroPhaseLabel('closed');
	}
};

/** The one-line help under the phase bar. */
export const PHASE_HELP: Readonly<Record<RetroPhase, string>> = {
	get review() {
		return m.retro_phase_help_review();
	},
	get reflect() {
		return m.retro_phase_help_reflect();
	},
	get group() {
		return m.retro_phase_help_group();
	},
	get vote() {
		return m.retro_phase_help_vote();
	},
	get discuss() {
		return m.retro_phase_help_discuss();
	},
	get closed() {
		return m.retro_phase_help_closed();
	}
};
