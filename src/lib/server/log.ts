/**
 * Structured logs: one JSON object per line on stderr, so operators can grep
 * and ship them. Every failure that concerns a document carries its documentId.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

let threshold: number = order[(process.env.LOG_LEVEL as Level) || 'info'] ?? order.info;

export function setLogLevel(level: Level): void {
	threshold = order[level];
}

function write(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
	if (order[level] < threshold) return;
	const entry: Record<string, unknown> = { time: new Date().toISOString(), level, msg };
	for (const [key, value] of Object.entries(fields)) {
		entry[key] =
			value instanceof Error
				? { name: value.name, message: value.message, stack: value.stack }
				: value;
	}
	process.stderr.write(JSON.stringify(entry) + '\n');
}

export const log = {
	debug: (msg: string, fields?: Record<string, unknown>) => write('debug', msg, fields),
	info: (msg: string, fields?: Record<string, unknown>) => write('info', msg, fields),
	warn: (msg: string, fields?: Record<string, unknown>) => write('warn', msg, fields),
	error: (msg: string, fields?: Record<string, unknown>) => write('error', msg, fields)
};
