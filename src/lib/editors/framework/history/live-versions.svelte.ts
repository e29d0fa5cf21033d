import { LiveResource } from '$lib/editors/live-resource.svelte';
import { fetchVersions, type VersionItem } from './versions-api';

/**
 * A document's version list while the history panel is open: read again
 * whenever a version is saved by anyone, by the autosave, or by a restore.
 */
export class LiveVersions extends LiveResource {
	versions = $state<VersionItem[] | null>(null);

	constructor(private readonly documentId: string) {
		super(`/api/v1/documents/${documentId}/versions/events`, 'versions');
	}

	protected async read(): Promise<void> {
		this.versions = await fetchVersions(this.documentId);
		this.error = null;
	}
}
