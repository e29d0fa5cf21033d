import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/** Unknown API paths answer in the API's error shape rather than with the HTML error page. */
export const fallback: RequestHandler = async ({ url }) =>
	json(
		{ error: { code: 'not_found', message: m.indsrv_no_api_endpoint({ path: url.pathname }) } },
		{ status: 404 }
	);
