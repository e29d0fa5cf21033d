/** Stands in for a value that the markup wraps (a <strong>, a link) while a message is rendered. */
export const SLOT = '\u0000';

/**
 * A message split around its one placeholder, so markup can wrap the value
 * wherever the language puts it: `const [before, after] = around(m.x({ name: SLOT }))`.
 */
export function around(message: string): [string, string] {
	const at = message.indexOf(SLOT);
	return at === -1 ? [message, ''] : [message.slice(0, at), message.slice(at + SLOT.length)];
}
