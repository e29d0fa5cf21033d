import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiRoute(async (_event, user) =>
	json({ id: user.id, name: user.name, email: user.email })
);
