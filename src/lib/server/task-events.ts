import { EventEmitter } from 'node:events';

/** Tells open task lists that tasks of a workspace changed, so they refresh without a reload. */
export interface TasksChanged {
	workspaceId: string;
	taskIds: string[];
}

export class TaskEvents {
	private readonly emitter = new EventEmitter();

	constructor() {
		// One listener per open task list; many people may have one open.
		this.emitter.setMaxListeners(0);
	}

	publish(event: TasksChanged): void {
		if (event.taskIds.length > 0) this.emitter.emit('changed', event);
	}

	/** Returns the function that unsubscribes. */
	subscribe(workspaceId: string, listener: (event: TasksChanged) => void): () => void {
		const filtered = (event: TasksChanged) => {
			if (event.workspaceId === workspaceId) listener(event);
		};
		this.emitter.on('changed', filtered);
		return () => this.emitter.off('changed', filtered);
	}
}
