import { fetchVersions, type VersionItem } from './versions-api';

/**
 * A document's version list, kept live while the history panel is open:
 * read through the API, and read again whenever the server says the list
 * changed (a version saved by anyone, by the autosave, or by a restore) and
 * after every reconnect, so a panel that was offline catches up.
 */
export class LiveVersions {
	versions = $state<VersionItem[] | null>(null);
	/** The last failure to read the list, in the reader's language. */
	error = $state<string | null>(null);

	private events: EventSource | null = null;
	private reading: Promise<void> | null = null;
	private again = false;

	constructor(private readonly documentId: string) {}

	start(): void {
		const events = new EventSource(`/api/v1/documents/${this.documentId}/versions/events`);
		events.addEventListener('versions', () => void this.refresh());
		// A reconnect may have missed wake-ups; the first open is covered by the read below.
		let opened = false;
		events.addEventListener('open', () => {
			if (opened) void this.refresh();
			opened = true;
		});
		this.events = events;
		void this.refresh();
	}

	stop(): void {
		this.events?.close();
		this.events = null;
	}

	/** Reads the list again; a call while reading asks for one more read. */
	refresh(): Promise<void> {
		if (this.reading) {
			this.again = true;
			return this.reading;
		}
		this.reading = (async () => {
			do {
				this.again = false;
				this.versions = await fetchVersions(this.documentId);
				this.error = null;
			} while (this.again);
		})()
			.catch((error: unknown) => {
				this.error = error instanceof Error ? error.message : String(error);
			})
			.finally(() => {
				this.reading = null;
			});
		return this.reading;
	}
}
