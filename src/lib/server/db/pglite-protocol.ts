/**
 * Messages between the server and the embedded engine's worker thread
 * (`pglite-worker.ts`, `pglite-remote.ts`). Everything crosses by structured
 * clone: rows arrive parsed, except the types a caller asked to parse itself.
 */

export interface WorkerOptions {
	dataDir: string;
	/** Added to PGlite's default start parameters. */
	extraStartParams: string[];
}

export type Request =
	| {
			id: number;
			op: 'query';
			text: string;
			params: unknown[];
			rowMode: 'array' | 'object';
			/** Types left as text for the caller's own parsers. */
			rawTypes: number[];
			/** The open transaction to run in, or none. */
			tx: number | null;
			/** Runs before other waiting work (the sync server's commits). */
			priority: boolean;
	  }
	| { id: number; op: 'begin'; priority: boolean }
	| { id: number; op: 'end'; tx: number; commit: boolean }
	| { id: number; op: 'listen'; channel: string }
	| { id: number; op: 'unlisten'; channel: string }
	| { id: number; op: 'close' };

/** A request before it is numbered. */
export type RequestBody = Request extends infer R
	? R extends Request
		? Omit<R, 'id'>
		: never
	: never;

export interface QueryResult {
	rows: unknown[];
	fields: { name: string; dataTypeID: number }[];
	affectedRows?: number;
}

/** What is kept of a database error: PostgreSQL's fields, which callers test (`code`, `constraint`). */
export interface ErrorFields {
	message: string;
	name?: string;
	code?: string;
	detail?: string;
	hint?: string;
	constraint?: string;
	table?: string;
	column?: string;
	schema?: string;
	severity?: string;
	position?: string;
	where?: string;
}

export type Response =
	| { id: number; ok: true; value: unknown }
	| { id: number; ok: false; error: ErrorFields }
	| { id: 0; notify: string; payload: string }
	| { id: 0; ready: true }
	| { id: 0; failed: ErrorFields };

export const ERROR_FIELDS: (keyof ErrorFields)[] = [
	'message',
	'name',
	'code',
	'detail',
	'hint',
	'constraint',
	'table',
	'column',
	'schema',
	'severity',
	'position',
	'where'
];

export function errorFields(error: unknown): ErrorFields {
	if (!(error instanceof Error)) return { message: String(error) };
	const fields: ErrorFields = { message: error.message };
	for (const key of ERROR_FIELDS) {
		const value = (error as unknown as Record<string, unknown>)[key];
		if (typeof value === 'string') fields[key] = value;
	}
	return fields;
}
