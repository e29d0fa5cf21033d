import type { SessionUser } from '$lib/server/auth/session';
import type { AppLocale } from '$lib/i18n/locales';
import type { Theme } from '$lib/theme';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			/** Set for cookie sessions; null for API-token requests. */
			sessionId: string | null;
			/** Set for API-token requests; null for cookie sessions. */
			tokenId: string | null;
			auth: 'session' | 'token' | null;
			/** The language this request is answered in (src/lib/i18n/negotiate.ts). */
			locale: AppLocale;
			/** This browser's light/dark choice (src/lib/theme.ts). */
			theme: Theme;
		}
		interface Error {
			message: string;
			code?: string;
		}
	}
}

export {};
