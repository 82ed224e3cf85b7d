/**
 * Runs the compiled fake WeChat API in a child process, so that a benchmark measures the memory
 * and time of the node alone. The parent talks to it over IPC: `start`, then `stats`.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);

export async function startFakeProcess(root, account, { latencyMs = 0, limits = {} } = {}) {
	const child = fork(self, ['--child', root], {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		execArgv: process.env.FAKE_EXEC_ARGV ? process.env.FAKE_EXEC_ARGV.split(' ') : [],
	});
	const pending = new Map();
	let nextId = 0;
	child.on('message', (message) => {
		pending.get(message.id)?.(message);
		pending.delete(message.id);
	});
	const ask = (type, payload = {}) =>
		new Promise((resolve) => {
			const id = ++nextId;
			pending.set(id, resolve);
			child.send({ id, type, ...payload });
		});
	const { url } = await ask('start', { account, latencyMs, limits });
	return {
		url,
		stats: () => ask('stats', { appId: account.appId }),
		stop: () => {
			child.kill('SIGTERM');
		},
	};
}

async function runChild(root) {
	process.on('SIGTERM', () => process.exit(0));
	const { createRequire } = await import('node:module');
	const { join } = await import('node:path');
	const require = createRequire(join(root, 'package.json'));
	const { startFakeWeChat } = require(join(root, '.tmp/fake-wechat/index.js'));
	let fake;
	let elu;
	process.on('message', async (message) => {
		if (message.type === 'start') {
			fake = await startFakeWeChat({});
			const account = fake.addAccount(message.account);
			Object.assign(account.limits, message.limits ?? {});
			fake.setLatency(message.latencyMs);
			elu = performance.eventLoopUtilization();
			process.send({ id: message.id, url: fake.url });
		} else if (message.type === 'stats') {
			const account = fake.account(message.appId);
			const sends = fake.requestsTo('/cgi-bin/message/mass/send');
			const delivered = account.followers.reduce(
				(counts, openId) => {
					const n = account.deliveries(openId);
					counts[n === 0 ? 'none' : n === 1 ? 'once' : 'moreThanOnce']++;
					return counts;
				},
				{ none: 0, once: 0, moreThanOnce: 0 },
			);
			const busy = performance.eventLoopUtilization(elu);
			elu = performance.eventLoopUtilization();
			process.send({
				id: message.id,
				busyMs: busy.active,
				massSendCalls: sends.length,
				batchSizes: sends.map((entry) => entry.json?.touser?.length ?? 0),
				delivered,
			});
			fake.clearLog();
		}
	});
}

if (process.argv[2] === '--child') await runChild(process.argv[3]);
