import { describe, expect, it } from 'vitest';
import { describeNotification } from './notifications';

describe('describeNotification', () => {
	const assigned = { actorName: '王芳', taskTitle: '更换滤芯', workspaceName: '运维部' };

	it('writes one sentence in the reader’s language, leaving names as they are', () => {
		expect(describeNotification('task_assigned', assigned, 'zh-Hans')).toBe(
			'王芳将任务“更换滤芯”分配给了你（运维部）。'
		);
		expect(describeNotification('task_assigned', assigned, 'zh-Hant')).toBe(
			'王芳將任務「更换滤芯」指派給你（运维部）。'
		);
		expect(describeNotification('task_assigned', assigned, 'en')).toBe(
			'王芳 assigned “更换滤芯” to you in 运维部.'
		);
	});

	it('shows due dates as the reader writes them', () => {
		const due = { taskTitle: 'Restock', dueDate: '2026-12-03' };
		expect(describeNotification('task_due', due, 'en')).toBe(
			'Your task “Restock” is due tomorrow (Dec 3, 2026).'
		);
		expect(describeNotification('task_due', due, 'zh-Hans')).toBe(
			'你的任务“Restock”明天（2026年12月3日）到期。'
		);
	});

	it('names a suggestion’s status in the reader’s language, and keeps the label of older rows', () => {
		const data = { actorName: 'Ann', suggestionTitle: '自助报修' };
		expect(
			describeNotification('suggestion_status', { ...data, status: 'planned' }, 'zh-Hans')
		).toBe('Ann将“自助报修”标记为“已计划”。');
		expect(
			describeNotification('suggestion_status', { ...data, statusLabel: 'Planned' }, 'zh-Hans')
		).toBe('Ann将“自助报修”标记为“Planned”。');
	});

	it('says "someone" in the reader’s language when nobody is named', () => {
		expect(describeNotification('mention', { documentTitle: '服务蓝图' }, 'zh-Hant')).toBe(
			'有人在「服务蓝图」中提及了你。'
		);
	});
});
