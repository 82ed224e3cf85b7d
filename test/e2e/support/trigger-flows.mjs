/**
 * The workflows test/e2e/trigger.test.mjs runs: one that reports mass jobs and notes every other
 * callback, one that answers text messages with a passive reply; both behind one safe-mode
 * callback credential.
 */
import { randomEncodingAesKey } from '../../../scripts/lib/wechat-push.mjs';
import { ACTION_NODE, callbackCredential, node, weChatTrigger, workflow } from './workflows.mjs';

export const APP_ID = 'wxe2e0trigger000001';
export const callback = callbackCredential({
	id: 'e2eCallbackCred01',
	token: 'e2eCallbackToken2024',
	encodingAesKey: randomEncodingAesKey(),
	appId: APP_ID,
	mode: 'safe',
});

export const REPORT_WEBHOOK = 'b7d1c0de-0000-4000-8000-00000000e2e1';
export const reportWorkflow = workflow({
	id: 'e2eTriggerReport1',
	name: 'Callbacks: report mass jobs, note the rest',
	nodes: [
		weChatTrigger(
			'WeChat Trigger',
			{ events: ['*'], respond: 'immediately' },
			callback,
			REPORT_WEBHOOK,
		),
		node(
			'Is Mass Job Report',
			'n8n-nodes-base.if',
			{
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
					conditions: [
						{
							id: 'event-is-masssendjobfinish',
							leftValue: '={{ $json.Event ?? "" }}',
							rightValue: 'MASSSENDJOBFINISH',
							operator: { type: 'string', operation: 'equals' },
						},
					],
					combinator: 'and',
				},
				looseTypeValidation: true,
				options: {},
			},
			{ typeVersion: 2.2 },
		),
		node(
			'Broadcast Report',
			'n8n-nodes-base.set',
			{
				assignments: {
					assignments: [
						{ id: 'msg', name: 'msgId', value: '={{ $json.MsgID }}', type: 'string' },
						{ id: 'st', name: 'status', value: '={{ $json.Status }}', type: 'string' },
						{ id: 'sent', name: 'sent', value: '={{ Number($json.SentCount) }}', type: 'number' },
						{ id: 'err', name: 'failed', value: '={{ Number($json.ErrorCount) }}', type: 'number' },
					],
				},
				options: {},
			},
			{ typeVersion: 3.4 },
		),
		node(
			'Other Callback',
			'n8n-nodes-base.set',
			{
				assignments: {
					assignments: [
						{ id: 'type', name: 'type', value: '={{ $json.MsgType }}', type: 'string' },
						{ id: 'text', name: 'text', value: '={{ $json.Content }}', type: 'string' },
					],
				},
				options: {},
			},
			{ typeVersion: 3.4 },
		),
	],
	links: [
		['WeChat Trigger', 'Is Mass Job Report'],
		['Is Mass Job Report', 'Broadcast Report', 0],
		['Is Mass Job Report', 'Other Callback', 1],
	],
});

export const REPLY_WEBHOOK = 'b7d1c0de-0000-4000-8000-00000000e2e2';
export const replyWorkflow = workflow({
	id: 'e2eTriggerReply01',
	name: 'Callbacks: echo text messages with a passive reply',
	nodes: [
		weChatTrigger(
			'Text Message',
			{ events: ['message:text'], respond: 'passiveReply' },
			callback,
			REPLY_WEBHOOK,
		),
		node(
			'Build Echo Reply',
			ACTION_NODE,
			{
				resource: 'reply',
				operation: 'build',
				replyType: 'text',
				content: '=You said: {{ $json.Content }}',
			},
			{ credentials: { wechatCallbackApi: { id: callback.id, name: callback.name } } },
		),
		// typeVersion 1: from 1.1 on, Respond to Webhook refuses workflows whose trigger is not one of
		// n8n's own webhook nodes ("No Webhook node found in the workflow").
		node(
			'Respond to WeChat',
			'n8n-nodes-base.respondToWebhook',
			{
				respondWith: 'text',
				responseBody: '={{ $json.reply }}',
				options: {
					responseHeaders: {
						entries: [{ name: 'Content-Type', value: 'application/xml; charset=utf-8' }],
					},
				},
			},
			{ typeVersion: 1 },
		),
	],
	links: [
		['Text Message', 'Build Echo Reply'],
		['Build Echo Reply', 'Respond to WeChat'],
	],
});
