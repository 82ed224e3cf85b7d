/**
 * WeChat Mass Message in a real n8n 2.41.1 against the fake WeChat API: manual runs through
 * `n8n execute`, a CRM webhook through `n8n start`. Every assertion looks at what WeChat (the fake)
 * received and at the execution n8n stored.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import {
	executeWorkflow,
	nodeOutput,
	publishWorkflow,
	readExecutions,
	startN8n,
	waitForWebhook,
} from '../../scripts/lib/n8n.mjs';
import { launchN8n, shutdown, startFake } from './support/instance.mjs';
import {
	manualTrigger,
	node,
	officialAccountCredential,
	weChatAction,
	workflow,
} from './support/workflows.mjs';

const APP_ID = 'wxe2emass0000000001';
const APP_SECRET = 'e2eMassSecret00000000000000000001';
const VIP_TAG = 100;
const NEWSLETTER_TAG = 101;
const CRM_WEBHOOK_PATH = 'crm-campaign-event';

function sendToTag(name, tagId, message, credential) {
	return weChatAction(
		name,
		{ resource: 'massMessage', operation: 'sendToTag', tagId, ...message },
		credential,
	);
}

/** Manual Trigger → the given nodes, one after the other. */
function manualFlow(id, name, ...chain) {
	const nodes = [manualTrigger(), ...chain];
	const links = nodes.slice(1).map((next, index) => [nodes[index].name, next.name]);
	return workflow({ id, name, nodes, links });
}

describe('WeChat Mass Message in n8n 2.41.1', () => {
	let fake;
	let account;
	let n8n;
	let credential;
	let draftMediaId;
	const flows = {};

	before(async () => {
		fake = await startFake();
		account = fake.addAccount({ appId: APP_ID, appSecret: APP_SECRET, followers: 40 });
		account.addTag({ id: VIP_TAG, name: 'VIP Customers', members: 12 });
		account.addTag({ id: NEWSLETTER_TAG, name: 'Newsletter', members: 20 });
		const thumb = account.seedMedia({ kind: 'image', permanent: true });
		draftMediaId = account.seedDraft([
			{ title: 'Spring issue', content: '<p>News</p>', thumb_media_id: thumb.mediaId },
		]).mediaId;

		credential = officialAccountCredential({
			id: 'e2eMassOfficial01',
			appId: APP_ID,
			appSecret: APP_SECRET,
			baseUrl: fake.url,
		});
		flows.text = manualFlow(
			'e2eMassTagText001',
			'Manual: text to VIP tag',
			sendToTag(
				'Send Text to Tag',
				VIP_TAG,
				{ messageType: 'text', text: 'Spring sale starts today' },
				credential,
			),
			weChatAction(
				'Get Job Status',
				{ resource: 'massMessage', operation: 'getStatus', msgId: '={{ $json.msgId }}' },
				credential,
			),
		);
		flows.preview = manualFlow(
			'e2eMassPreview001',
			'Manual: preview the article to one follower',
			weChatAction(
				'Preview Article',
				{
					resource: 'massMessage',
					operation: 'preview',
					previewTo: 'openId',
					previewOpenId: account.followers[0],
					messageType: 'mpnews',
					mpnewsMediaId: draftMediaId,
				},
				credential,
			),
		);
		flows.mpnews = manualFlow(
			'e2eMassTagNews001',
			'Manual: article to newsletter tag',
			sendToTag(
				'Send Article to Tag',
				NEWSLETTER_TAG,
				{ messageType: 'mpnews', mpnewsMediaId: draftMediaId },
				credential,
			),
		);
		flows.rotation = manualFlow(
			'e2eMassRotation01',
			'Manual: text whose content changes per run',
			sendToTag(
				'Send Numbered Text',
				VIP_TAG,
				{ messageType: 'text', text: '=Run {{ $execution.id }} of the token check' },
				credential,
			),
		);
		flows.crm = crmBroadcastFlow(credential);

		n8n = await launchN8n({
			name: 'mass-send',
			credentials: [credential],
			workflows: Object.values(flows),
			start: false,
		});
	});

	after(async () => {
		await shutdown(n8n);
		await fake?.close();
	});

	it('sends a text to a tag with sendall: JSON boolean is_to_all, integer tag_id, a clientmsgid', async () => {
		fake.clearLog();
		const result = await executeWorkflow(n8n, flows.text.id);
		assert.ok(result.ok, result.error);

		const [sendall, ...others] = fake.requestsTo('/cgi-bin/message/mass/sendall', APP_ID);
		assert.equal(others.length, 0, 'exactly one sendall');
		assert.deepEqual(sendall.json.filter, { is_to_all: false, tag_id: VIP_TAG });
		assert.equal(sendall.json.msgtype, 'text');
		assert.deepEqual(sendall.json.text, { content: 'Spring sale starts today' });
		assert.match(sendall.json.clientmsgid, /^\S{1,64}$/);
		assert.equal(sendall.response.errcode, 0);

		const job = account.jobs.get(String(sendall.response.msg_id));
		assert.equal(job.recipients.length, 12, 'every member of the tag is in the job');

		const [execution] = readExecutions(n8n, { workflowId: flows.text.id });
		assert.equal(execution.status, 'success');
		const [report] = nodeOutput(execution, 'Send Text to Tag');
		assert.equal(report.status, 'sent');
		assert.equal(report.msgId, String(sendall.response.msg_id));

		const [statusCall] = fake.requestsTo('/cgi-bin/message/mass/get', APP_ID);
		assert.equal(String(statusCall.json.msg_id), report.msgId, 'the next node asked for this job');
		const [status] = nodeOutput(execution, 'Get Job Status');
		assert.equal(status.msg_id, report.msgId);
		assert.equal(status.msg_status, statusCall.response.msg_status);
	});

	it('previews a draft article to one follower with mass/preview, leaving the draft in place', async () => {
		fake.clearLog();
		const result = await executeWorkflow(n8n, flows.preview.id);
		assert.ok(result.ok, result.error);

		const [preview, ...more] = fake.requestsTo('/cgi-bin/message/mass/preview', APP_ID);
		assert.equal(more.length, 0);
		assert.equal(preview.json.touser, account.followers[0]);
		assert.equal(preview.json.msgtype, 'mpnews');
		assert.deepEqual(preview.json.mpnews, { media_id: draftMediaId });
		assert.equal(preview.response.errcode, 0);
		assert.equal(
			fake.requestsTo('/cgi-bin/message/mass/sendall', APP_ID).length,
			0,
			'no broadcast',
		);
		assert.ok(account.liveDraft(draftMediaId), 'the draft can still be sent');
	});

	it('sends a draft article (mpnews) to a tag and reports its msg_data_id', async () => {
		fake.clearLog();
		const result = await executeWorkflow(n8n, flows.mpnews.id);
		assert.ok(result.ok, result.error);

		const sendalls = fake.requestsTo('/cgi-bin/message/mass/sendall', APP_ID);
		assert.equal(sendalls.length, 1);
		const [sendall] = sendalls;
		assert.deepEqual(sendall.json.filter, { is_to_all: false, tag_id: NEWSLETTER_TAG });
		assert.equal(sendall.json.msgtype, 'mpnews');
		assert.deepEqual(sendall.json.mpnews, { media_id: draftMediaId });
		assert.equal(sendall.response.errcode, 0);
		assert.ok(sendall.response.msg_data_id, 'WeChat answered with a msg_data_id');

		const [execution] = readExecutions(n8n, { workflowId: flows.mpnews.id });
		assert.equal(execution.status, 'success');
		const [report] = nodeOutput(execution, 'Send Article to Tag');
		assert.equal(report.status, 'sent');
		assert.equal(report.msgType, 'mpnews');
		assert.equal(report.msgId, String(sendall.response.msg_id));
		assert.equal(report.msgDataId, String(sendall.response.msg_data_id));
	});

	it('keeps working when another system force-refreshes the token between two executions', async () => {
		const first = await executeWorkflow(n8n, flows.rotation.id);
		assert.ok(first.ok, first.error);
		const tokenOfFirstRun = fake.requestsTo('/cgi-bin/message/mass/sendall', APP_ID).at(-1).token;

		// Another server of the same company calls stable_token with force_refresh, which
		// invalidates the token n8n stored (wechat-api.md §A.2).
		const thirdParty = await fetch(`${fake.url}/cgi-bin/stable_token`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				grant_type: 'client_credential',
				appid: APP_ID,
				secret: APP_SECRET,
				force_refresh: true,
			}),
		}).then((response) => response.json());
		assert.ok(thirdParty.access_token);
		assert.notEqual(thirdParty.access_token, tokenOfFirstRun);

		fake.clearLog();
		const second = await executeWorkflow(n8n, flows.rotation.id);
		assert.ok(second.ok, second.error);

		const sendalls = fake.requestsTo('/cgi-bin/message/mass/sendall', APP_ID);
		assert.equal(sendalls[0].token, tokenOfFirstRun, 'the second run starts with the stored token');
		assert.equal(sendalls[0].response.errcode, 40001, 'which WeChat no longer accepts');
		const accepted = sendalls.filter((entry) => entry.response.errcode === 0);
		assert.equal(accepted.length, 1, 'the message went out exactly once');
		assert.notEqual(accepted[0].token, tokenOfFirstRun);
		assert.ok(
			fake.requestsTo('/cgi-bin/stable_token', APP_ID).length >= 1,
			'a fresh token was fetched',
		);

		const executions = readExecutions(n8n, { workflowId: flows.rotation.id });
		assert.deepEqual(
			executions.map((execution) => execution.status),
			['success', 'success'],
		);
	});

	it('broadcasts a CRM event with a customer list as one mass/send to the cleaned OpenID list', async () => {
		await publishWorkflow(n8n, flows.crm.id);
		await startN8n(n8n);
		await waitForWebhook(n8n, CRM_WEBHOOK_PATH);
		fake.clearLog();

		const followers = account.followers.slice(0, 25);
		const customers = [
			...followers.map((openid, index) => ({
				name: `Customer ${index + 1}`,
				wechatOpenId: openid,
			})),
			{ name: 'Customer 1 again', wechatOpenId: followers[0] },
			{ name: 'No WeChat', wechatOpenId: '' },
		];
		const response = await fetch(`${n8n.baseUrl}/webhook/${CRM_WEBHOOK_PATH}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ event: 'campaign.launched', eventId: 'evt-20260301-0001', customers }),
		});
		assert.equal(response.status, 200);
		const report = await response.json();

		const sends = fake.requestsTo('/cgi-bin/message/mass/send', APP_ID);
		assert.equal(sends.length, 1, 'the 27 input items became one broadcast');
		assert.deepEqual(
			[...sends[0].json.touser].sort(),
			[...followers].sort(),
			'each customer once, the invalid one dropped',
		);
		assert.equal(sends[0].json.msgtype, 'text');
		assert.equal(sends[0].json.text.content, 'Our spring campaign has started: 20% off for you.');
		assert.equal(sends[0].response.errcode, 0);

		assert.equal(report.status, 'sent');
		assert.equal(report.msgId, String(sends[0].response.msg_id));
		assert.equal(report.counts.sent, 25);

		const [execution] = readExecutions(n8n, { workflowId: flows.crm.id });
		assert.equal(execution.status, 'success');
		assert.equal(execution.mode, 'webhook');
		assert.equal(nodeOutput(execution, 'Customers').length, 27);
		assert.equal(nodeOutput(execution, 'Send to Customers').length, 1);
	});
});

function crmBroadcastFlow(credential) {
	return workflow({
		id: 'e2eMassCrmHook001',
		name: 'CRM event → broadcast to its customers',
		nodes: [
			node(
				'CRM Event',
				'n8n-nodes-base.webhook',
				{ httpMethod: 'POST', path: CRM_WEBHOOK_PATH, responseMode: 'lastNode', options: {} },
				{ typeVersion: 2, webhookId: '5f1e2d3c-0000-4000-8000-00000000c0de' },
			),
			node('Customers', 'n8n-nodes-base.splitOut', {
				fieldToSplitOut: 'body.customers',
				options: {},
			}),
			weChatAction(
				'Send to Customers',
				{
					resource: 'massMessage',
					operation: 'sendToOpenIds',
					recipientsFrom: 'field',
					openIdField: 'wechatOpenId',
					messageType: 'text',
					text: 'Our spring campaign has started: 20% off for you.',
					idempotencyKey: '={{ $("CRM Event").first().json.body.eventId }}',
				},
				credential,
			),
		],
		links: [
			['CRM Event', 'Customers'],
			['Customers', 'Send to Customers'],
		],
	});
}
