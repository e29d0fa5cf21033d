import type { RetroPhase } from '$lib/model/retro';

export const PHASE_LABELS: Record<RetroPhase, string> = {
	review: 'Review',
	reflect: 'Reflect',
	group: 'Group',
	vote: 'Vote',
	discuss: 'Discuss',
	closed: 'Closed'
};

export const PHASE_HELP: Record<RetroPhase, string> = {
	review: 'Go through the open actions from earlier retros: done, still open or dropped?',
	reflect:
		'Write your cards. Only you see what you write; everyone sees how many cards each column is getting.',
	group:
		'Drag cards onto each other to group them (or use “Group…” on a card), and name the groups.',
	vote: 'Spend your votes on the topics you most want to discuss.',
	discuss: 'Topics come in vote order. Take notes together and agree on actions with an owner.',
	closed:
		'The meeting is over. Notes and actions stay editable, and every action is in the task list.'
};
