import fs from 'node:fs';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config';
import { generateId } from '../auth/secrets';
import { log } from '../log';
import type { MailMessage } from './compose';

/** Where mail goes when no SMTP_URL is set: one .eml file per message, readable by any mail client. */
export function outboxDir(config: Config): string {
	const base = config.dataDir.startsWith('memory://') ? path.resolve('data') : config.dataDir;
	return path.join(base, 'outbox');
}

let smtp: { url: string; transport: Transporter } | null = null;

function smtpTransport(url: string): Transporter {
	if (smtp?.url !== url) smtp = { url, transport: nodemailer.createTransport(url) };
	return smtp.transport;
}

// nodemailer's stream transport builds the exact RFC 5322 message an SMTP server would get.
const builder = nodemailer.createTransport({
	streamTransport: true,
	buffer: true,
	newline: 'unix'
});

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
		await smtpTransport(config.smtpUrl).sendMail(envelope);
		log.info('mail sent', { to: message.to, subject: message.subject });
		return;
	}
	const built = (await builder.sendMail(envelope)) as unknown as { message: Buffer };
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
