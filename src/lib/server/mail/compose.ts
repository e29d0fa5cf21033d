import { m } from '../../paraglide/messages.js';
import type { AppLocale } from '../../i18n/locales';

/** One mail as Opsloom sends it: plain text for every client, simple HTML for the rest. */
export interface MailMessage {
	to: string;
	subject: string;
	text: string;
	html: string;
	/** The one link the mail is about; logged when mail goes to the outbox. */
	link?: string;
	headers?: Record<string, string>;
}

export interface MailContent {
	to: string;
	/**
	 * The recipient's language (src/lib/server/recipient-locale.ts): every
	 * sentence of `content` is written in it, and so is the frame around it.
	 */
	locale: AppLocale;
	subject: string;
	/** The first line of the body, e.g. "Reset your password". */
	heading: string;
	paragraphs: string[];
	/** The button (HTML) or the line with the URL (text). */
	action?: { label: string; url: string };
	/** Small print under the action, e.g. why the person got this mail. */
	footer?: string;
	/** One-click unsubscribe for this kind of mail (RFC 8058). */
	unsubscribeUrl?: string;
}

const PRODUCT = 'Opsloom';

/** The mail's fonts, the script's own first, so Chinese gets Chinese glyph forms (not Japanese ones). */
const FONT_STACKS: Record<AppLocale, string> = {
	en: "-apple-system,'Segoe UI',Roboto,'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif",
	'zh-Hans':
		"-apple-system,'PingFang SC','Microsoft YaHei','Noto Sans CJK SC','Source Han Sans SC','Segoe UI',Roboto,sans-serif",
	'zh-Hant':
		"-apple-system,'PingFang TC','Microsoft JhengHei','Noto Sans CJK TC','Source Han Sans TC','Segoe UI',Roboto,sans-serif"
};

function escapeHtml(text: string): string {
	return text
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');
}

/** Only http(s) links go into a mail: a `javascript:` URL must never become a button. */
function safeUrl(url: string): string {
	const parsed = new URL(url);
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw new Error(`refusing a ${parsed.protocol} link in a mail`);
	}
	return parsed.toString();
}

export function composeMail(content: MailContent): MailMessage {
	const action = content.action
		? { label: content.action.label, url: safeUrl(content.action.url) }
		: undefined;
	const unsubscribe = content.unsubscribeUrl ? safeUrl(content.unsubscribeUrl) : undefined;
	const options = { locale: content.locale };
	const unsubscribeLabel = m.server_mail_unsubscribe({}, options);

	const text = [
		content.heading,
		'',
		...content.paragraphs.flatMap((p) => [p, '']),
		...(action
			? [m.server_mail_link_line({ label: action.label, url: action.url }, options), '']
			: []),
		...(content.footer ? [content.footer, ''] : []),
		...(unsubscribe
			? [m.server_mail_link_line({ label: unsubscribeLabel, url: unsubscribe }, options), '']
			: []),
		`— ${PRODUCT}`
	].join('\n');

	const button = action
		? `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="background:#2f5bd3;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(action.label)}</a></p>
<p style="color:#5b6270;font-size:13px">${escapeHtml(m.server_mail_or_open_link({}, options))} <a href="${escapeHtml(action.url)}" style="color:#2f5bd3">${escapeHtml(action.url)}</a></p>`
		: '';
	const html = `<!doctype html>
<html lang="${content.locale}"><body style="margin:0;padding:24px;background:#f5f6f8;font-family:${FONT_STACKS[content.locale]};color:#1d2330">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:28px">
<p style="margin:0 0 16px;font-weight:600;color:#2f5bd3">${PRODUCT}</p>
<h1 style="margin:0 0 16px;font-size:20px">${escapeHtml(content.heading)}</h1>
${content.paragraphs.map((p) => `<p style="line-height:1.5">${escapeHtml(p)}</p>`).join('\n')}
${button}
${content.footer ? `<p style="color:#5b6270;font-size:13px">${escapeHtml(content.footer)}</p>` : ''}
${unsubscribe ? `<p style="color:#5b6270;font-size:13px"><a href="${escapeHtml(unsubscribe)}" style="color:#5b6270">${escapeHtml(unsubscribeLabel)}</a></p>` : ''}
</div></body></html>`;

	const headers: Record<string, string> = {};
	if (unsubscribe) {
		headers['List-Unsubscribe'] = `<${unsubscribe}>`;
		headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
	}
	return {
		to: content.to,
		subject: content.subject,
		text,
		html,
		link: action?.url,
		headers
	};
}
