import {
	bigint,
	boolean,
	customType,
	doublePrecision,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type {
	NotificationChannels,
	NotificationData,
	NotificationKind
} from '../../model/notifications';
import type { SuggestionLink, SuggestionResult, SuggestionStatus } from '../../model/suggestions';
import type {
	Direction,
	EvaluationRatings,
	EvaluationValue,
	Frequency,
	IndicatorLinkKind,
	IndicatorSummary,
	Level
} from '../../model/indicators';

/** Raw bytes (Yjs updates, token hashes). postgres.js gives a Buffer, PGlite a Uint8Array: both are Uint8Array. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
	dataType: () => 'bytea'
});

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

// ---------------------------------------------------------------------------
// Accounts: what account settings, password resets and email invitations add.
// (Column groups are functions so the tables above them can spread them in.)
// ---------------------------------------------------------------------------

/** Shown in the list of a person's sessions so they can tell their devices apart. */
function sessionDeviceColumns() {
	return {
		userAgent: text('user_agent'),
		ip: text('ip'),
		/** Written at most every few minutes (see auth/session.ts), not on every request. */
		lastSeenAt: timestamp('last_seen_at', { withTimezone: true })
	};
}

/**
 * An invitation with an email was mailed to that address: only an account
 * with that email may accept it, and only once. Without an email it is a
 * shareable link that anyone holding it may use until it expires.
 */
function emailInviteColumns() {
	return {
		/** Lower-cased, like users.email. */
		email: text('email'),
		acceptedAt: timestamp('accepted_at', { withTimezone: true })
	};
}

export const ACCOUNT_TOKEN_PURPOSES = ['password_reset', 'email_change'] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

/**
 * Single-use links mailed to a person: a password reset, or the confirmation
 * of a new email address (`email` is the new address). Only a hash of the
 * secret is stored; `used_at` is set by the one request that consumes it.
 */
export const accountTokens = pgTable(
	'account_tokens',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		purpose: text('purpose').$type<AccountTokenPurpose>().notNull(),
		email: text('email'),
		secretHash: bytea('secret_hash').notNull(),
		createdAt: createdAt(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true })
	},
	(t) => [index('account_tokens_user_idx').on(t.userId, t.purpose)]
);

// --------------------------------------------------------------- end accounts

export const users = pgTable('users', {
	id: text('id').primaryKey(),
	/** Stored lower-cased; uniqueness is case-insensitive. */
	email: text('email').notNull().unique(),
	name: text('name').notNull(),
	passwordHash: text('password_hash').notNull(),
	/** 'en' | 'zh-Hans' | 'zh-Hant' (src/lib/i18n/locales.ts); null: follow the browser. */
	locale: text('locale'),
	createdAt: createdAt()
});

/** Browser sessions. Only a SHA-256 hash of the token's secret part is stored. */
export const sessions = pgTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		secretHash: bytea('secret_hash').notNull(),
		createdAt: createdAt(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		...sessionDeviceColumns()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

/** Personal API tokens (Authorization: Bearer). Shown once, stored hashed. */
export const apiTokens = pgTable(
	'api_tokens',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		secretHash: bytea('secret_hash').notNull(),
		createdAt: createdAt(),
		lastUsedAt: timestamp('last_used_at', { withTimezone: true })
	},
	(t) => [index('api_tokens_user_idx').on(t.userId)]
);

/**
 * Throttling events by key: failed log-ins (`email:`, `addr:`) and
 * password-reset requests (`reset-email:`, `reset-addr:`). Old rows are pruned as new ones arrive.
 */
export const loginFailures = pgTable(
	'login_failures',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		key: text('key').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('login_failures_key_at_idx').on(t.key, t.at)]
);

export const workspaces = pgTable('workspaces', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: createdAt(),
	/** Notifications: the IANA zone due dates are read in; null means the server's (src/lib/model/dates.ts). */
	timeZone: text('time_zone'),
	/** The seq of the workspace's latest task event (`task_events`), raised in the commit that records it. */
	taskEventsHead: bigint('task_events_head', { mode: 'number' }).notNull().default(0)
});

export const ROLES = ['owner', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const memberships = pgTable(
	'memberships',
	{
		workspaceId: text('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role').$type<Role>().notNull(),
		createdAt: createdAt()
	},
	(t) => [
		primaryKey({ columns: [t.workspaceId, t.userId] }),
		index('memberships_user_idx').on(t.userId)
	]
);

/** Invitation links: anyone holding the link may join with `role` until it expires or is revoked. */
export const invites = pgTable(
	'invites',
	{
		id: text('id').primaryKey(),
		workspaceId: text('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		secretHash: bytea('secret_hash').notNull(),
		role: text('role').$type<Role>().notNull(),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		...emailInviteColumns()
	},
	(t) => [index('invites_workspace_idx').on(t.workspaceId)]
);

// The names live in the model, with the registry of what each kind is (src/lib/model/kinds.ts).
import type { DocumentKind } from '../../model/kind-names';
export { DOCUMENT_KINDS, type DocumentKind } from '../../model/kind-names';

export const documents = pgTable(
	'documents',
	{
		id: text('id').primaryKey(),
		workspaceId: text('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		kind: text('kind').$type<DocumentKind>().notNull(),
		title: text('title').notNull(),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		/** Last time content was persisted (or the title changed). */
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		archivedAt: timestamp('archived_at', { withTimezone: true }),
		/**
		 * The update seq up to which actions were last extracted into tasks. A
		 * document whose log runs past it (a crash between commit and extraction)
		 * is extracted again at start-up.
		 */
		extractedSeq: bigint('extracted_seq', { mode: 'number' }).notNull().default(0),
		/**
		 * The highest seq given to one of the document's updates. The commit that
		 * appends updates raises it and numbers them from it in one statement, so
		 * the row lock on this row orders every writer, in any process: seqs run
		 * 1, 2, 3… without holes and no two updates can get the same one.
		 */
		headSeq: bigint('head_seq', { mode: 'number' }).notNull().default(0),
		/** The update seq the search passages (`search_passages`) cover; catch-up as for `extracted_seq`. */
		indexedSeq: bigint('indexed_seq', { mode: 'number' }).notNull().default(0)
	},
	(t) => [index('documents_workspace_idx').on(t.workspaceId, t.updatedAt)]
);

/**
 * Documents pinned to their workspace's home: one pin per document, shared by
 * the whole team (an editor pins, everyone sees it). The document's workspace
 * is the pin's workspace.
 */
export const documentPins = pgTable('document_pins', {
	documentId: text('document_id')
		.primaryKey()
		.references(() => documents.id, { onDelete: 'cascade' }),
	pinnedBy: text('pinned_by').references(() => users.id, { onDelete: 'set null' }),
	pinnedAt: timestamp('pinned_at', { withTimezone: true }).notNull().defaultNow()
});

/**
 * A workspace's own templates, saved from one of its documents. `content` is
 * the kind's plain copy of the document's content (for a framework document
 * its ProseMirror JSON, see docs/document-model.md), never Yjs state: a
 * document made from it starts with fresh history and no comments.
 */
export const workspaceTemplates = pgTable(
	'workspace_templates',
	{
		id: text('id').primaryKey(),
		workspaceId: text('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		kind: text('kind').$type<DocumentKind>().notNull(),
		name: text('name').notNull(),
		content: jsonb('content').notNull(),
		/** The document it was saved from; null once that one is gone. */
		sourceDocumentId: text('source_document_id').references(() => documents.id, {
			onDelete: 'set null'
		}),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [index('workspace_templates_workspace_idx').on(t.workspaceId, t.kind)]
);

/** A text-search vector; written by the SQL function `opsloom_search_vector` only (see search_passages). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The searchable text of each document, one row per passage (a top-level
 * block, a flow step, a retro card or note), rewritten by the sync server's
 * search indexer after edits settle (server/sync/search-indexing.ts).
 * `vector` is `opsloom_search_vector('', text)`, a SQL function defined in
 * the migration: English stems plus CJK character bigrams, the same on
 * PGlite and PostgreSQL. Titles, tasks and suggestions are searched through
 * a stored generated column `search_vector` of their own tables instead (same
 * function; hand-written in migration 0016, and left out of this schema so
 * that no select carries it).
 */
export const searchPassages = pgTable(
	'search_passages',
	{
		documentId: text('document_id')
			.notNull()
			.references(() => documents.id, { onDelete: 'cascade' }),
		/**
		 * The document's workspace, copied here (documents never move) so a
		 * search reads only its workspace's matches: the planner ANDs this
		 * index with the GIN index instead of fetching every workspace's rows.
		 */
		workspaceId: text('workspace_id').notNull(),
		/** Where in the document: `b3` (block), `node-<id>`, `card-<id>`, `note-<topicId>`… */
		key: text('key').notNull(),
		text: text('text').notNull(),
		vector: tsvector('vector').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.documentId, t.key] }),
		index('search_passages_vector_idx').using('gin', t.vector),
		index('search_passages_workspace_idx').on(t.workspaceId)
	]
);

/**
 * The append-only Yjs update log of each document. `seq` counts per document
 * and is assigned by the database in the commit that appends the row (see
 * `documents.head_seq`); compaction folds a prefix of the log into
 * `doc_snapshots` and deletes it in one transaction.
 */
export const docUpdates = pgTable(
	'doc_updates',
	{
		documentId: text('document_id')
			.notNull()
			.references(() => documents.id, { onDelete: 'cascade' }),
		seq: bigint('seq', { mode: 'number' }).notNull(),
		data: bytea('data').notNull(),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.documentId, t.seq] })]
);

export const docSnapshots = pgTable('doc_snapshots', {
	documentId: text('document_id')
		.primaryKey()
		.references(() => documents.id, { onDelete: 'cascade' }),
	data: bytea('data').notNull(),
	/** Every update with seq <= throughSeq is contained in data. */
	throughSeq: bigint('through_seq', { mode: 'number' }).notNull(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export const VERSION_REASONS = ['auto', 'named', 'before_restore', 'restored'] as const;
export type VersionReason = (typeof VERSION_REASONS)[number];

/**
 * Saved versions of a document's content (version history, docs/document-model.md):
 * each row is one encoded Yjs state, not a copy of the log, and automatic ones
 * are pruned by the policy in src/lib/server/versions/prune.ts. Named ones never are.
 */
export const documentVersions = pgTable(
	'document_versions',
	{
		id: text('id').primaryKey(),
		documentId: text('document_id')
			.notNull()
			.references(() => documents.id, { onDelete: 'cascade' }),
		reason: text('reason').$type<VersionReason>().notNull(),
		/** Set for named versions only. */
		name: text('name'),
		/** Who named or restored it; null for automatic versions. */
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		/** For `restored`: the version whose content was restored. */
		restoredFrom: text('restored_from'),
		/** Y.encodeStateAsUpdate of the document at that moment. */
		state: bytea('state').notNull(),
		/**
		 * Y.encodeSnapshot of that state (state vector and delete set, a few bytes):
		 * tells whether anything changed since, and whose client ids wrote in between.
		 */
		snapshot: bytea('snapshot').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('document_versions_document_idx').on(t.documentId, t.createdAt)]
);

export const TASK_STATUSES = ['open', 'in_progress', 'blocked', 'done', 'dropped'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

/**
 * Improvement actions. A sourced task mirrors one item in a document,
 * identified by (source_document_id, source_key); a manual task has no source.
 * The extractor owns title, done-ness, assignee and due date of sourced tasks;
 * status details (in progress, blocked) and priority live only here.
 */
export const tasks = pgTable(
	'tasks',
	{
		id: text('id').primaryKey(),
		workspaceId: text('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		sourceDocumentId: text('source_document_id').references(() => documents.id, {
			onDelete: 'cascade'
		}),
		sourceKey: text('source_key'),
		title: text('title').notNull(),
		status: text('status').$type<TaskStatus>().notNull().default('open'),
		priority: text('priority').$type<TaskPriority>().notNull().default('normal'),
		assigneeId: text('assignee_id').references(() => users.id, { onDelete: 'set null' }),
		/** A calendar date, 'YYYY-MM-DD'. */
		dueDate: text('due_date'),
		/** Set while the source item is gone from its document; cleared if it comes back. */
		removedFromSourceAt: timestamp('removed_from_source_at', { withTimezone: true }),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		completedAt: timestamp('completed_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('tasks_source_idx').on(t.sourceDocumentId, t.sourceKey),
		index('tasks_workspace_idx').on(t.workspaceId, t.status)
	]
);

/**
 * Retro cards while their author is still reflecting. They stay here, visible
 * to their author alone, until the board leaves the reflect phase; then the
 * server inserts them into the shared document and deletes these rows, so an
 * anonymous board keeps no link between a card and its author.
 */
export const retroDrafts = pgTable(
	'retro_drafts',
	{
		id: text('id').primaryKey(),
		documentId: text('document_id')
			.notNull()
			.references(() => documents.id, { onDelete: 'cascade' }),
		authorId: text('author_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		columnId: text('column_id').notNull(),
		text: text('text').notNull(),
		createdAt: createdAt(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('retro_drafts_document_idx').on(t.documentId, t.authorId)]
);

/** Each person's votes on a retro board: how many they gave each topic. Never in the shared document. */
export const retroVotes = pgTable(
	'retro_votes',
	{
		documentId: text('document_id')
			.notNull()
			.references(() => documents.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		topicId: text('topic_id').notNull(),
		count: integer('count').notNull()
	},
	(t) => [primaryKey({ columns: [t.documentId, t.userId, t.topicId] })]
);

/**
 * Background work (mail, sweeps, digests). A row is claimed with
 * `FOR UPDATE SKIP LOCKED` and a lease, so several processes share the queue
 * and each job runs once; a process that dies mid-job lets its lease expire
 * and another one retries it. `key`, when set, is unique: enqueueing the same
 * key again keeps the first row (recurring slots, one-off deduplication).
 */
export const jobs = pgTable(
	'jobs',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		kind: text('kind').notNull(),
		payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
		key: text('key').unique(),
		runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
		attempts: integer('attempts').notNull().default(0),
		maxAttempts: integer('max_attempts').notNull().default(8),
		lockedUntil: timestamp('locked_until', { withTimezone: true }),
		lastError: text('last_error'),
		createdAt: createdAt(),
		doneAt: timestamp('done_at', { withTimezone: true }),
		failedAt: timestamp('failed_at', { withTimezone: true })
	},
	(t) => [
		index('jobs_due_idx')
			.on(t.runAt)
			.where(sql`${t.doneAt} is null and ${t.failedAt} is null`)
	]
);

// ─── Notifications ──────────────────────────────────────────────────────────
// The bell, the mails and the digest (src/lib/server/notifications/), plus
// what mention detection and attribution keep per document. The workspace's
// `time_zone` above belongs to this block too.

/**
 * One thing that happened to one person. `id` only grows, so it is the cursor
 * of the list and the SSE event id a reconnecting browser resumes from.
 * `dedupe_key` names the event (e.g. `task_due:<taskId>:<dueDate>`): unique
 * per recipient, so a repeat, a restart or a second process notifies once.
 */
export const notifications = pgTable(
	'notifications',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		recipientId: text('recipient_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		workspaceId: text('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
		kind: text('kind').$type<NotificationKind>().notNull(),
		actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
		dedupeKey: text('dedupe_key').notNull(),
		/** Path inside the app that shows what happened. */
		url: text('url').notNull(),
		data: jsonb('data').$type<NotificationData>().notNull(),
		createdAt: createdAt(),
		readAt: timestamp('read_at', { withTimezone: true }),
		/** The recipient wanted this kind by email when it happened. */
		mailWanted: boolean('mail_wanted').notNull().default(false),
		/** Queued as a single mail or included in a digest. */
		mailedAt: timestamp('mailed_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('notifications_dedupe_idx').on(t.recipientId, t.dedupeKey),
		index('notifications_recipient_idx').on(t.recipientId, t.id)
	]
);

/** A person's notification preferences; no row means the defaults (src/lib/model/notifications.ts). */
export const notificationSettings = pgTable('notification_settings', {
	userId: text('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	/** Only the kinds a person changed; the others follow the defaults. */
	channels: jsonb('channels').$type<Partial<NotificationChannels>>().notNull(),
	digest: boolean('digest').notNull().default(false),
	/** When the last digest went out: one a day, however often the digest job runs. */
	lastDigestAt: timestamp('last_digest_at', { withTimezone: true }),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/**
 * Unsubscribe links in mails (`/unsubscribe/<id>.<secret>`), one per mail,
 * working without a session. Only the secret's hash is kept. `kind` is the
 * kind whose email the link turns off; 'all' (a digest) turns off every kind's.
 */
export const unsubscribeTokens = pgTable('unsubscribe_tokens', {
	id: text('id').primaryKey(),
	secretHash: bytea('secret_hash').notNull(),
	userId: text('user_id')
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' }),
	kind: text('kind').$type<NotificationKind | 'all'>().notNull(),
	createdAt: createdAt()
});

/**
 * The mentions a document held at its last extraction, by the mention node's
 * Yjs item id (`client:clock`, stable for the node's life): the next
 * extraction notifies only mentions missing here, also after a restart.
 */
export const documentMentions = pgTable(
	'document_mentions',
	{
		documentId: text('document_id')
			.notNull()
			.references(() => documents.id, { onDelete: 'cascade' }),
		mentionId: text('mention_id').notNull(),
		userId: text('user_id').notNull()
	},
	(t) => [primaryKey({ columns: [t.documentId, t.mentionId] })]
);

/**
 * Which person's authenticated connection first delivered each Yjs client id
 * of a document: who wrote an item is the owner of its client id. Used to
 * say who mentioned or assigned someone, and to not notify people of their
 * own actions.
 */
export const documentClients = pgTable(
	'document_clients',
	{
		documentId: text('document_id')
			.notNull()
			.references(() => documents.id, { onDelete: 'cascade' }),
		clientId: bigint('client_id', { mode: 'number' }).notNull(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.documentId, t.clientId] })]
);

// ─── Suggestions ────────────────────────────────────────────────────────────
// The suggestion box of each workspace (src/lib/server/suggestions/,
// docs/suggestions.md). Anonymity rule: `suggestions.author_id` is the author
// *shown to others* and is null for an anonymous suggestion; who wrote it is
// kept only in `suggestion_authors`, which only the author's own views
// ("Mine", may I edit this, notify the author) read. Comments the author
// writes on their anonymous suggestion carry no author id either.

/** Per-workspace settings; a row is created (and categories seeded) on first use. */
export const suggestionSettings = pgTable('suggestion_settings', {
	workspaceId: text('workspace_id')
		.primaryKey()
		.references(() => workspaces.id, { onDelete: 'cascade' }),
	allowAnonymous: boolean('allow_anonymous').notNull().default(true),
	createdAt: createdAt()
});

export const suggestionCategories = pgTable(
	'suggestion_categories',
	{
		id: text('id').primaryKey(),
		workspaceId: text('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		position: integer('position').notNull().default(0),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('suggestion_categories_name_idx').on(t.workspaceId, t.name)]
);

/** Members an owner made suggestion moderators (owners always are). */
export const suggestionModerators = pgTable(
	'suggestion_moderators',
	{
		workspaceId: text('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.workspaceId, t.userId] })]
);

export const suggestions = pgTable(
	'suggestions',
	{
		id: text('id').primaryKey(),
		workspaceId: text('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		situation: text('situation').notNull(),
		proposal: text('proposal').notNull(),
		benefit: text('benefit').notNull(),
		categoryId: text('category_id').references(() => suggestionCategories.id, {
			onDelete: 'set null'
		}),
		/** The author as shown to others: null when anonymous (see suggestion_authors). */
		authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
		anonymous: boolean('anonymous').notNull(),
		status: text('status').$type<SuggestionStatus>().notNull().default('new'),
		/** The public note of the last status change (a declined suggestion's reason). */
		statusNote: text('status_note'),
		/** Set while merged into another suggestion (status `duplicate`). */
		mergedIntoId: text('merged_into_id'),
		/** The status it had before a merge, restored by unmerge. */
		statusBeforeMerge: text('status_before_merge').$type<SuggestionStatus>(),
		hiddenAt: timestamp('hidden_at', { withTimezone: true }),
		hiddenReason: text('hidden_reason'),
		links: jsonb('links').$type<SuggestionLink[]>().notNull().default([]),
		taskId: text('task_id')
			.unique()
			.references(() => tasks.id, { onDelete: 'set null' }),
		result: jsonb('result').$type<SuggestionResult>(),
		createdAt: createdAt(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		/** Last status change or moderator reply: the "waiting" view's clock. */
		attendedAt: timestamp('attended_at', { withTimezone: true })
	},
	(t) => [
		index('suggestions_workspace_idx').on(t.workspaceId, t.createdAt),
		index('suggestions_merged_idx').on(t.mergedIntoId)
	]
);

/**
 * Who wrote each suggestion, named or not. Read only for the author's own
 * views and to notify them; never joined into what others are shown.
 */
export const suggestionAuthors = pgTable('suggestion_authors', {
	suggestionId: text('suggestion_id')
		.primaryKey()
		.references(() => suggestions.id, { onDelete: 'cascade' }),
	userId: text('user_id')
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' }),
	/** The author follows their suggestion unless they unfollow it. */
	following: boolean('following').notNull().default(true)
});

export const suggestionVotes = pgTable(
	'suggestion_votes',
	{
		suggestionId: text('suggestion_id')
			.notNull()
			.references(() => suggestions.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.suggestionId, t.userId] })]
);

/** Followers other than the author (whose following is in suggestion_authors). */
export const suggestionFollowers = pgTable(
	'suggestion_followers',
	{
		suggestionId: text('suggestion_id')
			.notNull()
			.references(() => suggestions.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		following: boolean('following').notNull().default(true)
	},
	(t) => [primaryKey({ columns: [t.suggestionId, t.userId] })]
);

export const suggestionComments = pgTable(
	'suggestion_comments',
	{
		id: text('id').primaryKey(),
		suggestionId: text('suggestion_id')
			.notNull()
			.references(() => suggestions.id, { onDelete: 'cascade' }),
		/** Null when written by the author of an anonymous suggestion ("the author"). */
		authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
		bySuggestionAuthor: boolean('by_suggestion_author').notNull().default(false),
		body: text('body').notNull(),
		createdAt: createdAt(),
		editedAt: timestamp('edited_at', { withTimezone: true }),
		deletedAt: timestamp('deleted_at', { withTimezone: true }),
		hiddenAt: timestamp('hidden_at', { withTimezone: true }),
		hiddenReason: text('hidden_reason')
	},
	(t) => [index('suggestion_comments_suggestion_idx').on(t.suggestionId, t.createdAt)]
);

/**
 * What happened to suggestions, in order: the timeline (public kinds) and the
 * cursor of the live stream (every kind). `actor_id` is null when the actor
 * is the author of an anonymous suggestion.
 */
export const suggestionEvents = pgTable(
	'suggestion_events',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		workspaceId: text('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		suggestionId: text('suggestion_id')
			.notNull()
			.references(() => suggestions.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
		data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
		createdAt: createdAt()
	},
	(t) => [
		index('suggestion_events_workspace_idx').on(t.workspaceId, t.id),
		index('suggestion_events_suggestion_idx').on(t.suggestionId, t.id)
	]
);

// ------------------------------------------------------------ end suggestions

/**
 * "These tasks of the workspace changed", numbered per workspace without
 * holes in the commit that records them (the UPDATE of
 * `workspaces.task_events_head` orders concurrent writers in any process).
 * The seq is the SSE id a task-list stream resumes from (`Last-Event-ID`).
 * Kept for a day (src/lib/server/task-events.ts).
 */
export const taskEvents = pgTable(
	'task_events',
	{
		workspaceId: text('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		seq: bigint('seq', { mode: 'number' }).notNull(),
		taskIds: jsonb('task_ids').$type<string[]>().notNull(),
		createdAt: createdAt()
	},
	(t) => [
		primaryKey({ columns: [t.workspaceId, t.seq] }),
		index('task_events_created_idx').on(t.createdAt)
	]
);

// ---------------------------------------------------------------- indicators
// See docs/indicators.md. Values are double precision; periods are text in
// the indicator's frequency's form (src/lib/model/indicators/periods.ts), so
// they sort in time order.

/** Created on first use; seeds the default categories once. */
export const indicatorSettings = pgTable('indicator_settings', {
	workspaceId: text('workspace_id')
		.primaryKey()
		.references(() => workspaces.id, { onDelete: 'cascade' }),
	createdAt: createdAt()
});

export const indicatorCategories = pgTable(
	'indicator_categories',
	{
		id: text('id').primaryKey(),
		workspaceId: text('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		/** A seeded category's key (`service_quality` …): shown in the reader's language until renamed. */
		defaultKey: text('default_key'),
		/** Null while a seeded category keeps its default name. */
		name: text('name'),
		position: integer('position').notNull().default(0),
		createdAt: createdAt()
	},
	(t) => [index('indicator_categories_workspace_idx').on(t.workspaceId, t.position)]
);

export const indicators = pgTable(
	'indicators',
	{
		id: text('id').primaryKey(),
		workspaceId: text('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		definition: text('definition').notNull().default(''),
		unit: text('unit').notNull().default(''),
		direction: text('direction').$type<Direction>().notNull(),
		frequency: text('frequency').$type<Frequency>().notNull(),
		target: jsonb('target').$type<Level | null>(),
		warning: jsonb('warning').$type<Level | null>(),
		alert: jsonb('alert').$type<Level | null>(),
		targetSteps: jsonb('target_steps')
			.$type<{ from: string; target: Level }[]>()
			.notNull()
			.default([]),
		/** Periods from which the XmR limits are computed afresh (after a process change). */
		recalculateFrom: jsonb('recalculate_from').$type<string[]>().notNull().default([]),
		ownerId: text('owner_id').references(() => users.id, { onDelete: 'set null' }),
		categoryId: text('category_id').references(() => indicatorCategories.id, {
			onDelete: 'set null'
		}),
		dataSource: text('data_source').notNull().default(''),
		/** Latest value, status, signal and sparkline, recomputed with every change of values: the dashboard reads only this. */
		summary: jsonb('summary').$type<IndicatorSummary>(),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		/** Archived indicators keep their data and leave the dashboard; never deleted by the API. */
		archivedAt: timestamp('archived_at', { withTimezone: true })
	},
	(t) => [index('indicators_workspace_idx').on(t.workspaceId, t.archivedAt)]
);

export const measurements = pgTable(
	'measurements',
	{
		indicatorId: text('indicator_id')
			.notNull()
			.references(() => indicators.id, { onDelete: 'cascade' }),
		period: text('period').notNull(),
		value: doublePrecision('value').notNull(),
		note: text('note'),
		updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.indicatorId, t.period] })]
);

/** Every change of a measurement: who, when, old → new (null old: added; null new: removed). */
export const measurementChanges = pgTable(
	'measurement_changes',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		indicatorId: text('indicator_id')
			.notNull()
			.references(() => indicators.id, { onDelete: 'cascade' }),
		period: text('period').notNull(),
		oldValue: doublePrecision('old_value'),
		newValue: doublePrecision('new_value'),
		oldNote: text('old_note'),
		newNote: text('new_note'),
		/** grid, api or import */
		source: text('source').notNull(),
		changedBy: text('changed_by').references(() => users.id, { onDelete: 'set null' }),
		changedAt: createdAt()
	},
	(t) => [index('measurement_changes_indicator_idx').on(t.indicatorId, t.id)]
);

export const indicatorAnnotations = pgTable(
	'indicator_annotations',
	{
		id: text('id').primaryKey(),
		indicatorId: text('indicator_id')
			.notNull()
			.references(() => indicators.id, { onDelete: 'cascade' }),
		period: text('period').notNull(),
		text: text('text').notNull(),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [index('indicator_annotations_indicator_idx').on(t.indicatorId, t.period)]
);

/** A task, suggestion or flow step that should move the indicator; its effect is read around its change. */
export const indicatorLinks = pgTable(
	'indicator_links',
	{
		id: text('id').primaryKey(),
		indicatorId: text('indicator_id')
			.notNull()
			.references(() => indicators.id, { onDelete: 'cascade' }),
		kind: text('kind').$type<IndicatorLinkKind>().notNull(),
		/** The task, suggestion or flow document. */
		targetId: text('target_id').notNull(),
		/** The step of a flow document; '' otherwise. */
		nodeId: text('node_id').notNull().default(''),
		/** When the change took effect, if someone said; else the task's or suggestion's completion. */
		changedOn: text('changed_on'),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('indicator_links_target_idx').on(t.indicatorId, t.kind, t.targetId, t.nodeId),
		index('indicator_links_by_target_idx').on(t.kind, t.targetId)
	]
);

/**
 * Episodes the owner was told about: a run of flagged points (signal) or of
 * values past the alert threshold (alert), named by its first period, so the
 * same episode is announced once however often values are re-sent.
 */
export const indicatorEpisodes = pgTable(
	'indicator_episodes',
	{
		indicatorId: text('indicator_id')
			.notNull()
			.references(() => indicators.id, { onDelete: 'cascade' }),
		kind: text('kind').$type<'signal' | 'alert'>().notNull(),
		startPeriod: text('start_period').notNull(),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.indicatorId, t.kind, t.startPeriod] })]
);

/** A chart as it was sent to a review meeting (PNG), so the topic shows what people saw. */
export const indicatorCharts = pgTable('indicator_charts', {
	id: text('id').primaryKey(),
	indicatorId: text('indicator_id')
		.notNull()
		.references(() => indicators.id, { onDelete: 'cascade' }),
	png: bytea('png').notNull(),
	createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: createdAt()
});

/** A periodic evaluation (6.2): the period's values, qualitative ratings and a conclusion. */
export const evaluations = pgTable(
	'evaluations',
	{
		id: text('id').primaryKey(),
		workspaceId: text('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		/** A month, `2026-11`. */
		period: text('period').notNull(),
		values: jsonb('values').$type<EvaluationValue[]>().notNull(),
		ratings: jsonb('ratings').$type<EvaluationRatings>().notNull().default({}),
		conclusion: text('conclusion').notNull().default(''),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('evaluations_period_idx').on(t.workspaceId, t.period)]
);

// ------------------------------------------------------------ end indicators

// ---------------------------------------------------------------------------
// Comments in framework documents (src/lib/server/comments/). They live here,
// not in the shared Yjs document: deleting text never deletes a discussion,
// and a comment never rides in the document's content. A thread is anchored
// by two Yjs relative positions (encoded, base64), which follow concurrent
// edits and undo; `quote` is the text the thread was on when it was made.
// ---------------------------------------------------------------------------

export const commentThreads = pgTable(
	'comment_threads',
	{
		id: text('id').primaryKey(),
		documentId: text('document_id')
			.notNull()
			.references(() => documents.id, { onDelete: 'cascade' }),
		anchorStart: text('anchor_start').notNull(),
		anchorEnd: text('anchor_end').notNull(),
		quote: text('quote').notNull(),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		resolvedAt: timestamp('resolved_at', { withTimezone: true }),
		resolvedBy: text('resolved_by').references(() => users.id, { onDelete: 'set null' })
	},
	(t) => [index('comment_threads_document_idx').on(t.documentId, t.createdAt)]
);

export const comments = pgTable(
	'comments',
	{
		id: text('id').primaryKey(),
		threadId: text('thread_id')
			.notNull()
			.references(() => commentThreads.id, { onDelete: 'cascade' }),
		authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
		body: text('body').notNull(),
		createdAt: createdAt(),
		editedAt: timestamp('edited_at', { withTimezone: true }),
		/** Deleted by its author: the thread keeps its place, the text is gone. */
		deletedAt: timestamp('deleted_at', { withTimezone: true })
	},
	(t) => [index('comments_thread_idx').on(t.threadId, t.createdAt)]
);

/** Per workspace; no row means the defaults (viewers may comment). */
export const commentSettings = pgTable('comment_settings', {
	workspaceId: text('workspace_id')
		.primaryKey()
		.references(() => workspaces.id, { onDelete: 'cascade' }),
	viewersCanComment: boolean('viewers_can_comment').notNull().default(true)
});

// -------------------------------------------------------------- end comments
