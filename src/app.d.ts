import type { SessionUser } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			/** Set for cookie sessions; null for API-token requests. */
			sessionId: string | null;
			/** Set for API-token requests; null for cookie sessions. */
			tokenId: string | null;
			auth: 'session' | 'token' | null;
		}
		interface Error {
			message: string;
			code?: string;
		}
	}
}

export {};
