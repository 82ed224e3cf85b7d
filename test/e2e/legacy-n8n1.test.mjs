/**
 * Load-and-run smoke test in the last n8n 1.x line (1.123.x, on Node 24): the package installs as
 * a community package, a manual Send to Tag reaches WeChat, and the WeChat Trigger answers the
 * URL check and runs on a safe-mode push.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import {
	executeWorkflow,
	nodeOutput,
	publishWorkflow,
	readExecutions,
	startN8n,
	waitForExecutions,
	waitForWebhook,
} from '../../scripts/lib/n8n.mjs';
import { N8N_LEGACY } from '../../scripts/lib/runtime.mjs';
import {
	randomEncodingAesKey,
	textMessageXml,
	WeChatPusher,
} from '../../scripts/lib/wechat-push.mjs';
import { launchN8n, packageLoadReport, shutdown, startFake } from './support/instance.mjs';
import {
	callbackCredential,
	manualTrigger,
	officialAccountCredential,
	weChatAction,
	weChatTrigger,
	workflow,
} from './support/workflows.mjs';

const APP_ID = 'wxe2elegacy00000001';
const APP_SECRET = 'e2eLegacySecret00000000000000001';
const TRIGGER_WEBHOOK = '0c1d2e3f-0000-4000-8000-0000000001a1';

describe(`n8n ${N8N_LEGACY} (1.x) smoke test`, () => {
	let fake;
	let n8n;
	let wechat;
	const official = officialAccountCredential({
		id: 'e2eLegacyOfficial',
		appId: APP_ID,
		appSecret: APP_SECRET,
	});
	const callback = callbackCredential({
		id: 'e2eLegacyCallback',
		token: 'legacyToken2024',
		encodingAesKey: randomEncodingAesKey(),
		appId: APP_ID,
	});
	const sendFlow = workflow({
		id: 'e2eLegacySend0001',
		name: 'Legacy: text to tag',
		nodes: [
			manualTrigger(),
			weChatAction(
				'Send to Tag',
				{
					resource: 'massMessage',
					operation: 'sendToTag',
					tagId: 100,
					messageType: 'text',
					text: 'Hello from n8n 1.x',
				},
				official,
			),
		],
		links: [['Manual', 'Send to Tag']],
	});
	const triggerFlow = workflow({
		id: 'e2eLegacyTrigger1',
		name: 'Legacy: WeChat Trigger',
		nodes: [
			weChatTrigger(
				'WeChat Trigger',
				{ events: ['*'], respond: 'immediately' },
				callback,
				TRIGGER_WEBHOOK,
			),
		],
		links: [],
	});

	before(async () => {
		fake = await startFake();
		fake
			.addAccount({ appId: APP_ID, appSecret: APP_SECRET, followers: 20 })
			.addTag({ id: 100, name: 'VIP', members: 5 });
		official.data.baseUrl = fake.url;
		n8n = await launchN8n({
			name: 'legacy',
			version: N8N_LEGACY,
			credentials: [official, callback],
			workflows: [sendFlow, triggerFlow],
			start: false,
		});
	});

	after(async () => {
		await shutdown(n8n);
		await fake?.close();
	});

	it('runs Send to Tag from the CLI and WeChat receives one sendall', async () => {
		const result = await executeWorkflow(n8n, sendFlow.id);
		assert.ok(result.ok, result.error);
		const [sendall, ...more] = fake.requestsTo('/cgi-bin/message/mass/sendall', APP_ID);
		assert.equal(more.length, 0);
		assert.deepEqual(sendall.json.filter, { is_to_all: false, tag_id: 100 });
		assert.equal(sendall.response.errcode, 0);
		const [execution] = readExecutions(n8n, { workflowId: sendFlow.id });
		assert.equal(execution.status, 'success');
		assert.equal(nodeOutput(execution, 'Send to Tag')[0].status, 'sent');
	});

	it('loads both nodes and credentials at start and serves the WeChat Trigger', async () => {
		await publishWorkflow(n8n, triggerFlow.id);
		await startN8n(n8n);
		await waitForWebhook(n8n, `${TRIGGER_WEBHOOK}/webhook`);

		const report = packageLoadReport(n8n);
		assert.deepEqual(report.problems, []);
		assert.ok(report.nodes.includes('n8n-nodes-wechat-mass-message.weChatMassMessage'));
		assert.ok(report.nodes.includes('n8n-nodes-wechat-mass-message.weChatTrigger'));
		assert.deepEqual(report.credentials, ['wechatCallbackApi', 'wechatOfficialAccountApi']);

		wechat = new WeChatPusher(n8n.webhookUrl(TRIGGER_WEBHOOK, 'webhook'), {
			token: callback.data.token,
			encodingAesKey: callback.data.encodingAesKey,
			appId: APP_ID,
		});
		const check = await wechat.verifyUrl('8842201');
		assert.deepEqual([check.status, check.body], [200, '8842201']);

		const push = await wechat.push(
			textMessageXml({
				from: 'oLegacyFollower0000000001',
				content: 'hi 1.x',
				msgId: '24500000000000000042',
			}),
		);
		assert.deepEqual([push.status, push.body], [200, 'success']);
		const [execution] = await waitForExecutions(n8n, { workflowId: triggerFlow.id, count: 1 });
		assert.equal(execution.status, 'success');
		assert.equal(nodeOutput(execution, 'WeChat Trigger')[0].Content, 'hi 1.x');
	});
});
