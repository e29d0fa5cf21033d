/**
 * bytea between the embedded engine and JavaScript without a per-byte loop.
 *
 * PGlite's own codec builds a result with `parseInt` on every two hex digits
 * and a parameter with `toString(16)` on every byte. Every document load reads
 * a snapshot and its tail this way, and every commit writes an update: in a
 * profile of 2,000 clients opening 1,000 documents, result parsing was a sixth
 * of the server's CPU. Node's hex codec does the same work natively.
 */
export const BYTEA_OID = 17;

/** A text-format bytea result (`\x` then hex digits) as bytes. */
export function parseBytea(text: string): Uint8Array {
	if (!text.startsWith('\\x')) {
		// The escape format is only produced when `bytea_output` is changed; we never do.
		throw new Error('bytea result is not in hex format');
	}
	const buffer = Buffer.from(text.slice(2), 'hex');
	return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/**
 * A bytea parameter. Bytes go as they are: the engine's bind step sends an
 * ArrayBuffer view in binary format, which for bytea is the bytes themselves.
 */
export function serializeBytea(value: unknown): string {
	if (value instanceof Uint8Array) return value as unknown as string;
	if (typeof value === 'string') return value;
	throw new Error('bytea parameter must be a Uint8Array');
}
