/**
 * End-to-end benchmark: the WeChat Trigger (safe mode: signature check, AES decryption, XML
 * parsing, dedup) against n8n's built-in Webhook node, in the same real n8n 2.41.1, under the
 * same bounded load from an undici client on loopback. Both workflows consist of the trigger
 * alone and answer at once, so the difference is what the trigger does per callback.
 *
 * Rounds alternate between the two targets, and each round waits until n8n has stored every
 * execution of the one before, so background work of one target does not slow the other.
 *
 * It runs twice: with n8n's defaults (the headline figures), and with N8N_EXPRESSION_ENGINE=legacy
 * (under `legacyExpressionEngine`). n8n 2.x evaluates expressions in isolated-vm isolates by
 * default and skips acquiring one for the webhook phase only when the start node is its own
 * Webhook node, so every other trigger, ours included, waits for an isolate per request.
 * Progress goes to stderr; the last stdout line is
 *   {"e2e":{"triggerVsWebhookThroughputRatio":…,"triggerP99Ms":…,…}}
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

import { nodeBin } from '../scripts/lib/runtime.mjs';

const NEEDS_NODE = 24;
if (Number(process.versions.node.split('.')[0]) < NEEDS_NODE) {
	const { ensureRuntime } = await import('../scripts/ensure-runtime.mjs');
	await ensureRuntime({ nodeOnly: true });
	const child = spawnSync(nodeBin(), process.argv.slice(1), { stdio: 'inherit' });
	process.exit(child.status ?? 1);
}

const { Pool } = await import('undici');
const { ensureRuntime } = await import('../scripts/ensure-runtime.mjs');
const { buildAndPack } = await import('../scripts/lib/project.mjs');
const { workRoot } = await import('../scripts/lib/runtime.mjs');
const { rmSync } = await import('node:fs');
const n8nLib = await import('../scripts/lib/n8n.mjs');
const { randomEncodingAesKey, textMessageXml, WeChatPusher } = await import(
	'../scripts/lib/wechat-push.mjs'
);
const { join } = await import('node:path');

const REQUESTS_PER_ROUND = Number(process.env.E2E_BENCH_REQUESTS || 200);
const ROUNDS = Number(process.env.E2E_BENCH_ROUNDS || 3);
const CONCURRENCY = Number(process.env.E2E_BENCH_CONCURRENCY || 4);
const WARMUP = 50;

const APP_ID = 'wxbench000000000001';
const TOKEN = 'benchCallbackToken';
const AES_KEY = randomEncodingAesKey();
const TRIGGER_WEBHOOK = 'be0c4000-0000-4000-8000-0000000be0c4';
const WEBHOOK_PATH = 'bench-webhook';

const log = (message) => process.stderr.write(`[bench:e2e] ${message}\n`);

function flows() {
	const trigger = {
		id: 'benchWeChatTrigger',
		name: 'Bench: WeChat Trigger',
		nodes: [
			{
				id: 'trigger',
				name: 'WeChat Trigger',
				type: 'n8n-nodes-wechat-mass-message.weChatTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: TRIGGER_WEBHOOK,
				parameters: { events: ['*'], respond: 'immediately', options: {} },
				credentials: { wechatCallbackApi: { id: 'benchCallbackCred', name: 'Bench callback' } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
	const webhook = {
		id: 'benchPlainWebhook',
		name: 'Bench: Webhook node',
		nodes: [
			{
				id: 'webhook',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'be0c4000-0000-4000-8000-0000000be0c5',
				parameters: {
					httpMethod: 'POST',
					path: WEBHOOK_PATH,
					responseMode: 'onReceived',
					options: {},
				},
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
	return { trigger, webhook };
}

/** Distinct callbacks (distinct MsgIds, so dedup never short-cuts one), encrypted up front. */
function preparePushes(pusher, count, round) {
	return Array.from({ length: count }, (_, index) =>
		pusher.preparePush(
			textMessageXml({
				from: 'oBenchFollower00000000001',
				content: `bench message ${round}-${index}`,
				msgId: String(24_500_000_000_000_000_000n + BigInt(round * 1_000_000 + index)),
			}),
		),
	);
}

/** Sends the requests with at most CONCURRENCY in flight; returns wall time and latencies. */
async function drive(pool, requests) {
	const latencies = new Array(requests.length);
	let next = 0;
	let failures = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			while (next < requests.length) {
				const index = next++;
				const { path, body } = requests[index];
				const sent = performance.now();
				const response = await pool.request({
					method: 'POST',
					path,
					headers: { 'content-type': 'text/xml' },
					body,
				});
				await response.body.text();
				latencies[index] = performance.now() - sent;
				if (response.statusCode !== 200) failures += 1;
			}
		}),
	);
	return { ms: performance.now() - started, latencies, failures };
}

async function settle(instance, workflowId, expected) {
	const deadline = Date.now() + 120_000;
	while (n8nLib.countExecutions(instance, workflowId).done < expected) {
		if (Date.now() > deadline)
			throw new Error(`n8n did not finish ${expected} executions of ${workflowId}`);
		await sleep(200);
	}
}

function percentile(values, p) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(tarball, label, extraEnv) {
	const { trigger, webhook } = flows();
	const instance = await n8nLib.createN8n({
		workDir: join(workRoot(), 'bench'),
		tarball,
		name: 'e2e-bench',
		env: extraEnv,
	});
	try {
		await n8nLib.importCredentials(instance, {
			id: 'benchCallbackCred',
			name: 'Bench callback',
			type: 'wechatCallbackApi',
			data: { token: TOKEN, encryptionMode: 'safe', encodingAesKey: AES_KEY, appId: APP_ID },
		});
		await n8nLib.importWorkflow(instance, [trigger, webhook]);
		await n8nLib.publishWorkflow(instance, trigger.id);
		await n8nLib.publishWorkflow(instance, webhook.id);
		log(`${label}: starting n8n`);
		await n8nLib.startN8n(instance);
		await n8nLib.waitForWebhook(instance, `${TRIGGER_WEBHOOK}/webhook`);
		await n8nLib.waitForWebhook(instance, WEBHOOK_PATH);

		const pusher = new WeChatPusher(`${instance.baseUrl}/webhook/${TRIGGER_WEBHOOK}/webhook`, {
			token: TOKEN,
			encodingAesKey: AES_KEY,
			appId: APP_ID,
		});
		const pool = new Pool(instance.baseUrl, { connections: CONCURRENCY, pipelining: 1 });
		const asRequests = (pushes, target) =>
			pushes.map((push) => {
				const url = new URL(push.url);
				return {
					path: target === 'trigger' ? `${url.pathname}${url.search}` : `/webhook/${WEBHOOK_PATH}`,
					body: push.body,
				};
			});

		const sent = { trigger: 0, webhook: 0 };
		const totals = {
			trigger: { ms: 0, count: 0, latencies: [] },
			webhook: { ms: 0, count: 0, latencies: [] },
		};
		for (let round = 0; round <= ROUNDS; round++) {
			const count = round === 0 ? WARMUP : REQUESTS_PER_ROUND;
			const order = round % 2 === 0 ? ['trigger', 'webhook'] : ['webhook', 'trigger'];
			for (const target of order) {
				const requests = asRequests(
					preparePushes(pusher, count, round * 2 + (target === 'trigger' ? 0 : 1)),
					target,
				);
				const result = await drive(pool, requests);
				if (result.failures > 0)
					throw new Error(`${result.failures} ${target} requests were not answered 200`);
				sent[target] += count;
				await settle(instance, target === 'trigger' ? trigger.id : webhook.id, sent[target]);
				if (round === 0) continue;
				totals[target].ms += result.ms;
				totals[target].count += count;
				totals[target].latencies.push(...result.latencies);
				log(
					`${label}: round ${round} ${target}: ${Math.round((count / result.ms) * 1000)} req/s, ` +
						`p50 ${percentile(result.latencies, 50).toFixed(1)} ms, p99 ${percentile(result.latencies, 99).toFixed(1)} ms`,
				);
			}
		}
		await pool.close();

		const throughput = (target) => (totals[target].count / totals[target].ms) * 1000;
		const figures = {
			triggerVsWebhookThroughputRatio: Number(
				(throughput('trigger') / throughput('webhook')).toFixed(3),
			),
			triggerP99Ms: Number(percentile(totals.trigger.latencies, 99).toFixed(1)),
			triggerP50Ms: Number(percentile(totals.trigger.latencies, 50).toFixed(1)),
			triggerRequestsPerSecond: Math.round(throughput('trigger')),
			webhookRequestsPerSecond: Math.round(throughput('webhook')),
			webhookP99Ms: Number(percentile(totals.webhook.latencies, 99).toFixed(1)),
			concurrency: CONCURRENCY,
			requestsPerTarget: totals.trigger.count,
		};
		log(`${label}: ${JSON.stringify(figures)}`);
		return figures;
	} finally {
		await n8nLib.stopN8n(instance);
		rmSync(instance.userFolder, { recursive: true, force: true });
	}
}

async function main() {
	await ensureRuntime();
	log('building and packing the package');
	const tarball = await buildAndPack('bench:e2e');
	const extraEnv = process.env.E2E_BENCH_N8N_ENV ? JSON.parse(process.env.E2E_BENCH_N8N_ENV) : {};
	const defaults = await measure(tarball, 'n8n defaults', extraEnv);
	const legacy = await measure(tarball, 'N8N_EXPRESSION_ENGINE=legacy', {
		...extraEnv,
		N8N_EXPRESSION_ENGINE: 'legacy',
	});
	process.stdout.write(
		`${JSON.stringify({ e2e: { ...defaults, legacyExpressionEngine: legacy } })}\n`,
	);
}

main().catch((error) => {
	log(error.stack ?? String(error));
	process.exit(1);
});
