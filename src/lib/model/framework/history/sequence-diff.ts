/** One run of a diff between sequences `a` (before) and `b` (after). */
export interface DiffRun {
	type: 'equal' | 'delete' | 'insert';
	/** Range in `a` (empty for an insertion, which goes at aStart). */
	aStart: number;
	aEnd: number;
	/** Range in `b` (empty for a deletion). */
	bStart: number;
	bEnd: number;
}

/**
 * Longest-common-subsequence tables cost n × m cells: past this the middle
 * (after the common prefix and suffix are trimmed) is treated as replaced
 * whole. Two 2,000-item sequences that differ throughout still fit.
 */
const MAX_CELLS = 4_000_000;

/**
 * The runs that turn `a` into `b`: equal stretches, deletions from `a` and
 * insertions from `b`, in order. Deletions come before insertions where both
 * meet, so a replacement reads as "old struck out, new inserted".
 */
export function diffSequences<T>(
	a: readonly T[],
	b: readonly T[],
	same: (x: T, y: T) => boolean
): DiffRun[] {
	let prefix = 0;
	while (prefix < a.length && prefix < b.length && same(a[prefix], b[prefix])) prefix++;
	let suffix = 0;
	while (
		suffix < a.length - prefix &&
		suffix < b.length - prefix &&
		same(a[a.length - 1 - suffix], b[b.length - 1 - suffix])
	) {
		suffix++;
	}
	const n = a.length - prefix - suffix;
	const m = b.length - prefix - suffix;
	const pairs: [number, number][] = n * m <= MAX_CELLS ? commonPairs(a, b, prefix, n, m, same) : [];
	const runs: DiffRun[] = [];
	const push = (
		type: DiffRun['type'],
		aStart: number,
		aEnd: number,
		bStart: number,
		bEnd: number
	) => {
		if (aEnd === aStart && bEnd === bStart) return;
		const last = runs[runs.length - 1];
		if (last && last.type === type && last.aEnd === aStart && last.bEnd === bStart) {
			last.aEnd = aEnd;
			last.bEnd = bEnd;
		} else runs.push({ type, aStart, aEnd, bStart, bEnd });
	};
	push('equal', 0, prefix, 0, prefix);
	let i = prefix;
	let j = prefix;
	for (const [pi, pj] of [...pairs, [prefix + n, prefix + m] as [number, number]]) {
		push('delete', i, pi, j, j);
		push('insert', pi, pi, j, pj);
		if (pi < prefix + n) push('equal', pi, pi + 1, pj, pj + 1);
		i = pi + 1;
		j = pj + 1;
	}
	push('equal', prefix + n, a.length, prefix + m, b.length);
	return runs;
}

/** Index pairs (into a and b) of one longest common subsequence of the middle parts. */
function commonPairs<T>(
	a: readonly T[],
	b: readonly T[],
	offset: number,
	n: number,
	m: number,
	same: (x: T, y: T) => boolean
): [number, number][] {
	if (n === 0 || m === 0) return [];
	// lengths[i][j]: LCS length of a[i..n) and b[j..m) (middle-relative), flattened.
	const width = m + 1;
	const lengths = new Uint32Array((n + 1) * width);
	for (let i = n - 1; i >= 0; i--) {
		for (let j = m - 1; j >= 0; j--) {
			lengths[i * width + j] = same(a[offset + i], b[offset + j])
				? lengths[(i + 1) * width + j + 1] + 1
				: Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
		}
	}
	const pairs: [number, number][] = [];
	let i = 0;
	let j = 0;
	while (i < n && j < m) {
		if (same(a[offset + i], b[offset + j])) {
			pairs.push([offset + i, offset + j]);
			i++;
			j++;
		} else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) i++;
		else j++;
	}
	return pairs;
}
