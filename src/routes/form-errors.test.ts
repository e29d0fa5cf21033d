import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from './form-errors';

describe('safeRedirectTarget', () => {
	it('keeps paths on this site', () => {
		expect(safeRedirectTarget('/invite/abc.def')).toBe('/invite/abc.def');
		expect(safeRedirectTarget('/w/x?archived=1')).toBe('/w/x?archived=1');
	});

	it('refuses anything that could leave the site', () => {
		for (const target of [
			'https://evil.example',
			'//evil.example',
			'/\\evil.example',
			'/\t/evil.example',
			'w',
			'',
			null
		]) {
			expect(safeRedirectTarget(target)).toBe('/w');
		}
	});
});
