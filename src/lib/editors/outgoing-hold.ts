import * as Y from 'yjs';

/**
 * Holds back this tab's document updates from colleagues while an input
 * method is composing, and sends them as one update when it has finished.
 *
 * While someone types 服务 with a Pinyin IME, the editor holds "f", "fu",
 * "fuw" … as real text (the browser shows the composition inside the
 * document), and the editor binding writes each state to the shared
 * document. Sent one by one, colleagues would watch the pinyin appear and
 * turn into characters. Held and merged, the first update they receive
 * already replaces the pinyin with 服务, so they never see it.
 *
 * Only sending waits: the shared document here keeps every change, so a
 * colleague's edit arriving mid-composition is merged into the same text the
 * browser is composing in (which is what lets ProseMirror keep the
 * composition alive). Limit: a reconnect during a composition re-sends the
 * document's state as the sync protocol asks for it, held part included.
 */
export class OutgoingHold {
	private held: Uint8Array[] = [];
	private holding = false;

	/**
	 * `send` is what normally receives every local update (for y-websocket,
	 * the provider's own update handler); `isOwnEcho` tells updates that
	 * arrived from the server (which must never be sent back) from local ones.
	 */
	constructor(
		private readonly doc: Y.Doc,
		private readonly send: (update: Uint8Array) => void,
		private readonly isOwnEcho: (origin: unknown) => boolean
	) {
		doc.on('update', this.onUpdate);
	}

	get isHolding(): boolean {
		return this.holding;
	}

	/** From now on, local updates wait until `release`. */
	hold(): void {
		this.holding = true;
	}

	/** Sends what was held, merged into one update, and stops holding. */
	release(): void {
		this.holding = false;
		if (this.held.length === 0) return;
		const merged = this.held.length === 1 ? this.held[0] : Y.mergeUpdates(this.held);
		this.held = [];
		this.send(merged);
	}

	destroy(): void {
		this.release();
		this.doc.off('update', this.onUpdate);
	}

	private onUpdate = (update: Uint8Array, origin: unknown) => {
		if (this.isOwnEcho(origin)) return;
		if (this.holding) this.held.push(update);
		else this.send(update);
	};
}

/**
 * Holds `hold` from each composition's start in `target` until just after it
 * ends. The release waits a task: ProseMirror reads the composition's last
 * DOM change in a microtask after `compositionend`, and that change (the
 * committed characters) belongs in the same update as the pinyin it replaces.
 */
export function holdWhileComposing(target: EventTarget, hold: OutgoingHold): () => void {
	let releaseTimer: ReturnType<typeof setTimeout> | undefined;
	const start = () => {
		clearTimeout(releaseTimer);
		hold.hold();
	};
	const end = () => {
		clearTimeout(releaseTimer);
		releaseTimer = setTimeout(() => hold.release(), 0);
	};
	target.addEventListener('compositionstart', start);
	target.addEventListener('compositionend', end);
	return () => {
		clearTimeout(releaseTimer);
		target.removeEventListener('compositionstart', start);
		target.removeEventListener('compositionend', end);
		hold.release();
	};
}
