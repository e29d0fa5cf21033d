import { notFound } from '$lib/server/errors';
import { noSuch, type IdNoun } from '$lib/server/id-nouns';
import { readJson } from '$lib/server/http';
import type { RetroDeps } from '$lib/server/retro-board';
import type { Draft } from '$lib/server/retro-drafts';
import { getRuntime } from '$lib/server/runtime';
import { requireObject } from '$lib/server/validate';

export async function retroDeps(): Promise<RetroDeps> {
	const { db, sync, taskEvents } = await getRuntime();
	return { db, sync, taskEvents };
}

export async function readBody(request: Request): Promise<Record<string, unknown>> {
	return requireObject(await readJson(request));
}

/** Column, card, group and draft ids are short tokens; anything else names nothing. */
export function requireBoardId(value: string, what: IdNoun): string {
	if (!/^[A-Za-z0-9_-]{1,80}$/.test(value)) throw notFound(noSuch(what));
	return value;
}

export function serializeDraft(draft: Draft) {
	return { ...draft, createdAt: draft.createdAt.toISOString() };
}
