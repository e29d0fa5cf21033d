import { eq, sql } from 'drizzle-orm';
import {
	DEFAULT_CHANNELS,
	NOTIFICATION_CHANNELS,
	NOTIFICATION_KINDS,
	type NotificationChannel,
	type NotificationChannels,
	type NotificationKind,
	type NotificationPreferences
} from '$lib/model/notifications';
import type { Executor } from '../db';
import { notificationSettings } from '../db/schema';
import { badRequest } from '../errors';
import { m } from '../../paraglide/messages.js';

function withDefaults(
	row: { channels: Partial<NotificationChannels>; digest: boolean } | undefined
): NotificationPreferences {
	return { channels: { ...DEFAULT_CHANNELS, ...row?.channels }, digest: row?.digest ?? false };
}

export async function getPreferences(
	db: Executor,
	userId: string
): Promise<NotificationPreferences> {
	const [row] = await db
		.select({ channels: notificationSettings.channels, digest: notificationSettings.digest })
		.from(notificationSettings)
		.where(eq(notificationSettings.userId, userId));
	return withDefaults(row);
}

/** Preferences of several people at once (one query for a batch of notifications). */
export async function getPreferencesOf(
	db: Executor,
	userIds: string[]
): Promise<Map<string, NotificationPreferences>> {
	const unique = [...new Set(userIds)];
	const rows =
		unique.length === 0
			? []
			: await db
					.select()
					.from(notificationSettings)
					.where(sql`${notificationSettings.userId} in ${unique}`);
	const byUser = new Map(rows.map((r) => [r.userId, r]));
	return new Map(unique.map((id) => [id, withDefaults(byUser.get(id))]));
}

/**
 * Reads `{channels?: {kind: channel}, digest?: boolean}`; what is absent
 * stays as it was. Bad input answers 400 naming the field.
 */
export function readPreferencesInput(input: unknown): {
	channels: Partial<NotificationChannels>;
	digest?: boolean;
} {
	if (typeof input !== 'object' || input === null) throw badRequest(m.server_send_json_object());
	const { channels, digest } = input as Record<string, unknown>;
	const result: { channels: Partial<NotificationChannels>; digest?: boolean } = { channels: {} };
	if (channels !== undefined) {
		if (typeof channels !== 'object' || channels === null || Array.isArray(channels)) {
			throw badRequest(m.server_notif_channels_object());
		}
		for (const [kind, channel] of Object.entries(channels)) {
			if (!(NOTIFICATION_KINDS as readonly string[]).includes(kind)) {
				throw badRequest(
					m.server_notif_kind_unknown({
						field: `channels.${kind}`,
						kinds: NOTIFICATION_KINDS.join(', ')
					})
				);
			}
			if (!(NOTIFICATION_CHANNELS as readonly string[]).includes(channel as string)) {
				throw badRequest(
					m.server_field_one_of({
						field: `channels.${kind}`,
						allowed: NOTIFICATION_CHANNELS.join(', ')
					})
				);
			}
			result.channels[kind as NotificationKind] = channel as NotificationChannel;
		}
	}
	if (digest !== undefined) {
		if (typeof digest !== 'boolean') throw badRequest(m.server_field_boolean({ field: 'digest' }));
		result.digest = digest;
	}
	return result;
}

export async function updatePreferences(
	db: Executor,
	userId: string,
	change: { channels: Partial<NotificationChannels>; digest?: boolean }
): Promise<NotificationPreferences> {
	const current = await getPreferences(db, userId);
	const channels = { ...current.channels, ...change.channels };
	const digest = change.digest ?? current.digest;
	await db
		.insert(notificationSettings)
		.values({ userId, channels, digest })
		.onConflictDoUpdate({
			target: notificationSettings.userId,
			set: { channels, digest, updatedAt: new Date() }
		});
	return { channels, digest };
}

/** Turns one kind's email off (the unsubscribe link); in-app stays as it was. */
export async function stopMailFor(
	db: Executor,
	userId: string,
	kind: NotificationKind
): Promise<void> {
	const current = await getPreferences(db, userId);
	if (current.channels[kind] !== 'email') return;
	await updatePreferences(db, userId, { channels: { [kind]: 'in_app' } });
}
