/**
 * The example workflows shipped in examples/, imported unchanged (placeholders filled for the
 * fake account) into a real n8n 2.41.1 and run the way their triggers run them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import {
	isTriggered,
	loadExamples,
	sandboxCredentials,
	webhookPaths,
} from '../../scripts/lib/examples.mjs';
import {
	executeWorkflow,
	nodeOutput,
	publishWorkflow,
	readExecutions,
	startN8n,
	waitForExecutions,
	waitForWebhook,
} from '../../scripts/lib/n8n.mjs';
import { launchN8n, shutdown, startFake } from './support/instance.mjs';
import {
	massJobFinishedXml,
	randomEncodingAesKey,
	textMessageXml,
	WeChatPusher,
} from '../../scripts/lib/wechat-push.mjs';

const APP_ID = 'wxe2eexamples000001';
const APP_SECRET = 'e2eExamplesSecret000000000000001';
const CALLBACK_TOKEN = 'e2eExamplesToken';
const ENCODING_AES_KEY = randomEncodingAesKey();

const byId = (examples, id) => {
	const found = examples.find((example) => example.workflow.id === id);
	assert.ok(found, `examples/ has a workflow with id ${id}`);
	return found.workflow;
};

describe('example workflows in n8n 2.41.1', () => {
	let fake;
	let account;
	let n8n;
	let examples;
	let draftMediaId;

	before(async () => {
		fake = await startFake();
		account = fake.addAccount({ appId: APP_ID, appSecret: APP_SECRET, followers: 60 });
		account.addTag({ id: 100, name: 'Newsletter Subscribers', members: 30 });
		const thumb = account.seedMedia({ kind: 'image', permanent: true });
		draftMediaId = account.seedDraft([
			{ title: 'Week 9', content: '<p>This week</p>', thumb_media_id: thumb.mediaId },
		]).mediaId;

		examples = loadExamples({ draftMediaId });
		n8n = await launchN8n({
			name: 'examples',
			credentials: sandboxCredentials({
				baseUrl: fake.url,
				appId: APP_ID,
				appSecret: APP_SECRET,
				callbackToken: CALLBACK_TOKEN,
				encodingAesKey: ENCODING_AES_KEY,
			}),
			workflows: examples.map((example) => example.workflow),
			start: false,
		});
	});

	after(async () => {
		await shutdown(n8n);
		await fake?.close();
	});

	it('weekly newsletter: sends the draft to the tag once, a rerun later that week is "already sent"', async () => {
		const newsletter = byId(examples, 'exWeeklyNewsletter1');
		const first = await executeWorkflow(n8n, newsletter.id);
		assert.ok(first.ok, first.error);
		// Past WeChat's one-minute "retried too fast" window (45066), where repeats answer 45065.
		fake.clock.advance(5 * 60_000);
		const second = await executeWorkflow(n8n, newsletter.id);
		assert.ok(second.ok, second.error);

		const sendalls = fake.requestsTo('/cgi-bin/message/mass/sendall', APP_ID);
		assert.equal(sendalls[0].json.msgtype, 'mpnews');
		assert.deepEqual(sendalls[0].json.mpnews, { media_id: draftMediaId });
		assert.deepEqual(sendalls[0].json.filter, { is_to_all: false, tag_id: 100 });
		assert.equal(sendalls[0].json.clientmsgid, sendalls.at(-1).json.clientmsgid);
		const accepted = sendalls.filter((entry) => entry.response.errcode === 0);
		assert.equal(accepted.length, 1, 'WeChat accepted the newsletter once');

		const [run1, run2] = readExecutions(n8n, { workflowId: newsletter.id });
		assert.equal(nodeOutput(run1, 'Send Newsletter to Tag')[0].status, 'sent');
		assert.equal(nodeOutput(run2, 'Send Newsletter to Tag')[0].status, 'alreadySent');
		assert.equal(
			nodeOutput(run2, 'Send Newsletter to Tag')[0].msgId,
			String(accepted[0].response.msg_id),
		);
	});

	it('CRM event broadcast: the webhook answers with the report of one mass/send', async () => {
		const crm = byId(examples, 'exCrmEventBroadcast');
		const triggered = examples.map((example) => example.workflow).filter(isTriggered);
		for (const flow of triggered) await publishWorkflow(n8n, flow.id);
		await startN8n(n8n);
		for (const path of triggered.flatMap(webhookPaths)) await waitForWebhook(n8n, path);

		const customers = account.followers.slice(10, 14).map((openid, index) => ({
			name: `Customer ${index}`,
			wechatOpenId: openid,
		}));
		const response = await fetch(`${n8n.baseUrl}/webhook/${webhookPaths(crm)[0]}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ eventId: 'evt-42', message: 'Thank you for your order!', customers }),
		});
		assert.equal(response.status, 200);
		const answer = await response.json();

		const [send, ...more] = fake.requestsTo('/cgi-bin/message/mass/send', APP_ID);
		assert.equal(more.length, 0);
		assert.deepEqual(
			[...send.json.touser].sort(),
			customers.map((customer) => customer.wechatOpenId).sort(),
		);
		assert.deepEqual(send.json.text, { content: 'Thank you for your order!' });
		assert.equal(answer.status, 'sent');
		assert.equal(answer.msgId, String(send.response.msg_id));
	});

	it('broadcast report: MASSSENDJOBFINISH of the newsletter job becomes one summary row', async () => {
		const report = byId(examples, 'exBroadcastReport01');
		const [job] = [...account.jobs.values()].filter((candidate) => candidate.api === 'sendall');
		const wechat = new WeChatPusher(`${n8n.baseUrl}/webhook/${webhookPaths(report)[0]}`, {
			token: CALLBACK_TOKEN,
			encodingAesKey: ENCODING_AES_KEY,
			appId: APP_ID,
		});
		const answer = await wechat.push(
			massJobFinishedXml({
				msgId: job.msgId,
				status: 'send success',
				totalCount: job.totalCount,
				filterCount: 30,
				sentCount: 29,
				errorCount: 1,
			}),
		);
		assert.equal(answer.body, 'success');

		const [execution] = await waitForExecutions(n8n, { workflowId: report.id, count: 1 });
		assert.equal(execution.status, 'success');
		assert.deepEqual(nodeOutput(execution, 'Broadcast Summary'), [
			{
				msgId: job.msgId,
				status: 'send success',
				succeeded: true,
				audience: job.totalCount,
				afterFilter: 30,
				sent: 29,
				failed: 1,
				deliveryRatePercent: 96.7,
			},
		]);
		assert.equal(nodeOutput(execution, 'Other Callbacks'), undefined);
	});

	it('keyword auto-reply: an encrypted passive reply that WeChat accepts, within 5 seconds', async () => {
		const autoReply = byId(examples, 'exKeywordAutoReply');
		const wechat = new WeChatPusher(`${n8n.baseUrl}/webhook/${webhookPaths(autoReply)[0]}`, {
			token: CALLBACK_TOKEN,
			encodingAesKey: ENCODING_AES_KEY,
			appId: APP_ID,
		});
		const follower = account.followers[3];

		const priceAnswer = await wechat.push(
			textMessageXml({
				from: follower,
				content: 'What is the 价格?',
				msgId: '24500000000000000101',
			}),
		);
		assert.equal(priceAnswer.status, 200);
		assert.ok(
			priceAnswer.ms < 5000,
			`WeChat waits 5 s; the reply took ${Math.round(priceAnswer.ms)} ms`,
		);
		const price = await wechat.openReply(priceAnswer.body);
		assert.equal(price.kind, 'encrypted');
		assert.equal(price.fields.MsgType, 'text');
		assert.equal(price.fields.ToUserName, follower);
		assert.equal(price.fields.FromUserName, 'gh_sandbox000001');
		assert.match(price.fields.Content, /^Our prices: Basic ¥99/);

		const helpAnswer = await wechat.push(
			textMessageXml({ from: follower, content: 'hello', msgId: '24500000000000000102' }),
		);
		const help = await wechat.openReply(helpAnswer.body);
		assert.equal(
			help.fields.Content,
			'Hi! You wrote "hello". Send "price" (价格) to see our prices.',
		);

		const executions = await waitForExecutions(n8n, { workflowId: autoReply.id, count: 2 });
		assert.deepEqual(
			executions.map((execution) => execution.status),
			['success', 'success'],
		);
	});
});
