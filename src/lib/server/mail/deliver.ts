import fs from 'node:fs';
import path from 'node:path';
import type { Transporter } from 'nodemailer';
import type { Config } from '../config';
import { generateId } from '../auth/secrets';
import { log } from '../log';
import type { MailMessage } from './compose';

/** Where mail goes when no SMTP_URL is set: one .eml file per message, readable by any mail client. */
export function outboxDir(config: Config): string {
	const base = config.dataDir.startsWith('memory://') ? path.resolve('data') : config.dataDir;
	return path.join(base, 'outbox');
}

/** Loaded with the first mail: a server that sends none does not hold nodemailer (~3 MB). */
const loadNodemailer = async () => (await import('nodemailer')).default;

let smtp: { url: string; transport: Transporter } | null = null;

async function smtpTransport(url: string): Promise<Transporter> {
	if (smtp?.url !== url) smtp = { url, transport: (await loadNodemailer()).createTransport(url) };
	return smtp.transport;
}

let builder: Transporter | null = null;

/** nodemailer's stream transport builds the exact RFC 5322 message an SMTP server would get. */
async function messageBuilder(): Promise<Transporter> {
	builder ??= (await loadNodemailer()).createTransport({
		streamTransport: true,
		buffer: true,
		newline: 'unix'
	});
	return builder;
}

/** Sends one mail now: throws when the server refuses it, so the job retries. */
export async function deliverMail(config: Config, message: MailMessage): Promise<void> {
	const envelope = {
		from: config.mailFrom,
		to: message.to,
		subject: message.subject,
		text: message.text,
		html: message.html,
		headers: message.headers
	};
	if (config.smtpUrl) {
		await (await smtpTransport(config.smtpUrl)).sendMail(envelope);
		log.info('mail sent', { to: message.to, subject: message.subject });
		return;
	}
	const built = (await (await messageBuilder()).sendMail(envelope)) as unknown as {
		message: Buffer;
	};
	const dir = outboxDir(config);
	fs.mkdirSync(dir, { recursive: true });
	const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${generateId().slice(0, 8)}.eml`;
	// Written under a temporary name and renamed, so a reader never sees half a mail.
	const temporary = path.join(dir, `.${name}.tmp`);
	fs.writeFileSync(temporary, built.message);
	fs.renameSync(temporary, path.join(dir, name));
	log.info('mail written to outbox', {
		to: message.to,
		subject: message.subject,
		link: message.link,
		file: path.join(dir, name)
	});
}
