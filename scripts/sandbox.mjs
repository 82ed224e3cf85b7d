#!/usr/bin/env node
/**
 * `npm run sandbox`: a local n8n with this package, talking to the fake WeChat API.
 *
 * Builds and packs the package, provides Node 24 and n8n 2.41.1 when missing, starts the fake
 * WeChat API with a seeded account, and starts n8n (embedded SQLite, folder .tmp/sandbox/n8n)
 * with the package installed as a community package, sandbox credentials and the example
 * workflows. The fake's finished mass jobs are pushed back to the WeChat Trigger as WeChat would.
 * Ctrl-C stops everything it started.
 *
 * Ports: n8n 5688, fake WeChat 5689 (SANDBOX_N8N_PORT / SANDBOX_WECHAT_PORT to change).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ensureRuntime } from './ensure-runtime.mjs';
import {
	loadExamples,
	sandboxCredentials,
	SANDBOX_CALLBACK_CREDENTIAL,
	webhookPaths,
} from './lib/examples.mjs';
import {
	createN8n,
	importCredentials,
	importWorkflow,
	ownerEnv,
	publishWorkflow,
	startN8n,
	stopN8n,
	waitForWebhook,
} from './lib/n8n.mjs';
import { spawnGroup, stopAll } from './lib/processes.mjs';
import { formatDuration, say } from './lib/progress.mjs';
import { buildAndPack, buildFake, FAKE_BUILD_DIR, installDependencies } from './lib/project.mjs';
import { N8N_CURRENT, nodeBin, workRoot } from './lib/runtime.mjs';

const SCOPE = 'sandbox';
const N8N_PORT = Number(process.env.SANDBOX_N8N_PORT || 5688);
const WECHAT_PORT = Number(process.env.SANDBOX_WECHAT_PORT || 5689);
const SANDBOX_DIR = join(workRoot(), 'sandbox');
const USER_FOLDER = join(SANDBOX_DIR, 'n8n');
const STATE_FILE = join(SANDBOX_DIR, 'state.json');

const ACCOUNT = {
	appId: 'wxsandbox0appid0001',
	appSecret: 'sandbox0secret0000000000000000001',
	originalId: 'gh_sandbox000001',
};
const CALLBACK = {
	token: 'sandboxCallbackToken',
	encodingAesKey: 'SandboxEncodingAESKeyForLocalTestsOnly00000',
};
const OWNER = { email: 'sandbox@example.com', password: 'WeChat-Sandbox-1' };

const started = Date.now();

async function startFakeWeChat() {
	const child = spawnGroup(
		nodeBin(),
		[
			join(FAKE_BUILD_DIR, 'cli.js'),
			'--port',
			String(WECHAT_PORT),
			'--app-id',
			ACCOUNT.appId,
			'--app-secret',
			ACCOUNT.appSecret,
			'--followers',
			'1000',
			'--tags',
			'Newsletter Subscribers:300,VIP Customers:100,Beta Testers:20',
			'--seed',
			'sandbox',
			'--quirk',
			'jobFinishDelayMs=3000',
		],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const deadline = Date.now() + 15_000;
	while (!/\n\{.*\}\n/s.test(output)) {
		if (child.exitCode !== null) throw new Error(`the fake WeChat API did not start:\n${output}`);
		if (Date.now() > deadline)
			throw new Error(`the fake WeChat API printed nothing useful:\n${output}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	const seed = JSON.parse(output.split('\n').find((line) => line.startsWith('{')));
	return { child, seed };
}

/** The n8n folder is kept between runs; it is rebuilt when what gets imported changes. */
function prepareFolder(workflows, credentials) {
	const fingerprint = createHash('sha256')
		.update(JSON.stringify({ workflows, credentials, n8n: N8N_CURRENT }))
		.digest('hex');
	let state = {};
	if (existsSync(STATE_FILE)) state = JSON.parse(readFileSync(STATE_FILE, 'utf8'));
	const fresh =
		state.fingerprint !== fingerprint || !existsSync(join(USER_FOLDER, '.n8n', 'database.sqlite'));
	if (fresh) {
		rmSync(USER_FOLDER, { recursive: true, force: true });
		mkdirSync(USER_FOLDER, { recursive: true });
	}
	return { fresh, save: () => writeFileSync(STATE_FILE, JSON.stringify({ fingerprint }, null, 2)) };
}

async function followerSample(fakeUrl, count) {
	const { access_token: token } = await fetch(`${fakeUrl}/cgi-bin/stable_token`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			grant_type: 'client_credential',
			appid: ACCOUNT.appId,
			secret: ACCOUNT.appSecret,
		}),
	}).then((response) => response.json());
	const page = await fetch(`${fakeUrl}/cgi-bin/user/get?access_token=${token}`).then((r) =>
		r.json(),
	);
	return page.data.openid.slice(0, count);
}

function banner({ n8n, fakeUrl, seed, examples, openIds }) {
	const byId = (id) => examples.find((example) => example.workflow.id === id)?.workflow;
	const crm = byId('exCrmEventBroadcast');
	const crmPath = crm ? webhookPaths(crm)[0] : 'crm-event';
	const customers = openIds.map((openid, index) => ({
		name: `Customer ${index + 1}`,
		wechatOpenId: openid,
	}));
	const body = JSON.stringify({
		eventId: `evt-${Date.now()}`,
		message: 'Hello from the sandbox CRM',
		customers,
	});
	const lines = [
		'',
		'────────────────────────────────────────────────────────────────────────────',
		` n8n ${N8N_CURRENT} with n8n-nodes-wechat-mass-message is running`,
		'',
		` Editor:        ${n8n.baseUrl}`,
		` Log in with:   ${OWNER.email} / ${OWNER.password}   (local sandbox only)`,
		` Fake WeChat:   ${fakeUrl}  (AppID ${seed.appId}, ${seed.followers} followers,`,
		`                tags ${seed.tags.map((tag) => `${tag.id} ${tag.name}`).join(', ')})`,
		'',
		' Try:',
		'  1. Open "Weekly newsletter to a tag", click Execute workflow: the draft article goes to',
		'     tag 100. About 3 s later the fake reports the finished job to the WeChat Trigger, and',
		'     "Broadcast report from MASSSENDJOBFINISH" shows the summary under Executions.',
		'  2. Post a CRM event to the "CRM event → broadcast" workflow:',
		`     curl -s -X POST ${n8n.baseUrl}/webhook/${crmPath} \\`,
		`       -H 'content-type: application/json' -d '${body}'`,
		'  3. Open a WeChat Mass Message node and try other operations (Audience → List Tags,',
		'     Mass Message → Get Status with the msg_id from step 1).',
		'',
		` What the fake received: ${fakeUrl}/__fake/log?path=/cgi-bin/message/mass/sendall`,
		` Press Ctrl-C to stop n8n and the fake WeChat API.`,
		'────────────────────────────────────────────────────────────────────────────',
		'',
	];
	console.log(lines.join('\n'));
}

async function main() {
	say(SCOPE, 'preparing Node 24 and n8n (the first run installs them into the cache)');
	await ensureRuntime({ nodeOnly: true });
	// n8n takes minutes to install on a new machine; the package build does not need it.
	const runtime = ensureRuntime().then(
		() => undefined,
		(error) => error,
	);
	await installDependencies(SCOPE);
	say(SCOPE, 'building the package');
	const tarball = await buildAndPack(SCOPE);
	await buildFake();
	const runtimeError = await runtime;
	if (runtimeError) throw runtimeError;
	// These use dev dependencies (wechat-crypto, xml2js), present only after installDependencies.
	const { startCallbackRelay } = await import('./lib/callback-relay.mjs');
	const { WeChatPusher } = await import('./lib/wechat-push.mjs');

	const { seed } = await startFakeWeChat();
	const fakeUrl = seed.url;
	say(SCOPE, `fake WeChat API on ${fakeUrl}`);

	const credentials = sandboxCredentials({
		baseUrl: fakeUrl,
		appId: ACCOUNT.appId,
		appSecret: ACCOUNT.appSecret,
		callbackToken: CALLBACK.token,
		encodingAesKey: CALLBACK.encodingAesKey,
	});
	const examples = loadExamples({ draftMediaId: seed.draftMediaId });
	const workflows = examples.map((example) => example.workflow);
	const folder = prepareFolder(workflows, credentials);

	const n8n = await createN8n({
		userFolder: USER_FOLDER,
		tarball,
		port: N8N_PORT,
		env: ownerEnv(N8N_CURRENT, OWNER),
	});
	if (folder.fresh) {
		say(
			SCOPE,
			`first start: importing the sandbox credentials and ${workflows.length} example workflows`,
		);
		await importCredentials(n8n, credentials);
		await importWorkflow(n8n, workflows);
		for (const workflow of workflows) {
			if (webhookPaths(workflow).length > 0) await publishWorkflow(n8n, workflow.id);
		}
		folder.save();
	}

	say(SCOPE, `starting n8n on ${n8n.baseUrl}`);
	await startN8n(n8n);
	for (const workflow of workflows) {
		for (const path of webhookPaths(workflow)) await waitForWebhook(n8n, path);
	}

	const report = workflows.find((workflow) => workflow.id === 'exBroadcastReport01');
	const relay = report
		? startCallbackRelay({
				fakeUrl,
				appId: ACCOUNT.appId,
				accountId: ACCOUNT.originalId,
				pusher: new WeChatPusher(`${n8n.baseUrl}/webhook/${webhookPaths(report)[0]}`, {
					token: CALLBACK.token,
					encodingAesKey: CALLBACK.encodingAesKey,
					appId: ACCOUNT.appId,
				}),
				onPush: (job, answer) => {
					if (job)
						say(
							SCOPE,
							`WeChat → trigger: MASSSENDJOBFINISH for msg_id ${job.msgId} (${answer.status} ${answer.body})`,
						);
				},
			})
		: undefined;

	banner({ n8n, fakeUrl, seed, examples, openIds: await followerSample(fakeUrl, 3) });
	say(
		SCOPE,
		`ready in ${formatDuration(Date.now() - started)} (credential used by the trigger: ${SANDBOX_CALLBACK_CREDENTIAL.name})`,
	);

	let stopping = false;
	await new Promise((resolve) => {
		for (const signal of ['SIGINT', 'SIGTERM']) process.removeAllListeners(signal);
		process.once('SIGINT', resolve);
		process.once('SIGTERM', resolve);
		n8n.process.exited.then(() => {
			if (!stopping) say(SCOPE, `n8n stopped unexpectedly; see ${n8n.logFile}`);
			resolve();
		});
	});
	stopping = true;
	say(SCOPE, 'stopping n8n and the fake WeChat API');
	await relay?.stop();
	await stopN8n(n8n);
	await stopAll(5000);
}

main().catch(async (error) => {
	console.error(`[${SCOPE}] ${error.message}`);
	await stopAll(5000);
	process.exit(1);
});
