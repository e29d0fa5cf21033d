import type { Direction, Frequency, Level, SignalRule, Status } from '$lib/model/indicators';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

/** The words of indicators in the reader's language. */

export interface CategoryLike {
	defaultKey: string | null;
	name: string | null;
}

const DEFAULT_CATEGORY_NAMES: Record<string, () => string> = {
	service_quality: m.indicators_category_service_quality,
	customer_satisfaction: m.indicators_category_customer_satisfaction,
	operational_efficiency: m.indicators_category_operational_efficiency,
	cost: m.indicators_category_cost
};

export function categoryName(category: CategoryLike | null | undefined): string {
	if (!category) return m.indicators_uncategorised();
	if (category.name) return category.name;
	return DEFAULT_CATEGORY_NAMES[category.defaultKey ?? '']?.() ?? m.indicators_uncategorised();
}

export function statusLabel(status: Status | null): string {
	if (status === 'on_target') return m.indicators_status_on_target();
	if (status === 'warning') return m.indicators_status_warning();
	if (status === 'off_target') return m.indicators_status_off_target();
	return m.indicators_status_none();
}

export function directionLabel(direction: Direction): string {
	return {
		higher: m.indicators_direction_higher,
		lower: m.indicators_direction_lower,
		range: m.indicators_direction_range
	}[direction]();
}

export function frequencyLabel(frequency: Frequency): string {
	return {
		daily: m.indicators_frequency_daily,
		weekly: m.indicators_frequency_weekly,
		monthly: m.indicators_frequency_monthly
	}[frequency]();
}

export function ruleLabel(rule: SignalRule): string {
	return {
		outside_limits: m.indicators_rule_outside_limits,
		run: m.indicators_rule_run,
		trend: m.indicators_rule_trend
	}[rule]();
}

export function signalTitle(rules: SignalRule[]): string {
	const separator = getLocale() === 'en' ? '; ' : '；';
	return m.indicators_signal_title({ rules: rules.map(ruleLabel).join(separator) });
}

const formats = new Map<string, Intl.NumberFormat>();

/** A value in the reader's locale, at most three decimals. */
export function formatNumber(value: number | null | undefined): string {
	if (value === null || value === undefined) return '–';
	const locale = getLocale();
	let format = formats.get(locale);
	if (!format) {
		format = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
		formats.set(locale, format);
	}
	return format.format(value);
}

export function formatValue(value: number | null | undefined, unit: string): string {
	const text = formatNumber(value);
	if (!unit || value === null || value === undefined) return text;
	return unit === '%' ? `${text}%` : `${text} ${unit}`;
}

export function formatLevel(level: Level | null, unit: string): string {
	if (level === null) return '–';
	if (Array.isArray(level)) return `${formatNumber(level[0])}–${formatValue(level[1], unit)}`;
	return formatValue(level, unit);
}

/** Reads a level typed in a form: `95`, or `2-4` / `2–4` for a range. */
export function parseLevelInput(text: string): Level | null {
	const trimmed = text.trim();
	if (trimmed === '') return null;
	const range = /^(-?[\d.]+)\s*[-–~]\s*(-?[\d.]+)$/.exec(trimmed);
	if (range) return [Number(range[1]), Number(range[2])];
	return Number(trimmed);
}

export function levelInput(level: Level | null): string {
	if (level === null) return '';
	return Array.isArray(level) ? `${level[0]}-${level[1]}` : String(level);
}
