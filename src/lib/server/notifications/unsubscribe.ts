import { eq } from 'drizzle-orm';
import { NOTIFICATION_KINDS, type NotificationKind } from '$lib/model/notifications';
import { m } from '../../paraglide/messages.js';
import { generateId, generateSecret, hashSecret, secretMatches, splitToken } from '../auth/secrets';
import type { Executor } from '../db';
import { unsubscribeTokens, users } from '../db/schema';
import { getPreferences, updatePreferences } from './preferences';

export type UnsubscribeScope = NotificationKind | 'all';

/** What a link stops, as the words after "no more emails for", in the request's language. */
const SCOPE_NAMES: Record<UnsubscribeScope, () => string> = {
	all: () => m.server_unsubscribe_all(),
	mention: () => m.server_unsubscribe_mention(),
	task_assigned: () => m.server_unsubscribe_task_assigned(),
	task_due: () => m.server_unsubscribe_task_due(),
	task_overdue: () => m.server_unsubscribe_task_overdue(),
	invite_accepted: () => m.server_unsubscribe_invite_accepted(),
	retro_started: () => m.server_unsubscribe_retro_started(),
	suggestion_new: () => m.server_unsubscribe_suggestion_new(),
	suggestion_status: () => m.server_unsubscribe_suggestion_status(),
	suggestion_reply: () => m.server_unsubscribe_suggestion_reply(),
	suggestion_merged: () => m.server_unsubscribe_suggestion_merged(),
	indicator_signal: () => m.indicators_unsubscribe_signal(),
	indicator_alert: () => m.indicators_unsubscribe_alert(),
	comment_mention: () => m.comments_unsubscribe_mention()
};

/** A new link token `<id>.<secret>` for one mail; only the secret's hash is kept. */
export async function createUnsubscribeToken(
	db: Executor,
	userId: string,
	kind: UnsubscribeScope
): Promise<string> {
	const id = generateId();
	const secret = generateSecret();
	await db.insert(unsubscribeTokens).values({ id, userId, kind, secretHash: hashSecret(secret) });
	return `${id}.${secret}`;
}

/** Whose mail, of which kind, a link stops; null for a link that is not ours. */
export async function describeUnsubscribe(
	db: Executor,
	token: string
): Promise<{ userId: string; email: string; kind: UnsubscribeScope; label: string } | null> {
	const parts = splitToken(token);
	if (!parts) return null;
	const [row] = await db
		.select({
			secretHash: unsubscribeTokens.secretHash,
			userId: unsubscribeTokens.userId,
			kind: unsubscribeTokens.kind,
			email: users.email
		})
		.from(unsubscribeTokens)
		.innerJoin(users, eq(users.id, unsubscribeTokens.userId))
		.where(eq(unsubscribeTokens.id, parts.id));
	if (!row || !secretMatches(parts.secret, row.secretHash)) return null;
	return {
		userId: row.userId,
		email: row.email,
		kind: row.kind,
		label: SCOPE_NAMES[row.kind]()
	};
}

/**
 * Turns off email for the link's kind (every kind for a digest's link); the
 * bell keeps showing them. Returns false for a link that is not ours.
 * Following a link twice is harmless.
 */
export async function unsubscribe(db: Executor, token: string): Promise<boolean> {
	const target = await describeUnsubscribe(db, token);
	if (!target) return false;
	const kinds = target.kind === 'all' ? [...NOTIFICATION_KINDS] : [target.kind];
	const current = await getPreferences(db, target.userId);
	const channels = Object.fromEntries(
		kinds.filter((k) => current.channels[k] === 'email').map((k) => [k, 'in_app' as const])
	);
	await updatePreferences(db, target.userId, { channels });
	return true;
}
