import path from 'node:path';

/**
 * Everything Opsloom reads from the environment, read once. A value that is
 * present but unusable stops the process at start-up with one sentence saying
 * which variable is wrong, instead of failing later on a user's request.
 */
export interface Config {
	host: string;
	port: number;
	/** Public URL of the app, e.g. https://opsloom.example.com; null means "the Host header". */
	origin: string | null;
	/** Where PGlite keeps its files when no DATABASE_URL is set; "memory://" keeps nothing. */
	dataDir: string;
	databaseUrl: string | null;
	/**
	 * Set, several processes serve one PostgreSQL database together: Redis
	 * relays committed document updates and presence between them (the
	 * database stays the only log). Unset, the process serves its database alone.
	 */
	redisUrl: string | null;
	/**
	 * Test-only: the share (0–1) of relayed document updates a process drops
	 * instead of publishing, to prove that catching up from the database
	 * covers whatever Redis loses. 0 outside tests.
	 */
	relayDropShare: number;
	/** Largest WebSocket message the sync server accepts, in bytes. */
	maxMessageBytes: number;
	/** A socket whose unsent bytes exceed this is closed: the client is not reading. */
	maxBufferedBytes: number;
	/** Updates since the last snapshot after which a document's log is compacted. */
	compactAfterUpdates: number;
	/** Under load, document commits start at most this often (group commit pacing). */
	commitIntervalMs: number;
	/** Embedded database: journaled updates are stored in the database at most this often. */
	journalIntervalMs: number;
	/** While a document is edited, an automatic version is saved at most this often. */
	autoVersionMs: number;
	/** Whether the sync server extracts actions into the task list (off only to measure or troubleshoot). */
	extractActions: boolean;
	logLevel: 'debug' | 'info' | 'warn' | 'error';
	/** `smtp://user:pass@host:587` or `smtps://…`; null writes each mail to DATA_DIR/outbox instead. */
	smtpUrl: string | null;
	/** The From header of every mail. */
	mailFrom: string;
	/** How often the background job runner looks for due work. */
	jobsPollMs: number;
	/** How often due/overdue reminders and digests are looked for (cheap: one query each). */
	notificationSweepMs: number;
	/** The hour (0–23, in each reader's zone) the daily notification digest goes out. */
	digestHour: number;
}

export class ConfigError extends Error {}

function readInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < min) {
		throw new ConfigError(`${name} must be a whole number of at least ${min}, got "${raw}".`);
	}
	return value;
}

function readUrl(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | null {
	const raw = env[name];
	if (raw === undefined || raw === '') return null;
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new ConfigError(`${name} must be a URL (${protocols.join(' or ')}), got "${raw}".`);
	}
	if (!protocols.includes(url.protocol)) {
		throw new ConfigError(`${name} must start with ${protocols.join(' or ')}, got "${raw}".`);
	}
	return raw;
}

function readHour(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const hour = readInteger(env, name, fallback, 0);
	if (hour > 23) throw new ConfigError(`${name} must be an hour from 0 to 23, got "${env[name]}".`);
	return hour;
}

function readMailFrom(env: NodeJS.ProcessEnv): string {
	const raw = env.MAIL_FROM;
	if (raw === undefined || raw === '') return 'Opsloom <opsloom@localhost>';
	// "Name <address>" or a bare address; anything else would be refused by every mail server.
	if (!/^([^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(raw.trim())) {
		throw new ConfigError(
			`MAIL_FROM must be an address like "Opsloom <ops@example.com>", got "${raw}".`
		);
	}
	return raw.trim();
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const origin = readUrl(env, 'ORIGIN', ['http:', 'https:']);
	const logLevel = env.LOG_LEVEL || 'info';
	if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) {
		throw new ConfigError(`LOG_LEVEL must be one of debug, info, warn, error, got "${logLevel}".`);
	}
	const extract = (env.SYNC_EXTRACT_ACTIONS || 'on').toLowerCase();
	if (!['on', 'off', 'true', 'false', '1', '0'].includes(extract)) {
		throw new ConfigError(
			`SYNC_EXTRACT_ACTIONS must be on or off, got "${env.SYNC_EXTRACT_ACTIONS}".`
		);
	}
	const databaseUrl = readUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
	const redisUrl = readUrl(env, 'REDIS_URL', ['redis:', 'rediss:']);
	if (redisUrl && !databaseUrl) {
		throw new ConfigError(
			'REDIS_URL needs DATABASE_URL: the embedded database (PGlite) allows one process, so several processes need PostgreSQL.'
		);
	}
	const dropRaw = env.SYNC_RELAY_TEST_DROP_SHARE;
	const relayDropShare = dropRaw === undefined || dropRaw === '' ? 0 : Number(dropRaw);
	if (!Number.isFinite(relayDropShare) || relayDropShare < 0 || relayDropShare > 1) {
		throw new ConfigError(
			`SYNC_RELAY_TEST_DROP_SHARE must be a number from 0 to 1, got "${dropRaw}".`
		);
	}
	return {
		host: env.HOST || '127.0.0.1',
		port: readInteger(env, 'PORT', 3000, 0),
		origin: origin ? new URL(origin).origin : null,
		dataDir: (env.DATA_DIR || 'data').startsWith('memory://')
			? (env.DATA_DIR as string)
			: path.resolve(env.DATA_DIR || 'data'),
		databaseUrl,
		redisUrl,
		relayDropShare,
		maxMessageBytes: readInteger(env, 'SYNC_MAX_MESSAGE_BYTES', 2 * 1024 * 1024, 1024),
		maxBufferedBytes: readInteger(env, 'SYNC_MAX_BUFFERED_BYTES', 16 * 1024 * 1024, 1024),
		compactAfterUpdates: readInteger(env, 'SYNC_COMPACT_AFTER_UPDATES', 500, 1),
		commitIntervalMs: readInteger(env, 'SYNC_COMMIT_INTERVAL_MS', 4, 0),
		journalIntervalMs: readInteger(env, 'SYNC_JOURNAL_INTERVAL_MS', 25, 1),
		autoVersionMs: readInteger(env, 'AUTO_VERSION_MS', 5 * 60 * 1000, 1000),
		extractActions: ['on', 'true', '1'].includes(extract),
		logLevel: logLevel as Config['logLevel'],
		smtpUrl: readUrl(env, 'SMTP_URL', ['smtp:', 'smtps:']),
		mailFrom: readMailFrom(env),
		jobsPollMs: readInteger(env, 'JOBS_POLL_MS', 1000, 10),
		notificationSweepMs: readInteger(env, 'NOTIFICATIONS_SWEEP_MS', 60_000, 100),
		digestHour: readHour(env, 'NOTIFICATIONS_DIGEST_HOUR', 8)
	};
}

/**
 * The origin to put in links that are not answers to a request (mails sent by
 * background jobs). Pages use the request's own origin; without ORIGIN a job
 * has no request, so it falls back to where the server listens.
 */
export function publicOrigin(config: Config): string {
	if (config.origin) return config.origin;
	const host = ['0.0.0.0', '::', ''].includes(config.host) ? 'localhost' : config.host;
	return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
}
