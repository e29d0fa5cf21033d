/**
 * Delivery latencies in milliseconds, kept raw (a Float64Array that doubles
 * when full) so percentiles are exact; even the full fan-out run is only a
 * few hundred thousand numbers.
 */
export class LatencyRecorder {
	private values: Float64Array;
	count = 0;

	constructor(expected = 1024) {
		this.values = new Float64Array(Math.max(16, expected));
	}

	record(ms: number): void {
		if (this.count === this.values.length) {
			const grown = new Float64Array(this.values.length * 2);
			grown.set(this.values);
			this.values = grown;
		}
		this.values[this.count++] = ms;
	}

	/** Nearest-rank percentile, p in 0..100; NaN when nothing was recorded. */
	summarize(): { p50: number; p95: number; p99: number; max: number } {
		if (this.count === 0) return { p50: NaN, p95: NaN, p99: NaN, max: NaN };
		const sorted = this.values.slice(0, this.count).sort();
		const rank = (p: number) =>
			sorted[Math.min(this.count - 1, Math.ceil((p / 100) * this.count) - 1)];
		return { p50: rank(50), p95: rank(95), p99: rank(99), max: sorted[this.count - 1] };
	}
}
