import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';

/** A mail the server wrote to DATA_DIR/outbox (no SMTP_URL), as a test reads it. */
export interface OutboxMail {
	file: string;
	to: string;
	subject: string;
	text: string;
	html: string;
	headers: Map<string, unknown>;
	/** Every http(s) URL in the text part, in order. */
	links: string[];
}

export async function readOutbox(dataDir: string): Promise<OutboxMail[]> {
	const dir = path.join(dataDir, 'outbox');
	if (!fs.existsSync(dir)) return [];
	const files = fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.eml') && !f.startsWith('.'))
		.sort();
	const mails: OutboxMail[] = [];
	for (const file of files) {
		const parsed = await simpleParser(fs.readFileSync(path.join(dir, file)));
		const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
		const text = parsed.text ?? '';
		mails.push({
			file,
			to: to?.value[0]?.address ?? '',
			subject: parsed.subject ?? '',
			text,
			html: typeof parsed.html === 'string' ? parsed.html : '',
			headers: parsed.headers,
			links: [...text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0])
		});
	}
	return mails;
}

/** Waits until a mail matching `predicate` is in the outbox (the server sends from a job, a moment later). */
export async function waitForMail(
	dataDir: string,
	predicate: (mail: OutboxMail) => boolean,
	timeoutMs = 10_000
): Promise<OutboxMail> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const found = (await readOutbox(dataDir)).find(predicate);
		if (found) return found;
		if (Date.now() > deadline) {
			const seen = (await readOutbox(dataDir)).map((m) => `${m.to}: ${m.subject}`);
			throw new Error(
				`no such mail within ${timeoutMs} ms; outbox has: ${seen.join('; ') || 'nothing'}`
			);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
}
