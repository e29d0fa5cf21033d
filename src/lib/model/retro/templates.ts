// Relative, not `$lib`: the model is also loaded by scripts and benchmarks run with tsx.
import { m } from '../../paraglide/messages';
import type { Locale } from '../../paraglide/runtime';
import { localText, type LocalText } from '../local-text';

/**
 * The boards a retro can start from. The column titles are written in the
 * creator's language when the board is made; afterwards they are ordinary
 * board text that anyone may rename.
 */
export interface RetroTemplate {
	id: string;
	name: LocalText;
	columns: LocalText[];
}

export const RETRO_TEMPLATES: readonly RetroTemplate[] = [
	{
		id: 'start-stop-continue',
		name: localText(m.retro_tpl_ssc_name),
		columns: [m.retro_tpl_ssc_start, m.retro_tpl_ssc_stop, m.retro_tpl_ssc_continue].map(localText)
	},
	{
		id: 'mad-sad-glad',
		name: localText(m.retro_tpl_msg_name),
		columns: [m.retro_tpl_msg_mad, m.retro_tpl_msg_sad, m.retro_tpl_msg_glad].map(localText)
	},
	{
		id: '4ls',
		name: localText(m.retro_tpl_4ls_name),
		columns: [
			m.retro_tpl_4ls_liked,
			m.retro_tpl_4ls_learned,
			m.retro_tpl_4ls_lacked,
			m.retro_tpl_4ls_longed
		].map(localText)
	},
	{
		id: 'well-improve-ideas',
		name: localText(m.retro_tpl_wii_name),
		columns: [m.retro_tpl_wii_well, m.retro_tpl_wii_improve, m.retro_tpl_wii_ideas].map(localText)
	},
	{ id: 'blank', name: localText(m.retro_tpl_blank_name), columns: [] }
];

export function findTemplate(id: string): RetroTemplate | null {
	return RETRO_TEMPLATES.find((t) => t.id === id) ?? null;
}

/** A template's column titles in `locale` (the current language when not given). */
export function templateColumns(template: RetroTemplate, locale?: Locale): string[] {
	return template.columns.map((title) => title(locale));
}
