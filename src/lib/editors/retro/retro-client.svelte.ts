import type { RetroPhase, ReviewOutcome } from '$lib/model/retro';
import type { Fetch } from '$lib/api-client';
import { clockOffset, requestRetro, type ApiResult } from './retro-api';
import { m } from '$lib/paraglide/messages';

/** A card of mine not yet revealed; only I (through the API) can see it. */
export interface Draft {
	id: string;
	columnId: string;
	text: string;
	createdAt: string;
}

export interface RetroSettingsPatch {
	anonymous?: boolean;
	voteBudget?: number;
	votesPerCard?: number;
	hideTallies?: boolean;
}

interface PersonalState {
	drafts: Draft[];
	ballot: Record<string, number>;
	votesLeft: number;
	serverNow: number;
}

/**
 * Everything the board changes through the server (docs/api.md, "Retro
 * boards"), plus what only I can see: my drafts, my ballot, my votes left.
 * The shared result of a change arrives through the Yjs document; this keeps
 * only each control's pending state and its last error, keyed by the control,
 * so the sentence shows next to what was clicked.
 */
export class RetroClient {
	drafts = $state.raw<Draft[]>([]);
	ballot = $state.raw<Record<string, number>>({});
	votesLeft = $state<number | null>(null);
	/** Add to Date.now() to get the server's clock, which the phase timer's end is written in. */
	clockOffset = $state(0);
	// Replaced, never mutated: a card reading a key nobody set then costs no signal of
	// its own (a deep $state would make one per card and key), and changes are rare.
	errors = $state.raw<Record<string, string>>({});
	pending = $state.raw<Record<string, boolean>>({});
	private readonly base: string;
	private personalRequest = 0;

	constructor(
		documentId: string,
		private readonly fetcher: Fetch = (input, init) => fetch(input, init)
	) {
		this.base = `/api/v1/documents/${encodeURIComponent(documentId)}/retro`;
	}

	errorFor(key: string): string | null {
		return this.errors[key] ?? null;
	}

	isPending(key: string): boolean {
		return this.pending[key] === true;
	}

	clearError(key: string): void {
		this.setError(key, null);
	}

	private setError(key: string, message: string | null): void {
		if (message === null && !(key in this.errors)) return;
		const next = { ...this.errors };
		if (message === null) delete next[key];
		else next[key] = message;
		this.errors = next;
	}

	private setPending(key: string, value: boolean): void {
		const next = { ...this.pending };
		if (value) next[key] = true;
		else delete next[key];
		this.pending = next;
	}

	/** Reloads my private state; only the newest of overlapping loads is kept. */
	async loadPersonal(): Promise<void> {
		const request = ++this.personalRequest;
		const sentAt = Date.now();
		const result = await requestRetro<PersonalState>(this.fetcher, 'GET', this.base);
		if (request !== this.personalRequest) return;
		if (!result.ok) {
			this.setError('personal', m.retro_personal_failed({ problem: result.message }));
			return;
		}
		this.setError('personal', null);
		this.drafts = result.value.drafts ?? [];
		this.ballot = result.value.ballot ?? {};
		this.votesLeft = result.value.votesLeft ?? null;
		if (typeof result.value.serverNow === 'number') {
			this.clockOffset = clockOffset(sentAt, Date.now(), result.value.serverNow);
		}
	}

	setPhase(phase: RetroPhase) {
		return this.run('phase', 'POST', '/phase', { phase });
	}

	handOver(userId: string) {
		return this.run('facilitator', 'POST', '/facilitator', { userId });
	}

	startTimer(seconds: number) {
		return this.run('timer', 'PUT', '/timer', { seconds });
	}

	stopTimer() {
		return this.run('timer', 'DELETE', '/timer');
	}

	saveSettings(patch: RetroSettingsPatch) {
		return this.run('settings', 'PATCH', '/settings', patch);
	}

	addColumn(title: string) {
		return this.run('column-add', 'POST', '/columns', { title });
	}

	updateColumn(columnId: string, change: { title?: string; index?: number }) {
		return this.run(`column:${columnId}`, 'PATCH', `/columns/${columnId}`, change);
	}

	removeColumn(columnId: string) {
		return this.run(`column:${columnId}`, 'DELETE', `/columns/${columnId}`);
	}

	async addDraft(columnId: string, text: string): Promise<boolean> {
		const result = await this.run<Draft>(`draft-add:${columnId}`, 'POST', '/drafts', {
			columnId,
			text
		});
		if (result.ok) this.drafts = [...this.drafts, result.value];
		return result.ok;
	}

	async updateDraft(draftId: string, change: { text?: string; columnId?: string }) {
		const result = await this.run<Draft>(`draft:${draftId}`, 'PATCH', `/drafts/${draftId}`, change);
		if (result.ok) this.drafts = this.drafts.map((d) => (d.id === draftId ? result.value : d));
		return result.ok;
	}

	async removeDraft(draftId: string) {
		const result = await this.run(`draft:${draftId}`, 'DELETE', `/drafts/${draftId}`);
		if (result.ok) this.drafts = this.drafts.filter((d) => d.id !== draftId);
		return result.ok;
	}

	/** Drops `cardId` onto a card or group, or (onto null) takes it out of its group. */
	group(cardId: string, onto: string | null) {
		return this.run(`group:${cardId}`, 'POST', '/group', { cardId, onto });
	}

	renameGroup(groupId: string, title: string) {
		return this.run(`group-title:${groupId}`, 'PATCH', `/groups/${groupId}`, { title });
	}

	setCardHidden(cardId: string, hidden: boolean) {
		return this.run(`hide:${cardId}`, 'PATCH', `/cards/${cardId}`, { hidden });
	}

	/** The author's correction of a revealed card (named boards, group phase). */
	editCard(cardId: string, text: string) {
		return this.run(`card-text:${cardId}`, 'PATCH', `/cards/${cardId}`, { text });
	}

	async vote(topicId: string, delta: 1 | -1): Promise<boolean> {
		const result = await this.run<{ ballot: Record<string, number>; votesLeft: number }>(
			`vote:${topicId}`,
			'POST',
			'/votes',
			{ topicId, delta }
		);
		if (result.ok) {
			this.ballot = result.value.ballot ?? {};
			this.votesLeft = result.value.votesLeft ?? null;
		}
		return result.ok;
	}

	focus(topicId: string | null) {
		return this.run('focus', 'POST', '/focus', { topicId });
	}

	review(taskId: string, outcome: ReviewOutcome) {
		return this.run(`review:${taskId}`, 'POST', `/review/${taskId}`, { outcome });
	}

	private async run<T = unknown>(
		key: string,
		method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
		path: string,
		body?: unknown
	): Promise<ApiResult<T>> {
		this.setPending(key, true);
		this.setError(key, null);
		try {
			const result = await requestRetro<T>(this.fetcher, method, this.base + path, body);
			if (!result.ok) this.setError(key, result.message);
			return result;
		} finally {
			this.setPending(key, false);
		}
	}
}
