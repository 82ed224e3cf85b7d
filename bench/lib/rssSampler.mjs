/**
 * Samples the process's resident set size from a worker thread, so that readings continue
 * while the main thread is busy in synchronous work (sorting, hashing a million OpenIDs).
 */
import { Worker } from 'node:worker_threads';

const SOURCE = `
const { parentPort } = require('node:worker_threads');
let peak = 0;
const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 2);
parentPort.on('message', (message) => {
	if (message === 'reset') peak = process.memoryUsage.rss();
	if (message === 'read') parentPort.postMessage(Math.max(peak, process.memoryUsage.rss()));
	if (message === 'stop') { clearInterval(timer); parentPort.close(); }
});
`;

export function startRssSampler() {
	const worker = new Worker(SOURCE, { eval: true });
	const read = () =>
		new Promise((resolve) => {
			worker.once('message', resolve);
			worker.postMessage('read');
		});
	return {
		reset: () => worker.postMessage('reset'),
		peak: read,
		stop: () => worker.terminate(),
	};
}
