import type { Runtime } from '$lib/server/runtime';
import type { VersionDeps } from '$lib/server/versions/commands';
import type { VersionSummary } from '$lib/server/versions/store';

/** Naming and restoring read and write the live document, which the sync server in this process holds. */
export function versionDeps(runtime: Runtime): VersionDeps {
	const sync = runtime.sync;
	if (!sync) throw new Error('version history needs the sync server running in this process');
	return { db: runtime.db, changeDocument: (id, change) => sync.changeDocument(id, change) };
}

export function serializeVersion(version: VersionSummary) {
	return {
		id: version.id,
		reason: version.reason,
		name: version.name,
		createdAt: version.createdAt.toISOString(),
		createdBy: version.createdBy,
		restoredFrom: version.restoredFrom,
		contributors: version.contributors
	};
}
