/**
 * WeChat Trigger in a real n8n 2.41.1, driven the way WeChat's servers drive a callback URL in
 * safe mode (encrypted pushes, signed with the console Token).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { nodeOutput, readExecutions, waitForExecutions } from '../../scripts/lib/n8n.mjs';
import {
	massJobFinishedXml,
	textMessageXml,
	WeChatPusher,
} from '../../scripts/lib/wechat-push.mjs';
import { launchN8n, packageLoadReport, shutdown } from './support/instance.mjs';
import {
	APP_ID,
	callback,
	REPLY_WEBHOOK,
	replyWorkflow,
	REPORT_WEBHOOK,
	reportWorkflow,
} from './support/trigger-flows.mjs';

describe('WeChat Trigger in n8n 2.41.1 (safe mode)', () => {
	let n8n;
	let wechat;

	before(async () => {
		n8n = await launchN8n({
			name: 'trigger',
			credentials: [callback],
			workflows: [reportWorkflow, replyWorkflow],
			publish: [reportWorkflow.id, replyWorkflow.id],
			webhooks: [`${REPORT_WEBHOOK}/webhook`, `${REPLY_WEBHOOK}/webhook`],
		});
		const { token, encodingAesKey } = callback.data;
		wechat = new WeChatPusher(n8n.webhookUrl(REPORT_WEBHOOK, 'webhook'), {
			token,
			encodingAesKey,
			appId: APP_ID,
			mode: 'safe',
		});
	});

	after(() => shutdown(n8n));

	it('loads both nodes and both credentials of the community package without errors', () => {
		const report = packageLoadReport(n8n);
		assert.deepEqual(report.problems, []);
		assert.deepEqual(report.nodes, [
			'n8n-nodes-wechat-mass-message.weChatMassMessage',
			'n8n-nodes-wechat-mass-message.weChatMassMessageTool',
			'n8n-nodes-wechat-mass-message.weChatTrigger',
		]);
		assert.deepEqual(report.credentials, ['wechatCallbackApi', 'wechatOfficialAccountApi']);
	});

	it('answers the console URL check with the echostr and starts no execution', async () => {
		const answer = await wechat.verifyUrl('5308431093126417983');
		assert.equal(answer.status, 200);
		assert.equal(answer.body, '5308431093126417983');
		assert.equal(readExecutions(n8n, { workflowId: reportWorkflow.id }).length, 0);
	});

	it('refuses a URL check signed with another Token', async () => {
		const impostor = new WeChatPusher(wechat.callbackUrl, {
			token: 'notTheToken123',
			appId: APP_ID,
			mode: 'plaintext',
		});
		const answer = await impostor.verifyUrl('1234567890');
		assert.notEqual(answer.status, 200);
		assert.notEqual(answer.body, '1234567890');
	});

	it('decrypts a follower text message, answers success at once and runs the other branch', async () => {
		const answer = await wechat.push(
			textMessageXml({
				from: 'oFollowerText000000000001',
				content: '你好 n8n',
				msgId: '24500000000000000001',
			}),
		);
		assert.equal(answer.status, 200);
		assert.equal(answer.body, 'success');

		const [execution] = await waitForExecutions(n8n, { workflowId: reportWorkflow.id, count: 1 });
		assert.equal(execution?.status, 'success');
		const [item] = nodeOutput(execution, 'WeChat Trigger');
		assert.equal(item.MsgType, 'text');
		assert.equal(item.Content, '你好 n8n');
		assert.equal(item.MsgId, '24500000000000000001', 'a MsgId beyond 2^53 stays an exact string');
		assert.equal(item.FromUserName, 'oFollowerText000000000001');
		assert.equal(item.callback.encryption, 'safe');
		assert.deepEqual(nodeOutput(execution, 'Other Callback'), [{ type: 'text', text: '你好 n8n' }]);
		assert.equal(nodeOutput(execution, 'Broadcast Report'), undefined);
	});

	it('routes MASSSENDJOBFINISH to the report branch with its counts', async () => {
		const before = readExecutions(n8n, { workflowId: reportWorkflow.id }).length;
		const answer = await wechat.push(
			massJobFinishedXml({
				msgId: '3147483652',
				totalCount: 120,
				filterCount: 118,
				sentCount: 117,
				errorCount: 1,
			}),
		);
		assert.equal(answer.body, 'success');

		const executions = await waitForExecutions(n8n, {
			workflowId: reportWorkflow.id,
			count: before + 1,
		});
		const execution = executions.at(-1);
		assert.equal(execution.status, 'success');
		assert.deepEqual(nodeOutput(execution, 'Broadcast Report'), [
			{ msgId: '3147483652', status: 'send success', sent: 117, failed: 1 },
		]);
		assert.equal(nodeOutput(execution, 'Other Callback'), undefined);
	});

	it('runs a callback that WeChat retries three times only once', async () => {
		const before = readExecutions(n8n, { workflowId: reportWorkflow.id }).length;
		const push = wechat.preparePush(
			massJobFinishedXml({
				msgId: '3147483999',
				status: 'err(30003)',
				sentCount: 0,
				errorCount: 0,
			}),
		);
		const answers = [];
		for (let attempt = 0; attempt < 3; attempt++) answers.push(await wechat.send(push));
		assert.deepEqual(
			answers.map((answer) => [answer.status, answer.body]),
			[
				[200, 'success'],
				[200, 'success'],
				[200, 'success'],
			],
		);

		await waitForExecutions(n8n, { workflowId: reportWorkflow.id, count: before + 1 });
		await sleep(1500);
		const reports = readExecutions(n8n, { workflowId: reportWorkflow.id })
			.slice(before)
			.map((execution) => nodeOutput(execution, 'Broadcast Report')?.[0]?.msgId);
		assert.deepEqual(reports, ['3147483999']);
	});

	it('refuses a push whose msg_signature does not match, without running the workflow', async () => {
		const before = readExecutions(n8n, { workflowId: reportWorkflow.id }).length;
		const push = wechat.preparePush(
			textMessageXml({ from: 'oForger', content: 'forged', msgId: '24500000000000000777' }),
		);
		const forged = new URL(push.url);
		forged.searchParams.set('msg_signature', '0'.repeat(40));
		const answer = await wechat.send({ ...push, url: forged.toString() });
		assert.notEqual(answer.status, 200);
		await sleep(1000);
		assert.equal(readExecutions(n8n, { workflowId: reportWorkflow.id }).length, before);
	});

	it('answers a text message with an encrypted passive reply that WeChat can open, within 5 s', async () => {
		const follower = 'oFollowerReply00000000001';
		const replier = new WeChatPusher(n8n.webhookUrl(REPLY_WEBHOOK, 'webhook'), {
			token: callback.data.token,
			encodingAesKey: callback.data.encodingAesKey,
			appId: APP_ID,
		});
		const answer = await replier.push(
			textMessageXml({ from: follower, content: '今天几点开门?', msgId: '24500000000000000555' }),
		);
		assert.equal(answer.status, 200);
		assert.ok(answer.ms < 5000, `WeChat gives up after 5 s; this took ${Math.round(answer.ms)} ms`);

		const reply = await replier.openReply(answer.body);
		assert.equal(reply.kind, 'encrypted');
		assert.equal(reply.fields.ToUserName, follower);
		assert.equal(reply.fields.FromUserName, 'gh_sandbox000001');
		assert.equal(reply.fields.MsgType, 'text');
		assert.equal(reply.fields.Content, 'You said: 今天几点开门?');
		assert.ok(
			Math.abs(Number(reply.timeStamp) - Date.now() / 1000) < 60,
			'TimeStamp is the current time',
		);

		const [execution] = await waitForExecutions(n8n, { workflowId: replyWorkflow.id, count: 1 });
		assert.equal(execution.status, 'success');
	});
});
