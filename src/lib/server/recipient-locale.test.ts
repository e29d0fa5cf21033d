import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from './db';
import { setUserLocale } from './accounts/locale';
import { signUp } from './users';
import {
	pickLocale,
	recipientLocale,
	recipientLocaleByEmail,
	requestLocale
} from './recipient-locale';

describe('pickLocale', () => {
	it('takes the first choice that is one of our languages', () => {
		expect(pickLocale('zh-Hant', 'zh-Hans')).toBe('zh-Hant');
		expect(pickLocale(null, 'zh-Hans')).toBe('zh-Hans');
		expect(pickLocale(undefined, null, 'zh-Hant')).toBe('zh-Hant');
	});

	it('skips values that are not ours and ends in English', () => {
		expect(pickLocale('zh', 'zh-CN', 'fr')).toBe('en');
		expect(pickLocale('ja', 'zh-Hans')).toBe('zh-Hans');
		expect(pickLocale()).toBe('en');
	});
});

describe('a recipient’s language', () => {
	let handle: DatabaseHandle;
	let mei: string;
	let sam: string;

	beforeAll(async () => {
		handle = await openDatabase({ databaseUrl: null, dataDir: 'memory://' });
		const password = 'long enough';
		mei = (await signUp(handle.db, { name: 'Mei', email: 'mei@example.com', password })).id;
		sam = (await signUp(handle.db, { name: 'Sam', email: 'sam@example.com', password })).id;
		await setUserLocale(handle.db, mei, 'zh-Hant');
	}, 60_000);
	afterAll(() => handle?.close());

	it('is their saved language, whatever stands in for them', async () => {
		expect(await recipientLocale(handle.db, mei)).toBe('zh-Hant');
		expect(await recipientLocale(handle.db, mei, 'zh-Hans')).toBe('zh-Hant');
		expect(await recipientLocaleByEmail(handle.db, ' MEI@example.com', 'en')).toBe('zh-Hant');
	});

	it('falls back for someone who follows their browser, then to English', async () => {
		expect(await recipientLocale(handle.db, sam, 'zh-Hans')).toBe('zh-Hans');
		expect(await recipientLocale(handle.db, sam)).toBe('en');
	});

	it('uses the fallback for an address without an account (an invitation)', async () => {
		expect(await recipientLocaleByEmail(handle.db, 'new@example.com', 'zh-Hans')).toBe('zh-Hans');
		expect(await recipientLocaleByEmail(handle.db, 'new@example.com')).toBe('en');
	});

	it('goes back to the fallback once the saved language is cleared', async () => {
		await setUserLocale(handle.db, mei, null);
		expect(await recipientLocale(handle.db, mei, 'zh-Hans')).toBe('zh-Hans');
	});

	it('has English as the language of work outside any request (a background job)', () => {
		expect(requestLocale()).toBe('en');
	});
});
