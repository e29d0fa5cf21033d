// Relative, not `$lib`: the model is also loaded by scripts and benchmarks run with tsx.
import { m } from '../../paraglide/messages';
import type { Locale } from '../../paraglide/runtime';
import { localText, type LocalText } from '../local-text';
import type { FlowNodeType, LaneLine } from './shape';

const NODE_TYPE_LABELS: Record<FlowNodeType, LocalText> = {
	start: localText(m.flow_type_start),
	end: localText(m.flow_type_end),
	process: localText(m.flow_type_process),
	decision: localText(m.flow_type_decision),
	document: localText(m.flow_type_document),
	data: localText(m.flow_type_data),
	manual: localText(m.flow_type_manual),
	handoff: localText(m.flow_type_handoff),
	note: localText(m.flow_type_note),
	improvement: localText(m.flow_type_improvement)
};

/** What a kind of shape is called ("Decision", "判断"), for palettes, panels and messages. */
export function flowNodeTypeLabel(type: FlowNodeType, locale?: Locale): string {
	return NODE_TYPE_LABELS[type](locale);
}

const LANE_LINE_LABELS: Record<LaneLine, LocalText> = {
	interaction: localText(m.flow_line_interaction),
	visibility: localText(m.flow_line_visibility),
	'internal-interaction': localText(m.flow_line_internal)
};

/** A service-blueprint line's name ("Line of visibility", "可视分界线"), on the canvas and in exports. */
export function laneLineLabel(line: LaneLine, locale?: Locale): string {
	return LANE_LINE_LABELS[line](locale);
}
