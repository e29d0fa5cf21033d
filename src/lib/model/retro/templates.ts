/** The boards a retro can start from; columns can be edited afterwards. */
export interface RetroTemplate {
	id: string;
	name: string;
	columns: string[];
}

export const RETRO_TEMPLATES: readonly RetroTemplate[] = [
	{
		id: 'start-stop-continue',
		name: 'Start / Stop / Continue',
		columns: ['Start', 'Stop', 'Continue']
	},
	{ id: 'mad-sad-glad', name: 'Mad / Sad / Glad', columns: ['Mad', 'Sad', 'Glad'] },
	{ id: '4ls', name: '4Ls', columns: ['Liked', 'Learned', 'Lacked', 'Longed for'] },
	{
		id: 'well-improve-ideas',
		name: 'Went well / To improve / Ideas',
		columns: ['Went well', 'To improve', 'Ideas']
	},
	{ id: 'blank', name: 'Blank board', columns: [] }
];

export function findTemplate(id: string): RetroTemplate | null {
	return RETRO_TEMPLATES.find((t) => t.id === id) ?? null;
}
