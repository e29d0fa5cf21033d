import { m } from '../paraglide/messages.js';
import type { AppLocale } from '../i18n/locales';
import type { Role } from './db/schema';

type Options = { locale?: AppLocale };

/**
 * What the server calls its stored identifiers inside a sentence, in the
 * request's language (or `locale`): a role is a code in the
 * database and in the API, but a word to a person.
 */
export function roleName(role: Role, options: Options = {}): string {
	const names: Record<Role, (inputs: object, options: Options) => string> = {
		owner: m.server_role_owner,
		editor: m.server_role_editor,
		viewer: m.server_role_viewer
	};
	return names[role]({}, options);
}

/** Names in quotation marks, listed as the language lists them: “A”, “B” / “A”、“B”. */
export function quotedList(names: string[], options: Options = {}): string {
	return names
		.map((name) => m.server_quoted({ name }, options))
		.join(m.server_list_separator({}, options));
}
