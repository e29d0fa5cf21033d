/**
 * Which of a document's stored updates a room holds, as seq ranges. `through`
 * is the highest seq up to which the room holds every update: what compaction
 * may fold and extraction may record. A room's own updates usually continue
 * its log directly, but another process appending to the same document leaves
 * seqs between them that this room has not applied (until a relay delivers
 * them), and a commit whose outcome was unknown and was retried leaves the
 * seqs of its first attempt behind.
 */
export class AppliedSeqs {
	/** Disjoint, sorted ranges above `through + 1`; empty unless there is a gap. */
	private above: [from: number, to: number][] = [];

	constructor(private contiguous: number) {}

	get through(): number {
		return this.contiguous;
	}

	/** True while some seq between `through` and a higher applied one is missing. */
	get hasGap(): boolean {
		return this.above.length > 0;
	}

	add(from: number, to = from): void {
		if (to <= this.contiguous) return;
		const ranges = [...this.above, [from, to] as [number, number]].sort((a, b) => a[0] - b[0]);
		// The list holds one range per gap, so sorting it on every add costs nothing.
		this.above = [];
		for (const [f, t] of ranges) {
			if (f <= this.contiguous + 1) {
				this.contiguous = Math.max(this.contiguous, t);
				continue;
			}
			const last = this.above.at(-1);
			if (last && f <= last[1] + 1) last[1] = Math.max(last[1], t);
			else this.above.push([f, t]);
		}
	}
}
