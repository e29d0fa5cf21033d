import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { m } from '$lib/paraglide/messages';
import { OutgoingHold } from './outgoing-hold';
import { SaveTracker } from './save-tracker';

export type ConnectionState = 'connected' | 'connecting' | 'offline';

/** What the page says when the server closes the document for good (y-websocket stops on 4400-4499). */
const CLOSED_REASONS: Record<number, () => string> = {
	4401: m.editor_closed_signed_out,
	4403: m.editor_closed_access,
	4400: m.editor_closed_refused
};

/**
 * A document an editor keeps live with the sync server: the Yjs document,
 * its provider (asking for save acknowledgements), optionally a copy on this
 * device so offline edits survive a reload, and the state every editor shows
 * (connection, "all changes saved", why the server closed it). Browser only:
 * create it in onMount and destroy it when the editor goes.
 */
export class LiveDocument {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	/** Hold this tab's edits back from colleagues while an input method composes (outgoing-hold.ts). */
	readonly outgoing: OutgoingHold;
	connection = $state<ConnectionState>('connecting');
	everConnected = $state(false);
	/** The server's copy has arrived (false again while resyncing after a reconnect). */
	synced = $state(false);
	/** Some of this tab's edits are not yet confirmed as stored on the server. */
	pending = $state(false);
	closedReason = $state<string | null>(null);

	private readonly keepOffline: boolean;
	private readonly persistence: IndexeddbPersistence | null;
	private readonly tracker: SaveTracker;
	private readonly cleanUp: () => void;

	constructor(documentId: string, { keepOffline }: { keepOffline: boolean }) {
		this.keepOffline = keepOffline;
		// The local copy loads first: edits made offline survive a reload and sync on reconnect.
		this.persistence = keepOffline
			? new IndexeddbPersistence(`opsloom:${documentId}`, this.doc)
			: null;
		const wsBase = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}`;
		this.provider = new WebsocketProvider(`${wsBase}/sync`, documentId, this.doc, {
			params: { acks: '1' }
		});
		// y-websocket sends each local update from its own listener; route them through the hold.
		const provider = this.provider;
		this.doc.off('update', provider._updateHandler);
		this.outgoing = new OutgoingHold(
			this.doc,
			(update) => provider._updateHandler(update, null),
			(origin) => origin === provider
		);
		this.tracker = new SaveTracker(this.doc, this.provider);
		const unsubscribeSaved = this.tracker.subscribe((value) => (this.pending = value));

		let online = navigator.onLine;
		let status: 'connected' | 'connecting' | 'disconnected' = 'connecting';
		const updateConnection = () => {
			this.connection = !online ? 'offline' : status === 'connected' ? 'connected' : 'connecting';
		};
		const onOnline = () => {
			online = true;
			updateConnection();
		};
		const onOffline = () => {
			online = false;
			updateConnection();
		};
		window.addEventListener('online', onOnline);
		window.addEventListener('offline', onOffline);
		this.provider.on('status', (event) => {
			status = event.status;
			if (status === 'connected') this.everConnected = true;
			updateConnection();
		});
		this.provider.on('sync', (isSynced: boolean) => (this.synced = isSynced));
		this.provider.on('closed', (event: { code: number }) => {
			this.closedReason = (CLOSED_REASONS[event.code] ?? m.editor_closed_other)();
		});
		// Without a copy on this device, edits the server has not confirmed live only in this tab.
		const onBeforeUnload = (event: BeforeUnloadEvent) => {
			if (this.holdsUnsavedEdits) event.preventDefault();
		};
		window.addEventListener('beforeunload', onBeforeUnload);
		this.cleanUp = () => {
			window.removeEventListener('online', onOnline);
			window.removeEventListener('offline', onOffline);
			window.removeEventListener('beforeunload', onBeforeUnload);
			unsubscribeSaved();
		};
	}

	/** True while leaving the page would lose edits: unconfirmed, and kept nowhere else. */
	get holdsUnsavedEdits(): boolean {
		return !this.keepOffline && this.pending;
	}

	get connectionLabel(): string {
		if (this.connection === 'connected') return m.editor_connected();
		if (this.connection === 'offline') return m.editor_offline();
		return this.everConnected ? m.editor_reconnecting() : m.editor_connecting();
	}

	/**
	 * "All changes saved" and its kin; nothing for people who cannot edit.
	 * Without a copy on this device, unsent edits live only in this tab.
	 */
	saveLabel(readOnly: boolean): string | null {
		if (readOnly) return null;
		if (this.pending) {
			if (this.connection === 'connected') return m.editor_saving();
			return this.keepOffline ? m.editor_kept_on_device() : m.editor_not_saved();
		}
		return this.synced ? m.editor_all_saved() : null;
	}

	destroy(): void {
		this.cleanUp();
		this.outgoing.destroy();
		this.tracker.destroy();
		this.provider.destroy();
		void this.persistence?.destroy();
		this.doc.destroy();
	}
}
