import { redirect } from '@sveltejs/kit';
import { getRuntime } from '$lib/server/runtime';
import { createWorkspace, listWorkspaces } from '$lib/server/workspaces';
import { failFromError, readField, requireUser } from '../form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const { db } = await getRuntime();
	return { workspaces: await listWorkspaces(db, user.id) };
};

export const actions: Actions = {
	create: async ({ locals, url, request }) => {
		const user = requireUser(locals, url);
		const { db } = await getRuntime();
		const name = readField(await request.formData(), 'name');
		let workspaceId: string;
		try {
			workspaceId = (await createWorkspace(db, user.id, name)).id;
		} catch (caught) {
			return failFromError(caught, { name });
		}
		redirect(303, `/w/${workspaceId}`);
	}
};
