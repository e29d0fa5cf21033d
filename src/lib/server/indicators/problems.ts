import {
	PERIOD_EXAMPLES,
	type Frequency,
	type LevelProblem,
	type PeriodProblem
} from '$lib/model/indicators';
import { m } from '../../paraglide/messages.js';

/**
 * The model's problem codes for periods and levels, worded in the request's
 * language. The phrases have no field and no full stop, so they serve both a
 * 400 that names the field and an item of a batch's problem list.
 */

const EXPECTED: Record<Frequency, (inputs: { example: string }) => string> = {
	daily: m.indsrv_period_daily,
	weekly: m.indsrv_period_weekly,
	monthly: m.indsrv_period_monthly
};

/** "“2026-W45” is not a date like 2026-11-30" / "must be a month like 2026-11". */
export function periodProblemText(
	failed: { problem: PeriodProblem; text: string },
	frequency: Frequency
): string {
	const expected = EXPECTED[frequency]({ example: PERIOD_EXAMPLES[frequency] });
	return failed.problem === 'not_text'
		? m.indsrv_period_must_be({ expected })
		: m.indsrv_period_is_not({ text: failed.text, expected });
}

export function levelProblemText(problem: LevelProblem): string {
	return {
		not_range: m.indsrv_level_not_range,
		range_reversed: m.indsrv_level_reversed,
		not_number: m.indsrv_level_not_number
	}[problem]();
}

/** A sentence for a 400: the field as the API names it, then the problem. */
export function fieldProblem(field: string, problem: string): string {
	return m.indsrv_field_problem({ field, problem });
}
