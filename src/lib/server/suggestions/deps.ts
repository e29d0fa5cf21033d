import type { Database } from '../db';
import type { SyncHub } from '../runtime';
import type { TaskEvents } from '../task-events';
import type { SuggestionEvents } from './events';

/** What the suggestion services need, passed as one object. */
export interface SuggestionDeps {
	db: Database;
	events: SuggestionEvents;
	taskEvents: TaskEvents;
	/** Writes into documents (retro topics, flow notes); null where no sync server runs. */
	sync: SyncHub | null;
}

/** The deps from the process runtime, for routes. */
export function suggestionDeps(runtime: {
	db: Database;
	suggestionEvents: SuggestionEvents;
	taskEvents: TaskEvents;
	sync: SyncHub | null;
}): SuggestionDeps {
	return {
		db: runtime.db,
		events: runtime.suggestionEvents,
		taskEvents: runtime.taskEvents,
		sync: runtime.sync
	};
}
