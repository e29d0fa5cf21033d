import { m } from '$lib/paraglide/messages';

/** A workspace role as the reader's language names it ("Editor", 编辑者, 編輯者). */
export function roleName(role: 'owner' | 'editor' | 'viewer'): string {
	return { owner: m.role_owner, editor: m.role_editor, viewer: m.role_viewer }[role]();
}
