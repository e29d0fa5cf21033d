import { describe, expect, it } from 'vitest';
import { escapeMarkdownBlock, escapeMarkdownInline } from './markdown';

describe('user text in Markdown', () => {
	it('turns HTML and links into plain text', () => {
		expect(escapeMarkdownInline('<img src=x onerror=alert(1)>')).toBe(
			'&lt;img src=x onerror=alert(1)&gt;'
		);
		expect(escapeMarkdownInline('[click](javascript:alert(1))')).toBe(
			'\\[click\\](javascript:alert(1))'
		);
		expect(escapeMarkdownInline('**bold** `code` a|b ~~x~~ \\')).toBe(
			'\\*\\*bold\\*\\* \\`code\\` a\\|b \\~\\~x\\~\\~ \\\\'
		);
	});

	it('leaves ordinary text readable', () => {
		expect(escapeMarkdownInline('v1.2 approved - Q4, 100% (mostly)')).toBe(
			'v1.2 approved - Q4, 100% (mostly)'
		);
		expect(escapeMarkdownInline('客户回访流程：两天内')).toBe('客户回访流程：两天内');
	});

	it('keeps lines of notes from starting headings, quotes or lists', () => {
		expect(escapeMarkdownBlock('# not a heading\n> quoted\n- item\n1. first\nplain')).toBe(
			'\\# not a heading\n&gt; quoted\n\\- item\n1\\. first\nplain'
		);
	});
});
