import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** A random identifier: 20 base32 characters (100 bits), safe in URLs. */
export function generateId(): string {
	const bytes = new Uint8Array(13);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes).slice(0, 20);
}

/** A random secret: 32 base32 characters (160 bits). */
export function generateSecret(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashSecret(secret: string): Uint8Array {
	return sha256(new TextEncoder().encode(secret));
}

export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
	return constantTimeEqual(hashSecret(secret), new Uint8Array(storedHash));
}

/**
 * Tokens have the form `<id>.<secret>`: the id finds the row, the secret is
 * checked against its stored hash in constant time. Returns null for anything
 * that is not of that form.
 */
export function splitToken(token: string, prefix = ''): { id: string; secret: string } | null {
	if (!token.startsWith(prefix)) return null;
	const parts = token.slice(prefix.length).split('.');
	if (parts.length !== 2) return null;
	const [id, secret] = parts;
	if (!/^[a-z2-7]{20}$/.test(id) || !/^[a-z2-7]{32}$/.test(secret)) return null;
	return { id, secret };
}
