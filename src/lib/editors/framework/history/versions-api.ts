import * as Y from 'yjs';
import { callApi } from '$lib/api-client';

/** A version as GET /api/v1/documents/:id/versions lists it (docs/api.md). */
export interface VersionItem {
	id: string;
	reason: 'auto' | 'named' | 'before_restore' | 'restored';
	name: string | null;
	createdAt: string;
	createdBy: { id: string; name: string } | null;
	restoredFrom: string | null;
	contributors: { id: string; name: string }[];
}

const base = (documentId: string) => `/api/v1/documents/${documentId}/versions`;

export async function fetchVersions(documentId: string): Promise<VersionItem[]> {
	return (await callApi<{ versions: VersionItem[] }>('GET', base(documentId))).versions;
}

export function saveNamedVersion(documentId: string, name: string): Promise<VersionItem> {
	return callApi<VersionItem>('POST', base(documentId), { name });
}

export function restoreVersion(documentId: string, versionId: string): Promise<VersionItem> {
	return callApi<VersionItem>('POST', `${base(documentId)}/${versionId}/restore`);
}

/** The document as it was at that version, as a local Y.Doc nobody else sees. */
export async function loadVersionDoc(documentId: string, versionId: string): Promise<Y.Doc> {
	const { state } = await callApi<{ state: string }>('GET', `${base(documentId)}/${versionId}`);
	const bytes = Uint8Array.from(atob(state), (c) => c.charCodeAt(0));
	const doc = new Y.Doc();
	Y.applyUpdate(doc, bytes);
	return doc;
}
