/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets -- reads the example file; test keys */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INode, INodeExecutionData, IConnections } from 'n8n-workflow';

import { WeChatCallbackApi } from '../../credentials/WeChatCallbackApi.credentials';
import { CALLBACK_KINDS } from '../../nodes/WeChatTrigger/filter';
import { parseXml } from '../../nodes/WeChatTrigger/xml/parser';
import { MemoryCredentialsHelper } from '../harness/credentialsHelper';
import { MASS_NODE_TYPE, runNode } from '../harness/runWorkflow';
import { postCallback } from './support/client';
import { textMessageXml } from './support/payloads';
import { WeChatSimulator } from './support/simulator';
import { startTriggerServer, TRIGGER_TYPE } from './support/webhookServer';

const example = JSON.parse(
	readFileSync(join(__dirname, '../../examples/keyword-auto-reply.json'), 'utf8'),
) as { nodes: INode[]; connections: IConnections };
const byName = (name: string) => example.nodes.find((node) => node.name === name) as INode;
const next = (name: string, output = 0) =>
	example.connections[name]?.main?.[output]?.map((connection) => connection.node) ?? [];

const ACCOUNT = {
	token: 'exampleToken7',
	encodingAesKey: 'bAZC8S8nz5fcQ0Ui2HxQVGbC6FzyrzWKSuDbmzpBo3G',
	appId: 'wx1570bcc0b3cf8bd0',
};

describe('examples/keyword-auto-reply.json', () => {
	// Respond to Webhook 1.1 and later throw "No Webhook node found in the workflow" unless a parent
	// is n8n's Webhook, Form, Chat or Wait node (n8n-nodes-base 2.41 and 1.123), so it must be 1.
	test('is one path: trigger → IF keyword → Build Passive Reply → Respond to Webhook v1', () => {
		const trigger = byName('WeChat Trigger');
		expect(trigger.type).toBe(TRIGGER_TYPE);
		expect(trigger.parameters).toMatchObject({ respond: 'passiveReply', events: ['message:text'] });
		const kinds = CALLBACK_KINDS.map((kind) => kind.value);
		for (const event of trigger.parameters.events as string[]) expect(kinds).toContain(event);

		expect(next('WeChat Trigger')).toEqual(['Asks for the price?']);
		expect(byName('Asks for the price?').type).toBe('n8n-nodes-base.if');
		expect(next('Asks for the price?', 0)).toEqual(['Price Reply']);
		expect(next('Asks for the price?', 1)).toEqual(['Help Reply']);
		for (const reply of ['Price Reply', 'Help Reply']) {
			expect(byName(reply)).toMatchObject({
				type: MASS_NODE_TYPE,
				parameters: { resource: 'reply', operation: 'build' },
				credentials: { wechatCallbackApi: expect.any(Object) },
			});
			expect(next(reply)).toEqual(['Respond to WeChat']);
		}
		expect(byName('Respond to WeChat')).toMatchObject({
			type: 'n8n-nodes-base.respondToWebhook',
			typeVersion: 1,
			parameters: { respondWith: 'text', responseBody: '={{ $json.reply }}' },
		});
	});

	test('its reply nodes answer a safe-mode follower message in the HTTP exchange', async () => {
		const credential = { ...ACCOUNT, encryptionMode: 'safe' };
		const credentials = new MemoryCredentialsHelper([new WeChatCallbackApi()]);
		credentials.put('callback', 'wechatCallbackApi', credential);
		const askedForPrice = (item: INodeExecutionData) =>
			/price|价格/i.test(String(item.json.Content));

		const server = await startTriggerServer({
			credential,
			workflowId: 'example-keyword',
			parameters: byName('WeChat Trigger').parameters,
			respondToWebhook: async (item) => {
				const replyNode = byName(askedForPrice(item) ? 'Price Reply' : 'Help Reply');
				const { output, error } = await runNode({
					credentials,
					credentialId: 'callback',
					credentialType: 'wechatCallbackApi',
					parameters: replyNode.parameters,
					items: [item],
				});
				if (error) throw error;
				return output[0].json.reply as string;
			},
		});
		try {
			const wechat = new WeChatSimulator({ ...ACCOUNT, mode: 'safe' });
			const price = await postCallback(
				server.url,
				wechat.push(textMessageXml('请问价格?', '9001')),
			);
			const other = await postCallback(server.url, wechat.push(textMessageXml('hello', '9002')));
			const contentOf = (body: string) =>
				(parseXml(wechat.openReply(body)).root as Record<string, string>).Content;
			expect(contentOf(price.body)).toContain('Basic ¥99');
			expect(contentOf(other.body)).toBe(
				'Hi! You wrote "hello". Send "price" (价格) to see our prices.',
			);
		} finally {
			await server.close();
		}
	});
});
