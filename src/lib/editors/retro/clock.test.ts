import { describe, expect, it } from 'vitest';
import { formatCountdown } from './clock';

describe('formatCountdown', () => {
	it('shows minutes and seconds, and reaches 0:00 only when the time is up', () => {
		expect(formatCountdown(300_000)).toBe('5:00');
		expect(formatCountdown(65_500)).toBe('1:06');
		expect(formatCountdown(1)).toBe('0:01');
		expect(formatCountdown(0)).toBe('0:00');
		expect(formatCountdown(-5000)).toBe('0:00');
	});
});
