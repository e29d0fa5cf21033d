/**
 * The chart's colours as literal values (not CSS variables), so an exported
 * SVG or PNG looks the same outside the page. Matches the tokens in app.css.
 */
export const CHART_COLORS = {
	line: '#2f5bd3',
	point: '#2f5bd3',
	signal: '#5b2bb5',
	target: '#1d7a46',
	targetBand: 'rgb(29 122 70 / 10%)',
	centre: '#5d6878',
	limits: '#c0342b',
	warningZone: 'rgb(154 98 0 / 10%)',
	alertZone: 'rgb(192 52 43 / 10%)',
	annotation: '#9a6200',
	text: '#1d2430',
	background: '#ffffff'
} as const;
