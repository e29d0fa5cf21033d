// Relative, not `$lib`: the model is also loaded by scripts and benchmarks run with tsx.
import type { Locale } from '../paraglide/runtime';

/**
 * A text in a chosen language; without one, in the language of the current
 * request (server) or page (browser). Templates hold these so the same
 * template can be written out in whichever language its creator reads.
 */
export type LocalText = (locale?: Locale) => string;

type Message = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

/** A message without parameters as a LocalText. */
export const localText =
	(message: Message): LocalText =>
	(locale) =>
		message({}, locale ? { locale } : {});
