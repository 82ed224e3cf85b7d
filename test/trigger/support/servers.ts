import type { INodeExecutionData } from 'n8n-workflow';

import type { TriggerServer, TriggerServerOptions } from './webhookServer';
import { startTriggerServer } from './webhookServer';

let workflowCounter = 0;

/**
 * Starts trigger servers for a test file and closes them after each test. Each server gets its
 * own workflow id, because the retry memory lives as long as the process.
 */
export function trackTriggerServers(): (options: TriggerServerOptions) => Promise<TriggerServer> {
	const servers: TriggerServer[] = [];
	afterEach(async () => {
		jest.useRealTimers();
		await Promise.all(servers.splice(0).map(async (server) => await server.close()));
	});
	return async (options) => {
		const server = await startTriggerServer({
			workflowId: `workflow-${++workflowCounter}`,
			...options,
		});
		servers.push(server);
		return server;
	};
}

/** Freezes only Date (the node's clock), so sockets and timers keep working. */
export function freezeClockAt(seconds: string): void {
	jest.useFakeTimers({
		now: Number(seconds) * 1000,
		doNotFake: [
			'hrtime',
			'nextTick',
			'performance',
			'queueMicrotask',
			'requestAnimationFrame',
			'cancelAnimationFrame',
			'requestIdleCallback',
			'cancelIdleCallback',
			'setImmediate',
			'clearImmediate',
			'setInterval',
			'clearInterval',
			'setTimeout',
			'clearTimeout',
		],
	});
}

/** The single item of the single execution the server started. */
export function onlyItem(server: TriggerServer): INodeExecutionData {
	expect(server.executions).toHaveLength(1);
	expect(server.executions[0][0]).toHaveLength(1);
	return server.executions[0][0][0];
}
