/**
 * Send to OpenID List with 1,000,000 OpenIDs from 1,000,000 input items, against the fake
 * WeChat API in its own process with a fixed latency per request.
 *   massSend.callsFor1MOpenIds      mass/send requests the fake received (target 100)
 *   massSend.extraRssMbFor1MOpenIds peak RSS during the send − RSS once the items exist (< 100)
 *   massSend.nodeOverheadMsPerBatch (wall time − requests × injected latency − the fake's own
 *                                   processing time) / requests (< 20): what the node and n8n's
 *                                   HTTP layer add per batch; the fake's processing (its event-loop
 *                                   busy time, measured in its process) is WeChat's share.
 *   massSend.wallMsPerBatch, massSend.fakeProcessingMsPerBatch: the raw parts of that figure.
 * Wall time and the RSS baseline are taken when the node's execute() starts, after n8n's engine
 * has copied the input items with their pairedItem lineage (n8n's cost, shown on stderr).
 * Run with --expose-gc so the baseline is taken after a full collection.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadHarness } from './lib/harness.mjs';
import { startFakeProcess } from './lib/fakeProcess.mjs';
import { startRssSampler } from './lib/rssSampler.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OPENIDS = 1_000_000;
const LATENCY_MS = 20;
const APP = { appId: 'wxbench00000000001', appSecret: 'bench-secret-000000000000000001' };

const probe = { armed: false };
const round2 = (value) => Math.round(value * 100) / 100;
const harness = loadHarness(ROOT, {
	onNodeStart: async () => {
		if (!probe.armed) return;
		globalThis.gc?.();
		probe.baseline = process.memoryUsage.rss();
		probe.sampler.reset();
		probe.started = performance.now();
	},
	onNodeEnd: async () => {
		if (!probe.armed) return;
		probe.wallMs = performance.now() - probe.started;
		probe.peak = await probe.sampler.peak();
	},
});
const { generateOpenIds } = await import(join(ROOT, '.tmp/fake-wechat/index.js')).then((m) => m.default ?? m);
const fake = await startFakeProcess(ROOT, { ...APP, type: 'service', verified: true, followers: OPENIDS }, {
	latencyMs: LATENCY_MS,
	// The benchmark sends 101 requests; a real service account gets 100 mass calls a day.
	limits: { massApiPerDay: 1000, massApiPerMinute: 100000 },
});

try {
	const credentials = new harness.MemoryCredentialsHelper();
	credentials.put('bench', harness.CREDENTIAL_TYPE, { ...APP, baseUrl: fake.url, accessToken: '' });
	const parameters = {
		resource: 'massMessage',
		operation: 'sendToOpenIds',
		recipientsFrom: 'field',
		openIdField: 'openid',
		messageType: 'text',
		text: 'Benchmark broadcast',
	};

	// Warm the token and the code paths on a small list first.
	const warm = generateOpenIds(APP.appId, 20);
	await harness.runNode({ credentials, credentialId: 'bench', parameters: { ...parameters, text: 'warm-up' }, items: warm.map((openid) => ({ json: { openid } })) });
	await fake.stats();

	// Items as n8n holds them after a webhook or an HTTP call: parsed from JSON text. (The fake's
	// generator returns slices of one large string, which are slower to serialise than the flat
	// strings JSON.parse produces and would misstate the node's cost.)
	// Parsed one row at a time, so that no large garbage inflates the RSS baseline.
	let items = generateOpenIds(APP.appId, OPENIDS).map((openid, row) => ({
		json: JSON.parse(`{"openid":"${openid}","row":${row}}`),
	}));
	globalThis.gc?.();
	globalThis.gc?.();
	const itemsRss = process.memoryUsage.rss();
	probe.sampler = startRssSampler();
	await new Promise((resolve) => setTimeout(resolve, 50));
	probe.armed = true;

	const runStarted = performance.now();
	const { output, error } = await harness.runNode({ credentials, credentialId: 'bench', parameters, items });
	const runMs = performance.now() - runStarted;
	probe.sampler.stop();
	if (error) throw error;
	const { baseline, peak, wallMs } = probe;

	const stats = await fake.stats();
	const calls = stats.massSendCalls;
	const result = {
		massSend: {
			callsFor1MOpenIds: calls,
			extraRssMbFor1MOpenIds: Math.round(((peak - baseline) / 1024 / 1024) * 10) / 10,
			nodeOverheadMsPerBatch: round2((wallMs - calls * LATENCY_MS - stats.busyMs) / calls),
			wallMsPerBatch: round2(wallMs / calls),
			fakeProcessingMsPerBatch: round2(stats.busyMs / calls),
		},
	};
	console.error(
		`mass bench: ${calls} calls, wall ${Math.round(wallMs)} ms, latency ${LATENCY_MS} ms/call, ` +
			`RSS with items ${Math.round(itemsRss / 1048576)} MB, at node start ${Math.round(baseline / 1048576)} MB (n8n's engine copies the items with pairedItem lineage), ` +
			`peak ${Math.round(peak / 1048576)} MB, whole run ${Math.round(runMs)} ms, ` +
			`fake busy ${Math.round(stats.busyMs)} ms, status ${output[0]?.json?.status}, delivered ${JSON.stringify(stats.delivered)}`,
	);
	items = undefined;
	console.log(JSON.stringify(result));
} finally {
	fake.stop();
}
