import { apiRoute } from '$lib/server/http';
import { getRuntime } from '$lib/server/runtime';
import type { TasksChanged } from '$lib/server/task-events';
import { requireWorkspaceRole } from '$lib/server/workspaces';
import { requireIdParam } from '../../../../params';
import type { RequestHandler } from './$types';

/**
 * Proxies and load balancers close connections that stay silent for a minute
 * or so; a comment line this often keeps an idle stream open.
 */
const HEARTBEAT_MS = 25_000;

/**
 * Server-Sent Events telling an open task list which tasks changed
 * (`event: tasks`, data `{"taskIds": [...]}`), so it can refetch them.
 * Events carry ids only: what a task says is read through the API, with the
 * reader's permission checked there.
 */
export const GET: RequestHandler = apiRoute(async ({ params, request }, user) => {
	const workspaceId = requireIdParam(params.workspaceId, 'workspace');
	const runtime = await getRuntime();
	await requireWorkspaceRole(runtime.db, workspaceId, user.id);

	const encoder = new TextEncoder();
	let stop = () => {};
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			const send = (text: string) => {
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					// The stream is already closed: the client went away.
					stop();
				}
			};
			const unsubscribe = runtime.taskEvents.subscribe(workspaceId, (event: TasksChanged) => {
				send(`event: tasks\ndata: ${JSON.stringify({ taskIds: event.taskIds })}\n\n`);
			});
			const heartbeat = setInterval(() => send(': heartbeat\n\n'), HEARTBEAT_MS);
			const onAbort = () => {
				stop();
				try {
					controller.close();
				} catch {
					// already closed
				}
			};
			stop = () => {
				clearInterval(heartbeat);
				unsubscribe();
				request.signal.removeEventListener('abort', onAbort);
				stop = () => {};
			};
			request.signal.addEventListener('abort', onAbort);
			// Tells the client the subscription is live, and how soon to reconnect after a drop.
			send('retry: 3000\n: connected\n\n');
		},
		cancel() {
			stop();
		}
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-store',
			// Stops nginx from buffering the stream.
			'x-accel-buffering': 'no'
		}
	});
});
