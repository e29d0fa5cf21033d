import { hash, verify } from '@node-rs/argon2';

// OWASP's recommended argon2id parameters (19 MiB, 2 iterations, 1 lane).
const options = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 };

export const MIN_PASSWORD_LENGTH = 8;
/** argon2 accepts any length; a cap keeps one request from costing seconds of CPU. */
export const MAX_PASSWORD_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
	return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

let dummyHash: Promise<string> | null = null;

/**
 * Spends the same time as checking a real password, for a log-in whose email
 * has no account: otherwise the quicker "no" tells whether an account exists.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
	dummyHash ??= hashPassword('opsloom: no such account');
	await verifyPassword(await dummyHash, password);
	return false;
}
