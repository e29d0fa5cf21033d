/**
 * Something read through the API and kept live while it is shown: read once
 * on `start`, then again whenever the server's event stream says it changed
 * and after every reconnect (a browser that was offline may have missed
 * wake-ups). The client side of `DocumentWakeups`: a wake-up carries no data,
 * so a missed one costs only a read.
 */
export abstract class LiveResource {
	/** The last refusal or failure, in the reader's language. */
	error = $state<string | null>(null);

	private events: EventSource | null = null;
	private reading: Promise<void> | null = null;
	private again = false;

	constructor(
		private readonly eventsUrl: string,
		private readonly eventName: string
	) {}

	/** One read of the resource into the subclass's state. */
	protected abstract read(): Promise<void>;

	start(): void {
		const events = new EventSource(this.eventsUrl);
		events.addEventListener(this.eventName, () => void this.refresh());
		// The first open is covered by the read below.
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

	/** Reads again; a call while reading asks for one more read after it. */
	refresh(): Promise<void> {
		if (this.reading) {
			this.again = true;
			return this.reading;
		}
		this.reading = (async () => {
			do {
				this.again = false;
				await this.read();
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
