import { and, eq, inArray, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import { suggestionStatusLabel } from '$lib/components/suggestions/labels';
import { isAppLocale, type AppLocale } from '$lib/i18n/locales';
import type { SuggestionStatus } from '$lib/model/suggestions';
import {
	memberships,
	suggestionFollowers,
	suggestionModerators,
	suggestions,
	users,
	workspaces
} from '../db/schema';
import { followingWriters, writerOf } from '../suggestions/anonymity';
import { notify, type CreatedNotification, type NotifyDeps } from './commands';

/*
 * Suggestion news. The anonymity rule holds here too: when the one acting is
 * the author of an anonymous suggestion, `actor` is null — the notification
 * has no actor id and no name — and the author is left out by id instead of
 * by notify()'s "not your own action" rule.
 */

export interface SuggestionActor {
	/** Who acted, for leaving them out; never stored when `shown` is false. */
	userId: string;
	/** Whether others may see who acted. */
	shown: boolean;
}

interface SuggestionFacts {
	id: string;
	workspaceId: string;
	title: string;
	workspaceName: string;
}

async function factsOf(deps: NotifyDeps, suggestionId: string): Promise<SuggestionFacts> {
	const [row] = await deps.db
		.select({
			id: suggestions.id,
			workspaceId: suggestions.workspaceId,
			title: suggestions.title,
			workspaceName: workspaces.name
		})
		.from(suggestions)
		.innerJoin(workspaces, eq(workspaces.id, suggestions.workspaceId))
		.where(eq(suggestions.id, suggestionId));
	return row;
}

async function nameOf(deps: NotifyDeps, actor: SuggestionActor): Promise<string | null> {
	if (!actor.shown) return null;
	const [row] = await deps.db
		.select({ name: users.name })
		.from(users)
		.where(eq(users.id, actor.userId));
	return row?.name ?? null;
}

/** Followers of a suggestion and those merged into it, its writers included, still members. */
async function followersOf(deps: NotifyDeps, facts: SuggestionFacts): Promise<string[]> {
	const group = await deps.db
		.select({ id: suggestions.id })
		.from(suggestions)
		.where(sql`${suggestions.id} = ${facts.id} or ${suggestions.mergedIntoId} = ${facts.id}`);
	const ids = group.map((g) => g.id);
	const followers = await deps.db
		.select({ userId: suggestionFollowers.userId })
		.from(suggestionFollowers)
		.where(
			and(inArray(suggestionFollowers.suggestionId, ids), eq(suggestionFollowers.following, true))
		);
	const all = [
		...new Set([...followers.map((f) => f.userId), ...(await followingWriters(deps.db, ids))])
	];
	if (all.length === 0) return [];
	const members = await deps.db
		.select({ userId: memberships.userId })
		.from(memberships)
		.where(and(eq(memberships.workspaceId, facts.workspaceId), inArray(memberships.userId, all)));
	return members.map((m) => m.userId);
}

/**
 * Each recipient's language, for the words a notification stores (a status
 * label, "the author"): it is read later, by them, in their language.
 */
async function localesOf(deps: NotifyDeps, ids: string[]): Promise<Map<string, AppLocale>> {
	if (ids.length === 0) return new Map();
	const rows = await deps.db
		.select({ id: users.id, locale: users.locale })
		.from(users)
		.where(inArray(users.id, ids));
	return new Map(rows.map((r) => [r.id, isAppLocale(r.locale) ? r.locale : 'en']));
}

function url(facts: SuggestionFacts, hash = ''): string {
	return `/w/${facts.workspaceId}/suggestions/${facts.id}${hash}`;
}

async function tell(
	deps: NotifyDeps,
	recipients: string[],
	actor: SuggestionActor,
	build: (
		recipientId: string
	) => Omit<Parameters<typeof notify>[1][number], 'recipientId' | 'actorId'>
): Promise<CreatedNotification[]> {
	return notify(
		deps,
		recipients
			.filter((id) => id !== actor.userId)
			.map((recipientId) => ({
				...build(recipientId),
				recipientId,
				actorId: actor.shown ? actor.userId : null
			}))
	);
}

/** Tells the workspace's moderators (owners and named moderators) of a new suggestion. */
export async function notifySuggestionProposed(
	deps: NotifyDeps,
	suggestionId: string,
	actor: SuggestionActor
): Promise<CreatedNotification[]> {
	const facts = await factsOf(deps, suggestionId);
	const owners = await deps.db
		.select({ userId: memberships.userId })
		.from(memberships)
		.where(and(eq(memberships.workspaceId, facts.workspaceId), eq(memberships.role, 'owner')));
	const named = await deps.db
		.select({ userId: suggestionModerators.userId })
		.from(suggestionModerators)
		.innerJoin(
			memberships,
			and(
				eq(memberships.workspaceId, suggestionModerators.workspaceId),
				eq(memberships.userId, suggestionModerators.userId)
			)
		)
		.where(eq(suggestionModerators.workspaceId, facts.workspaceId));
	const moderators = [...new Set([...owners, ...named].map((m) => m.userId))];
	const actorName = await nameOf(deps, actor);
	return tell(deps, moderators, actor, () => ({
		workspaceId: facts.workspaceId,
		kind: 'suggestion_new',
		dedupeKey: `suggestion_new:${facts.id}`,
		url: url(facts),
		data: { actorName, workspaceName: facts.workspaceName, suggestionTitle: facts.title }
	}));
}

export async function notifySuggestionStatus(
	deps: NotifyDeps,
	suggestionId: string,
	actor: SuggestionActor,
	status: SuggestionStatus,
	eventId: number
): Promise<CreatedNotification[]> {
	const facts = await factsOf(deps, suggestionId);
	const actorName = await nameOf(deps, actor);
	const recipients = await followersOf(deps, facts);
	const locales = await localesOf(deps, recipients);
	return tell(deps, recipients, actor, (recipientId) => ({
		workspaceId: facts.workspaceId,
		kind: 'suggestion_status',
		dedupeKey: `suggestion_status:${facts.id}:${eventId}`,
		url: url(facts),
		data: {
			actorName,
			workspaceName: facts.workspaceName,
			suggestionTitle: facts.title,
			status,
			statusLabel: suggestionStatusLabel(status, locales.get(recipientId))
		}
	}));
}

export async function notifySuggestionReply(
	deps: NotifyDeps,
	suggestionId: string,
	actor: SuggestionActor,
	commentId: string,
	excerpt: string
): Promise<CreatedNotification[]> {
	const facts = await factsOf(deps, suggestionId);
	const shownName = actor.shown ? await nameOf(deps, actor) : null;
	const recipients = await followersOf(deps, facts);
	const locales = await localesOf(deps, recipients);
	return tell(deps, recipients, actor, (recipientId) => ({
		workspaceId: facts.workspaceId,
		kind: 'suggestion_reply',
		dedupeKey: `suggestion_reply:${commentId}`,
		url: url(facts, `#comment-${commentId}`),
		data: {
			actorName: actor.shown
				? shownName
				: m.suggestions_the_author({}, { locale: locales.get(recipientId) ?? 'en' }),
			workspaceName: facts.workspaceName,
			suggestionTitle: facts.title,
			excerpt
		}
	}));
}

/** Tells people @mentioned in a comment (members only), once per comment and person. */
export async function notifySuggestionMentions(
	deps: NotifyDeps,
	suggestionId: string,
	actor: SuggestionActor,
	commentId: string,
	mentionedIds: string[],
	excerpt: string
): Promise<CreatedNotification[]> {
	if (mentionedIds.length === 0) return [];
	const facts = await factsOf(deps, suggestionId);
	const shownName = actor.shown ? await nameOf(deps, actor) : null;
	const locales = await localesOf(deps, mentionedIds);
	return tell(deps, mentionedIds, actor, (recipientId) => ({
		workspaceId: facts.workspaceId,
		kind: 'mention',
		dedupeKey: `mention:suggestion-comment:${commentId}:${recipientId}`,
		url: url(facts, `#comment-${commentId}`),
		data: {
			actorName: actor.shown
				? shownName
				: m.suggestions_the_author({}, { locale: locales.get(recipientId) ?? 'en' }),
			workspaceName: facts.workspaceName,
			documentTitle: facts.title,
			excerpt
		}
	}));
}

/** Tells the followers of the merged suggestion (votes and follows now count on the target). */
export async function notifySuggestionMerged(
	deps: NotifyDeps,
	suggestionId: string,
	targetTitle: string,
	actor: SuggestionActor,
	eventId: number
): Promise<CreatedNotification[]> {
	const facts = await factsOf(deps, suggestionId);
	const actorName = await nameOf(deps, actor);
	const recipients = await followersOf(deps, facts);
	// A writer who unfollowed is still the author: a merge concerns them.
	const writer = await writerOf(deps.db, suggestionId);
	if (writer && !recipients.includes(writer)) recipients.push(writer);
	return tell(deps, recipients, actor, () => ({
		workspaceId: facts.workspaceId,
		kind: 'suggestion_merged',
		dedupeKey: `suggestion_merged:${facts.id}:${eventId}`,
		url: url(facts),
		data: {
			actorName,
			workspaceName: facts.workspaceName,
			suggestionTitle: facts.title,
			targetTitle
		}
	}));
}
