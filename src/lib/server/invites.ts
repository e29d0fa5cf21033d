import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Database, Executor } from './db';
import { invites, memberships, users, workspaces, ROLES, type Role } from './db/schema';
import { generateId, generateSecret, hashSecret, secretMatches, splitToken } from './auth/secrets';
import { conflict, forbidden, notFound } from './errors';
import { m } from '../paraglide/messages.js';
import type { AppLocale } from '../i18n/locales';
import { roleName } from './labels';
import { recipientLocaleByEmail, requestLocale } from './recipient-locale';
import { composeMail, queueMail } from './mail';
import { notifyInviteAccepted } from './notifications/triggers';
import { findUserByEmail } from './users';
import { requireEmail, requireOneOf } from './validate';
import { addMemberByEmail, requireWorkspaceRole, type Member } from './workspaces';

/** Invitation links work for two weeks unless revoked. */
const INVITE_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

/**
 * Two kinds share one table. A link (no email) lets anyone holding it join
 * until it expires. An email invitation was mailed to one address: only an
 * account with that email may accept it, once; it can be resent (new secret,
 * the old link dies) or revoked.
 */
export interface Invite {
	id: string;
	role: Role;
	email: string | null;
	invitedBy: string | null;
	createdAt: Date;
	expiresAt: Date;
}

const stillValid = () =>
	and(isNull(invites.revokedAt), isNull(invites.acceptedAt), gt(invites.expiresAt, new Date()));

/** Creates a link token `<id>.<secret>`; only the secret's hash is kept, so the link is shown once. */
export async function createInvite(
	db: Database,
	workspaceId: string,
	actorId: string,
	roleInput: unknown
): Promise<Invite & { token: string }> {
	await requireWorkspaceRole(db, workspaceId, actorId, 'owner');
	const role = requireOneOf(roleInput ?? 'editor', m.server_field_role(), ROLES);
	return insertInvite(db, { workspaceId, actorId, role, email: null });
}

async function insertInvite(
	db: Executor,
	input: { workspaceId: string; actorId: string; role: Role; email: string | null }
): Promise<Invite & { token: string }> {
	const id = generateId();
	const secret = generateSecret();
	const expiresAt = new Date(Date.now() + INVITE_LIFETIME_MS);
	const [row] = await db
		.insert(invites)
		.values({
			id,
			workspaceId: input.workspaceId,
			role: input.role,
			email: input.email,
			secretHash: hashSecret(secret),
			createdBy: input.actorId,
			expiresAt
		})
		.returning();
	const [actor] = await db
		.select({ name: users.name })
		.from(users)
		.where(eq(users.id, input.actorId));
	return {
		id,
		role: input.role,
		email: input.email,
		invitedBy: actor?.name ?? null,
		createdAt: row.createdAt,
		expiresAt,
		token: `${id}.${secret}`
	};
}

interface MailContext {
	/** The app's origin, for the link in the mail. */
	origin: string;
}

/**
 * The invitation in the language of whoever will read it: the saved language
 * of an account that already uses the address, else the inviter's (the
 * request's), as people invite colleagues who share their language.
 */
async function invitationMail(
	db: Executor,
	invite: { email: string; role: Role; token: string },
	workspaceName: string,
	inviterName: string | null,
	{ origin }: MailContext
) {
	const locale: AppLocale = await recipientLocaleByEmail(db, invite.email, requestLocale());
	const options = { locale };
	const inviter = inviterName ?? m.server_notif_someone({}, options);
	const workspace = workspaceName;
	return composeMail({
		to: invite.email,
		locale,
		subject: m.server_mail_invite_subject({ inviter, workspace }, options),
		heading: m.server_mail_invite_heading({ workspace }, options),
		paragraphs: [
			m.server_mail_invite_body(
				{ inviter, workspace, role: roleName(invite.role, options) },
				options
			),
			m.server_mail_invite_about({}, options)
		],
		action: {
			label: m.server_mail_invite_action({ workspace }, options),
			url: `${origin}/invite/${invite.token}`
		},
		footer: m.server_mail_invite_footer({}, options)
	});
}

/** Mails an invitation to an address. 409 when that person is a member already or has one pending. */
export async function createEmailInvite(
	db: Database,
	input: { workspaceId: string; actorId: string; email: unknown; role: unknown },
	mail: MailContext
): Promise<Invite> {
	const workspace = await requireWorkspaceRole(db, input.workspaceId, input.actorId, 'owner');
	const email = requireEmail(input.email);
	const role = requireOneOf(input.role ?? 'editor', m.server_field_role(), ROLES);
	const existing = await findUserByEmail(db, email);
	if (existing) {
		const [member] = await db
			.select({ role: memberships.role })
			.from(memberships)
			.where(
				and(eq(memberships.workspaceId, input.workspaceId), eq(memberships.userId, existing.id))
			);
		if (member) throw conflict(m.server_already_member({ name: existing.name }));
	}
	const [pending] = await db
		.select({ id: invites.id })
		.from(invites)
		.where(and(eq(invites.workspaceId, input.workspaceId), eq(invites.email, email), stillValid()));
	if (pending) throw conflict(m.server_already_invited({ email }));
	return db.transaction(async (tx) => {
		const invite = await insertInvite(tx, { ...input, email, role });
		await queueMail(
			tx,
			await invitationMail(
				tx,
				{ email, role, token: invite.token },
				workspace.name,
				invite.invitedBy,
				mail
			)
		);
		const { token: _token, ...rest } = invite;
		return rest;
	});
}

/**
 * What the members page's "Add" does: someone with an account becomes a
 * member at once; anyone else gets an invitation mail.
 */
export async function addMemberOrInvite(
	db: Database,
	input: { workspaceId: string; actorId: string; email: unknown; role: unknown },
	mail: MailContext
): Promise<{ added: Member } | { invited: Invite }> {
	await requireWorkspaceRole(db, input.workspaceId, input.actorId, 'owner');
	const email = requireEmail(input.email);
	if (await findUserByEmail(db, email)) {
		return { added: await addMemberByEmail(db, input.workspaceId, input.actorId, input) };
	}
	return { invited: await createEmailInvite(db, input, mail) };
}

/** Mails a pending email invitation again with a new secret: the link in the earlier mail stops working. */
export async function resendInvite(
	db: Database,
	input: { workspaceId: string; actorId: string; inviteId: string },
	mail: MailContext
): Promise<Invite> {
	const workspace = await requireWorkspaceRole(db, input.workspaceId, input.actorId, 'owner');
	const [actor] = await db
		.select({ name: users.name })
		.from(users)
		.where(eq(users.id, input.actorId));
	const secret = generateSecret();
	const expiresAt = new Date(Date.now() + INVITE_LIFETIME_MS);
	return db.transaction(async (tx) => {
		const [row] = await tx
			.update(invites)
			.set({ secretHash: hashSecret(secret), expiresAt, createdBy: input.actorId })
			.where(
				and(
					eq(invites.id, input.inviteId),
					eq(invites.workspaceId, input.workspaceId),
					isNull(invites.revokedAt),
					isNull(invites.acceptedAt)
				)
			)
			.returning();
		if (!row) throw notFound(m.server_no_pending_invitation());
		if (!row.email) throw conflict(m.server_only_email_invites_resend());
		const token = `${row.id}.${secret}`;
		await queueMail(
			tx,
			await invitationMail(
				tx,
				{ email: row.email, role: row.role, token },
				workspace.name,
				actor.name,
				mail
			)
		);
		return {
			id: row.id,
			role: row.role,
			email: row.email,
			invitedBy: actor.name,
			createdAt: row.createdAt,
			expiresAt
		};
	});
}

/** Links and email invitations that can still be used, newest first. */
export async function listInvites(db: Database, workspaceId: string): Promise<Invite[]> {
	return db
		.select({
			id: invites.id,
			role: invites.role,
			email: invites.email,
			invitedBy: users.name,
			createdAt: invites.createdAt,
			expiresAt: invites.expiresAt
		})
		.from(invites)
		.leftJoin(users, eq(users.id, invites.createdBy))
		.where(and(eq(invites.workspaceId, workspaceId), stillValid()))
		.orderBy(desc(invites.createdAt));
}

export async function revokeInvite(
	db: Database,
	workspaceId: string,
	actorId: string,
	inviteId: string
): Promise<void> {
	await requireWorkspaceRole(db, workspaceId, actorId, 'owner');
	const updated = await db
		.update(invites)
		.set({ revokedAt: new Date() })
		.where(and(eq(invites.id, inviteId), eq(invites.workspaceId, workspaceId)))
		.returning({ id: invites.id });
	if (updated.length === 0) throw notFound(m.server_no_such_invitation());
}

export interface InviteOffer {
	inviteId: string;
	workspaceId: string;
	workspaceName: string;
	role: Role;
	/** Set for an email invitation: only this address may accept it. */
	email: string | null;
}

/** What a link offers, or null when it is unknown, revoked, expired or (for email invitations) used. */
export async function describeInvite(db: Executor, token: string): Promise<InviteOffer | null> {
	const parts = splitToken(token);
	if (!parts) return null;
	const [row] = await db
		.select({
			id: invites.id,
			secretHash: invites.secretHash,
			role: invites.role,
			email: invites.email,
			expiresAt: invites.expiresAt,
			revokedAt: invites.revokedAt,
			acceptedAt: invites.acceptedAt,
			workspaceId: workspaces.id,
			workspaceName: workspaces.name
		})
		.from(invites)
		.innerJoin(workspaces, eq(workspaces.id, invites.workspaceId))
		.where(eq(invites.id, parts.id));
	if (!row || !secretMatches(parts.secret, row.secretHash)) return null;
	if (row.revokedAt || row.acceptedAt || row.expiresAt.getTime() <= Date.now()) return null;
	return {
		inviteId: row.id,
		workspaceId: row.workspaceId,
		workspaceName: row.workspaceName,
		role: row.role,
		email: row.email
	};
}

/**
 * Joins the workspace through a link. Someone who is already a member keeps
 * their role. An email invitation needs an account with that email, so a
 * forwarded mail does not let someone else in; it is used up on acceptance.
 */
export async function acceptInvite(db: Database, token: string, userId: string): Promise<string> {
	return db.transaction(async (tx) => {
		const invite = await describeInvite(tx, token);
		if (!invite) throw notFound(m.server_invite_link_invalid());
		if (invite.email) {
			const [user] = await tx
				.select({ email: users.email })
				.from(users)
				.where(eq(users.id, userId));
			if (user?.email !== invite.email) {
				throw forbidden(m.server_invite_other_address({ email: invite.email }));
			}
			const claimed = await tx
				.update(invites)
				.set({ acceptedAt: new Date() })
				.where(and(eq(invites.id, invite.inviteId), isNull(invites.acceptedAt)))
				.returning({ id: invites.id });
			if (claimed.length === 0) throw notFound(m.server_invite_already_accepted());
		}
		const joined = await tx
			.insert(memberships)
			.values({ workspaceId: invite.workspaceId, userId, role: invite.role })
			.onConflictDoNothing()
			.returning({ userId: memberships.userId });
		if (joined.length > 0) await notifyInviteAccepted({ db: tx }, invite.inviteId, userId);
		return invite.workspaceId;
	});
}
