/**
 * Token benchmark: how many stable_token fetches WeChat sees for 1,000 executions of Get Access
 * Token (50 at a time, one n8n process, one token lifetime, empty stored token), and what a
 * third-party rotation halfway through costs. Counts come from the fake WeChat's own per-account
 * counter, not from the package.
 *
 * Needs `npm run build` (dist/) and `npx tsc -p test/fake-wechat/tsconfig.build.json`
 * (.tmp/fake-wechat/). Progress goes to stderr; the last stdout line is the result JSON.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadHarness } from './lib/harness.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXECUTIONS = 1000;
const CONCURRENCY = 50;
const ROTATE_AFTER = 500;
const APP_ID = 'wx0bench00000000001';
const APP_SECRET = 'bench-app-secret-3c9f2e71d5a8';

for (const required of ['.tmp/bench-build/test/harness/runWorkflow.js', '.tmp/fake-wechat/index.js']) {
	if (!existsSync(join(ROOT, required))) {
		console.error(
			`Missing ${required}: run \`npm run bench\` (it compiles the harness and the fake WeChat API).`,
		);
		process.exit(2);
	}
}

const harness = loadHarness(ROOT);

/** A fresh fake WeChat, one account, and a credential store whose token is still empty. */
async function freshWorld() {
	harness.resetTokenMemory();
	const fake = await harness.startFakeWeChat({ seed: 'token-bench' });
	const account = fake.addAccount({ appId: APP_ID, appSecret: APP_SECRET });
	const credentials = new harness.MemoryCredentialsHelper();
	credentials.put('bench', harness.CREDENTIAL_TYPE, {
		appId: APP_ID,
		appSecret: APP_SECRET,
		baseUrl: fake.url,
		accessToken: '',
	});
	return { fake, account, credentials };
}

async function getAccessToken(world) {
	const result = await harness.runNode({
		credentials: world.credentials,
		credentialId: 'bench',
		parameters: { resource: 'token', operation: 'getAccessToken' },
	});
	const ok = !result.error && typeof result.output[0]?.json?.accessToken === 'string';
	return { ok, message: result.error?.message };
}

/** Runs `total` executions with `concurrency` in flight; `afterEach(done)` runs as each ends. */
async function pool(total, concurrency, run, afterEach) {
	let started = 0;
	let done = 0;
	const worker = async () => {
		while (started < total) {
			started++;
			const outcome = await run();
			done++;
			afterEach(done, outcome);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
}

async function steadyState() {
	const world = await freshWorld();
	const failures = [];
	const began = performance.now();
	await pool(
		EXECUTIONS,
		CONCURRENCY,
		() => getAccessToken(world),
		(_done, outcome) => {
			if (!outcome.ok) failures.push(outcome.message);
		},
	);
	const ms = performance.now() - began;
	const probes = world.fake.requestsTo('/cgi-bin/get_api_domain_ip').length;
	const fetches = world.account.stableTokenCalls;
	await world.fake.close();
	console.error(
		`steady: ${EXECUTIONS} executions in ${ms.toFixed(0)} ms, ${probes} business calls, ${fetches} token fetches, ${failures.length} failed`,
	);
	if (failures.length > 0) console.error(`  first failure: ${failures[0]}`);
	return { fetches, failures: failures.length };
}

async function rotationMidRun() {
	const world = await freshWorld();
	let fetchesBeforeRotation;
	let failuresBeforeRotation = 0;
	const failures = [];
	await pool(
		EXECUTIONS,
		CONCURRENCY,
		() => getAccessToken(world),
		(done, outcome) => {
			if (!outcome.ok) {
				failures.push(outcome.message);
				if (fetchesBeforeRotation === undefined) failuresBeforeRotation++;
			}
			if (done === ROTATE_AFTER) {
				fetchesBeforeRotation = world.account.stableTokenCalls;
				world.account.rotateStableToken();
			}
		},
	);
	const fetchesAfterRotation = world.account.stableTokenCalls - fetchesBeforeRotation;
	const forced = world.account.stableTokenForced;
	await world.fake.close();
	console.error(
		`rotation: ${fetchesBeforeRotation} fetches before, ${fetchesAfterRotation} after, ${forced} forced by us, ${failures.length} failed (${failuresBeforeRotation} before the rotation)`,
	);
	if (failures.length > 0) console.error(`  first failure: ${failures[0]}`);
	return { fetchesAfterRotation, failedAfterRotation: failures.length - failuresBeforeRotation };
}

const steady = await steadyState();
const rotation = await rotationMidRun();

console.log(
	JSON.stringify({
		token: {
			fetchesPer1000Executions: steady.fetches,
			fetchesAfterRotation: rotation.fetchesAfterRotation,
			failedExecutionsAfterRotation: rotation.failedAfterRotation,
		},
	}),
);
