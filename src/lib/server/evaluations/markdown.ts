import { EVALUATION_ASPECTS, markdownCell } from '$lib/model/indicators';
import { aspectLabel, monthLabel, ratingText } from '$lib/components/indicators/evaluation-labels';
import { formatLevel, formatValue, statusLabel } from '$lib/components/indicators/labels';
import { m } from '$lib/paraglide/messages';
import type { EvaluationView } from './queries';

/**
 * An evaluation as a Markdown document in the request's language: the
 * indicators' values as a table, each rating with its comment, the
 * conclusion. Text people wrote is kept as they wrote it.
 */
export function evaluationMarkdown(evaluation: EvaluationView, workspaceName: string): string {
	const lines: string[] = [
		`# ${m.evaluations_title_of({ month: monthLabel(evaluation.period) })}`,
		'',
		`${m.evaluations_workspace()}: ${workspaceName}`,
		'',
		`## ${m.evaluations_values()}`,
		''
	];
	if (evaluation.values.length === 0) {
		lines.push(m.evaluations_no_indicators(), '');
	} else {
		lines.push(
			`| ${[
				m.evaluations_col_indicator(),
				m.evaluations_col_value(),
				m.evaluations_col_target(),
				m.evaluations_col_status(),
				m.evaluations_col_signal()
			].join(' | ')} |`,
			'| --- | ---: | ---: | --- | --- |'
		);
		for (const v of evaluation.values) {
			const cells = [
				v.name,
				v.value === null ? m.evaluations_no_value() : formatValue(v.value, v.unit),
				formatLevel(v.target, v.unit),
				v.value === null ? '–' : statusLabel(v.status),
				v.signal ? m.evaluations_signal_yes() : '–'
			];
			lines.push(`| ${cells.map(markdownCell).join(' | ')} |`);
		}
		lines.push('');
	}
	lines.push(`## ${m.evaluations_ratings()}`, '');
	for (const aspect of EVALUATION_ASPECTS) {
		const rated = evaluation.ratings[aspect];
		lines.push(`### ${aspectLabel(aspect)}`, '', ratingText(rated?.rating ?? null), '');
		if (rated?.comment) lines.push(rated.comment, '');
	}
	lines.push(`## ${m.evaluations_conclusion()}`, '');
	lines.push(evaluation.conclusion || m.evaluations_no_conclusion(), '');
	return lines.join('\n');
}
