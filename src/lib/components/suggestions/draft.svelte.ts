import type { SuggestionLink } from '$lib/model/suggestions';

/** What the new-suggestion form holds; kept in localStorage while someone writes. */
export interface SuggestionDraft {
	title: string;
	situation: string;
	proposal: string;
	benefit: string;
	category: string;
	/** Where it applies. */
	links: SuggestionLink[];
	anonymous: boolean;
}

const empty = (): SuggestionDraft => ({
	title: '',
	situation: '',
	proposal: '',
	benefit: '',
	category: '',
	links: [],
	anonymous: false
});

/**
 * A draft that survives a reload or a closed tab on this device, per
 * workspace. Only in the browser: nothing of it reaches the server before
 * the person proposes.
 */
export class Draft {
	value = $state<SuggestionDraft>(empty());
	private readonly key: string;

	constructor(workspaceId: string) {
		this.key = `opsloom.suggestion-draft.${workspaceId}`;
	}

	load(): void {
		try {
			const stored = localStorage.getItem(this.key);
			if (!stored) return;
			const parsed = JSON.parse(stored) as Partial<SuggestionDraft> & { documentId?: string };
			// Drafts from before links had kinds held one document id.
			const links = Array.isArray(parsed.links)
				? parsed.links
				: parsed.documentId
					? [{ kind: 'document' as const, documentId: parsed.documentId }]
					: [];
			delete parsed.documentId;
			this.value = { ...empty(), ...parsed, links };
		} catch {
			// A broken or unavailable store: start from an empty form.
		}
	}

	save(): void {
		try {
			localStorage.setItem(this.key, JSON.stringify(this.value));
		} catch {
			// Private mode or a full store: the draft just is not kept.
		}
	}

	clear(): void {
		this.value = empty();
		try {
			localStorage.removeItem(this.key);
		} catch {
			// nothing kept anyway
		}
	}
}
