import { m } from '../../paraglide/messages.js';
import type { Locale } from '../../paraglide/runtime.js';

/**
 * A User-Agent header in plain words ("Chrome on Linux", "Linux 上的 Chrome"), for the list of a
 * person's sessions. Deliberately coarse: people need to recognise their own
 * devices, not read version numbers. Order matters: Edge and Opera also say
 * "Chrome", Chrome also says "Safari", Android also says "Linux".
 */
/** Product names stay as they are in every language; a script is described. */
const SCRIPT = 'script';

const BROWSERS: [RegExp, string][] = [
	[/Edg(e|A|iOS)?\//, 'Edge'],
	[/OPR\/|Opera/, 'Opera'],
	[/Firefox\/|FxiOS\//, 'Firefox'],
	[/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
	[/Safari\//, 'Safari'],
	[/curl\//, 'curl'],
	[/node|undici/i, SCRIPT]
];

const SYSTEMS: [RegExp, string][] = [
	[/iPhone|iPad|iPod/, 'iOS'],
	[/Android/, 'Android'],
	[/CrOS/, 'ChromeOS'],
	[/Windows/, 'Windows'],
	[/Mac OS X|Macintosh/, 'macOS'],
	[/Linux|X11/, 'Linux']
];

const first = (table: [RegExp, string][], text: string) =>
	table.find(([pattern]) => pattern.test(text))?.[1] ?? null;

/** In the request's language, or `locale`'s when given. */
export function describeDevice(userAgent: string | null, locale?: Locale): string {
	const options = locale ? { locale } : {};
	const found = userAgent ? first(BROWSERS, userAgent) : null;
	const browser = found === SCRIPT ? m.server_device_script({}, options) : found;
	const system = userAgent ? first(SYSTEMS, userAgent) : null;
	if (browser && system) return m.server_device_on({ browser, system }, options);
	if (browser) return browser;
	return system
		? m.server_device_browser_on({ system }, options)
		: m.server_device_unknown({}, options);
}
