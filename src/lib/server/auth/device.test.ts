import { describe, expect, it } from 'vitest';
import { describeDevice } from './device';

describe('describeDevice', () => {
	it('names the browser and the system in plain words', () => {
		const cases: [string, string][] = [
			[
				'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36',
				'Chrome on Linux'
			],
			[
				'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36 Edg/128.0.0.0',
				'Edge on Windows'
			],
			[
				'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
				'Safari on macOS'
			],
			[
				'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
				'Safari on iOS'
			],
			[
				'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Mobile Safari/537.36',
				'Chrome on Android'
			],
			[
				'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:129.0) Gecko/20100101 Firefox/129.0',
				'Firefox on Linux'
			],
			['curl/8.5.0', 'curl']
		];
		for (const [userAgent, expected] of cases) expect(describeDevice(userAgent)).toBe(expected);
	});

	it('says so when it cannot tell', () => {
		expect(describeDevice(null)).toBe('Unknown device');
		expect(describeDevice('SomethingElse/1.0')).toBe('Unknown device');
	});

	it("reads in the person's language, product names kept", () => {
		const chromeOnLinux =
			'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36';
		expect(describeDevice(chromeOnLinux, 'zh-Hans')).toBe('Linux 上的 Chrome');
		expect(describeDevice(chromeOnLinux, 'zh-Hant')).toBe('Linux 上的 Chrome');
		expect(describeDevice('node', 'zh-Hans')).toBe('脚本');
		expect(describeDevice(null, 'zh-Hant')).toBe('未知裝置');
		expect(describeDevice('Mozilla/5.0 (Windows NT 10.0)', 'zh-Hans')).toBe('Windows 上的浏览器');
	});
});
