import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { readConfig } from '../config';
import { composeMail } from './compose';
import { deliverMail } from './deliver';

/** A real SMTP conversation with a server on loopback, as SMTP_URL would have with a mail relay. */
describe('mail with SMTP_URL', () => {
	const received: { from: string; to: string[]; raw: Buffer; user?: string }[] = [];
	let server: SMTPServer;
	let port: number;

	beforeAll(async () => {
		server = new SMTPServer({
			authOptional: false,
			allowInsecureAuth: true,
			disabledCommands: ['STARTTLS'],
			onAuth(auth, _session, callback) {
				if (auth.username === 'ops' && auth.password === 's3cret') callback(null, { user: 'ops' });
				else callback(new Error('Invalid username or password'));
			},
			onData(stream, session, callback) {
				const chunks: Buffer[] = [];
				stream.on('data', (c: Buffer) => chunks.push(c));
				stream.on('end', () => {
					received.push({
						from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
						to: session.envelope.rcptTo.map((r) => r.address),
						raw: Buffer.concat(chunks),
						user: session.user as string | undefined
					});
					callback();
				});
			}
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
		port = (server.server.address() as AddressInfo).port;
	});

	afterAll(async () => {
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});

	it('sends through the server named by SMTP_URL, authenticated, with the From of MAIL_FROM', async () => {
		const config = readConfig({
			SMTP_URL: `smtp://ops:s3cret@127.0.0.1:${port}`,
			MAIL_FROM: 'Service desk <desk@example.com>'
		});
		await deliverMail(
			config,
			composeMail({
				to: 'mei@example.com',
				locale: 'en',
				subject: '重置密码',
				heading: 'Reset your password',
				paragraphs: ['Someone asked to reset the password of your account.'],
				action: {
					label: 'Choose a new password',
					url: 'https://ops.example.com/reset-password/abc'
				}
			})
		);
		expect(received).toHaveLength(1);
		expect(received[0]).toMatchObject({
			from: 'desk@example.com',
			to: ['mei@example.com'],
			user: 'ops'
		});
		const mail = await simpleParser(received[0].raw);
		expect(mail.subject).toBe('重置密码');
		expect(mail.text).toContain('https://ops.example.com/reset-password/abc');
	});

	it('fails when the server refuses, so the job retries instead of losing the mail', async () => {
		const config = readConfig({ SMTP_URL: `smtp://ops:wrong@127.0.0.1:${port}` });
		await expect(
			deliverMail(
				config,
				composeMail({
					to: 'a@example.com',
					locale: 'en',
					subject: 's',
					heading: 'h',
					paragraphs: []
				})
			)
		).rejects.toThrow();
	});
});
