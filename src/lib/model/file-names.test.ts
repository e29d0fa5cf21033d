import { describe, expect, it } from 'vitest';
import { attachmentDisposition, fileNameOf } from './file-names';

describe('fileNameOf', () => {
	it('keeps Chinese titles as they are', () => {
		expect(fileNameOf('客户投诉处理流程')).toBe('客户投诉处理流程');
		expect(fileNameOf('服務藍圖:客訴 (v2)')).toBe('服務藍圖 客訴 (v2)');
	});

	it('takes out only what file systems refuse', () => {
		expect(fileNameOf('a/b\\c:d*e?f"g<h>i|j\u0001k')).toBe('a b c d e f g h i j k');
		expect(fileNameOf('Release notes...')).toBe('Release notes');
		expect(fileNameOf('  ', 'flow')).toBe('flow');
	});
});

describe('attachmentDisposition', () => {
	it('carries the UTF-8 name in filename* and an ASCII fallback in filename', () => {
		expect(attachmentDisposition('客户服务部 任务 2026-12-01.csv', 'tasks-2026-12-01.csv')).toBe(
			`attachment; filename="tasks-2026-12-01.csv"; filename*=UTF-8''${encodeURIComponent('客户服务部 任务 2026-12-01.csv')}`
		);
		expect(attachmentDisposition('任务.csv', 'tasks.csv')).toBe(
			`attachment; filename="tasks.csv"; filename*=UTF-8''${encodeURIComponent('任务')}.csv`
		);
		expect(attachmentDisposition('On-call "Nov".md', 'retro.md')).toContain(
			'filename="On-call Nov.md"'
		);
	});
});
