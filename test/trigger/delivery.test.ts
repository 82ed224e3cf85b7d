/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- the keys are test fixtures */
import type { INodeExecutionData } from 'n8n-workflow';

import { postCallback } from './support/client';
import { eventXml, textMessageXml } from './support/payloads';
import { onlyItem as only, trackTriggerServers } from './support/servers';
import { WeChatSimulator } from './support/simulator';
import { NEVER_SETTLED, parseLikeN8n, withDeadline } from './support/webhookServer';

const SAFE_ACCOUNT = {
	token: 'deliveryToken1',
	encodingAesKey: 'SvFHi4TDuTqBkg0F6vUnJcCZxW1Ck9BmTKWdiSAb2FX',
	appId: 'wxb11529c136998cb6',
};

const start = trackTriggerServers();

describe('Trigger On', () => {
	const account = {
		token: 'plainToken42',
		encodingAesKey: '',
		appId: '',
		mode: 'plaintext' as const,
	};
	const credential = { token: account.token, encryptionMode: 'plaintext' };

	test('answers "success" without a run for callbacks the user did not pick', async () => {
		const server = await start({
			credential,
			parameters: { events: ['message:text', 'event:SCAN'] },
		});
		const simulator = new WeChatSimulator(account);
		const subscribe = await postCallback(server.url, simulator.push(eventXml('subscribe')));
		const image = await postCallback(
			server.url,
			simulator.push(textMessageXml('x', '5').replace('[text]', '[image]')),
		);
		expect(subscribe).toMatchObject({ status: 200, body: 'success' });
		expect(image).toMatchObject({ status: 200, body: 'success' });
		expect(server.executions).toHaveLength(0);

		await postCallback(server.url, simulator.push(textMessageXml('picked', '6')));
		await postCallback(
			server.url,
			simulator.push(eventXml('SCAN', '<EventKey><![CDATA[123]]></EventKey>', 1714112446)),
		);
		expect(server.executions.map((run) => run[0][0].json.MsgType)).toEqual(['text', 'event']);
	});

	test('matches event names regardless of case', async () => {
		const server = await start({
			credential,
			parameters: { events: ['event:subscribe', 'event:MASSSENDJOBFINISH'] },
		});
		const simulator = new WeChatSimulator(account);
		await postCallback(server.url, simulator.push(eventXml('SUBSCRIBE')));
		await postCallback(server.url, simulator.push(eventXml('masssendjobfinish', '', 1714112999)));
		expect(server.executions).toHaveLength(2);
	});
});

describe('WeChat retries', () => {
	const account = {
		token: 'plainToken42',
		encodingAesKey: '',
		appId: '',
		mode: 'plaintext' as const,
	};
	const credential = { token: account.token, encryptionMode: 'plaintext' };

	test('the same MsgId again is answered "success" without a second run', async () => {
		const server = await start({ credential, workflowId: 'retry-msgid' });
		const simulator = new WeChatSimulator(account);
		const first = await postCallback(server.url, simulator.push(textMessageXml('once', '777')));
		const retry = await postCallback(server.url, simulator.push(textMessageXml('once', '777')));
		expect([first.body, retry.body]).toEqual(['success', 'success']);
		expect(server.executions).toHaveLength(1);
	});

	test('events are told apart by sender, CreateTime and Event', async () => {
		const server = await start({ credential, workflowId: 'retry-events' });
		const simulator = new WeChatSimulator(account);
		await postCallback(server.url, simulator.push(eventXml('subscribe', '', 1714112500)));
		await postCallback(server.url, simulator.push(eventXml('subscribe', '', 1714112500)));
		await postCallback(server.url, simulator.push(eventXml('SCAN', '', 1714112500)));
		await postCallback(server.url, simulator.push(eventXml('subscribe', '', 1714112501)));
		await postCallback(
			server.url,
			simulator.push(eventXml('subscribe', '', 1714112500, 'oOtherFollower')),
		);
		expect(server.executions).toHaveLength(4);
	});

	test('is scoped per workflow, and a window of 0 turns it off', async () => {
		const simulator = new WeChatSimulator(account);
		const first = await start({ credential, workflowId: 'retry-scope-a' });
		const second = await start({ credential, workflowId: 'retry-scope-b' });
		const unguarded = await start({
			credential,
			workflowId: 'retry-off',
			parameters: { settings: { duplicateWindow: 0 } },
		});
		for (const server of [first, second, unguarded, unguarded]) {
			await postCallback(server.url, simulator.push(textMessageXml('same', '888')));
		}
		expect([
			first.executions.length,
			second.executions.length,
			unguarded.executions.length,
		]).toEqual([1, 1, 2]);
	});
});

describe('passive reply path', () => {
	test('leaves the answer to the workflow, which gets the item and can reply', async () => {
		const seen: INodeExecutionData[] = [];
		const server = await start({
			credential: { token: 'plainToken42', encryptionMode: 'plaintext' },
			parameters: { respond: 'passiveReply' },
			respondToWebhook: async (item) => {
				seen.push(item);
				return '<xml><Content>reply</Content></xml>';
			},
		});
		const simulator = new WeChatSimulator({
			token: 'plainToken42',
			encodingAesKey: '',
			appId: '',
			mode: 'plaintext',
		});
		const answer = await postCallback(server.url, simulator.push(textMessageXml('ping', '901')));
		expect(answer).toMatchObject({ status: 200, body: '<xml><Content>reply</Content></xml>' });
		expect(server.results[0].noWebhookResponse).toBeUndefined();
		expect(seen[0].json.Content).toBe('ping');
	});

	test('filtered-out callbacks and retries are still answered "success" by the node itself', async () => {
		const respondToWebhook = jest.fn(async () => 'from workflow');
		const server = await start({
			credential: { token: 'plainToken42', encryptionMode: 'plaintext' },
			parameters: { respond: 'passiveReply', events: ['message:text'] },
			workflowId: 'passive-filter',
			respondToWebhook,
		});
		const simulator = new WeChatSimulator({
			token: 'plainToken42',
			encodingAesKey: '',
			appId: '',
			mode: 'plaintext',
		});
		const filtered = await postCallback(server.url, simulator.push(eventXml('subscribe')));
		await postCallback(server.url, simulator.push(textMessageXml('q', '902')));
		const retry = await postCallback(server.url, simulator.push(textMessageXml('q', '902')));
		expect(filtered).toMatchObject({ status: 200, body: 'success' });
		expect(retry).toMatchObject({ status: 200, body: 'success' });
		expect(respondToWebhook).toHaveBeenCalledTimes(1);
	});
});

describe('what n8n does before the node runs', () => {
	test('n8n leaves the body unparsed for this node, so malformed XML gets the node’s own 400', async () => {
		const server = await start({
			credential: { token: 'plainToken42', encryptionMode: 'plaintext' },
		});
		const simulator = new WeChatSimulator({
			token: 'plainToken42',
			encodingAesKey: '',
			appId: '',
			mode: 'plaintext',
		});
		const answer = await postCallback(server.url, simulator.push('<xml><A>'));
		expect(answer).toMatchObject({ status: 400, body: 'XML ends before it is complete' });
		expect(server.bodyParsedByN8n).toEqual([false]);
		expect(server.nodeCalls).toBe(1);
	});

	test('keeps working after n8n’s shared XML parser stopped settling (xml2js async, element after root)', async () => {
		expect(await parseLikeN8n(Buffer.from('<xml><A>1</A></xml><b>'), 'text/xml')).toEqual({
			xml: { a: '1' },
		});
		await expect(
			withDeadline(parseLikeN8n(Buffer.from('<xml><A>2</A></xml>'), 'text/xml'), 500),
		).rejects.toBe(NEVER_SETTLED);

		const server = await start({
			credential: { token: 'plainToken42', encryptionMode: 'plaintext' },
		});
		const simulator = new WeChatSimulator({
			token: 'plainToken42',
			encodingAesKey: '',
			appId: '',
			mode: 'plaintext',
		});
		const answer = await postCallback(
			server.url,
			simulator.push(textMessageXml('still here', '4711')),
		);
		expect(answer).toMatchObject({ status: 200, body: 'success' });
		expect(only(server).json.Content).toBe('still here');
	});

	test('the node reads the raw body, not n8n’s lower-cased parse', async () => {
		const server = await start({ credential: { ...SAFE_ACCOUNT, encryptionMode: 'safe' } });
		const simulator = new WeChatSimulator({ ...SAFE_ACCOUNT, mode: 'safe' });
		await postCallback(server.url, simulator.push(textMessageXml('case', '31')));
		expect(Object.keys(only(server).json)).toEqual(
			expect.arrayContaining([
				'ToUserName',
				'FromUserName',
				'CreateTime',
				'MsgType',
				'Content',
				'MsgId',
			]),
		);
	});
});
