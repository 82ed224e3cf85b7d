/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- the keys are test fixtures */
import type { INodeExecutionData } from 'n8n-workflow';
import WXBizMsgCrypt from 'wechat-crypto';

import { WeChatCallbackApi } from '../../credentials/WeChatCallbackApi.credentials';
import { parseXml } from '../../nodes/WeChatTrigger/xml/parser';
import { MemoryCredentialsHelper } from '../harness/credentialsHelper';
import { MASS_NODE_TYPE, runNode } from '../harness/runWorkflow';
import { postCallback } from './support/client';
import { ACCOUNT_ID, FOLLOWER, textMessageXml } from './support/payloads';
import { WeChatSimulator } from './support/simulator';
import type { TriggerServer } from './support/webhookServer';
import { startTriggerServer } from './support/webhookServer';

const SAFE = {
	token: 'replyToken2024',
	encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
	appId: 'wx5823bf96d3bd56c7',
};
const PREVIOUS_KEY = 'SvFHi4TDuTqBkg0F6vUnJcCZxW1Ck9BmTKWdiSAb2FX';

const triggerItem = (overrides: Record<string, unknown> = {}): INodeExecutionData => ({
	json: {
		ToUserName: ACCOUNT_ID,
		FromUserName: FOLLOWER,
		MsgType: 'text',
		Content: 'price',
		callback: { encryption: 'safe', aesKey: 'current' },
		...overrides,
	},
});

async function buildReply(
	parameters: Record<string, unknown>,
	items: INodeExecutionData[],
	credential: Record<string, string> = { ...SAFE, encryptionMode: 'plaintext' },
	settings = {},
) {
	const credentials = new MemoryCredentialsHelper([new WeChatCallbackApi()]);
	credentials.put('callback', 'wechatCallbackApi', credential);
	return await runNode({
		credentials,
		credentialId: 'callback',
		credentialType: 'wechatCallbackApi',
		nodeType: MASS_NODE_TYPE,
		parameters: { resource: 'reply', operation: 'build', ...parameters },
		items,
		settings,
	});
}

const fieldsOf = (xml: string) =>
	parseXml(xml).root as Record<string, string & Record<string, unknown>>;

/** Build Passive Reply runs inside the WeChat Mass Message node, through n8n-core's WorkflowExecute. */
describe('Build Passive Reply', () => {
	test('text: addresses the follower from the trigger item and carries the text', async () => {
		const { output, error } = await buildReply(
			{ replyType: 'text', content: 'Today: 42 ¥ <b>&</b>' },
			[triggerItem()],
		);
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(Object.keys(output[0].json)).toEqual(['reply']);
		const reply = fieldsOf(output[0].json.reply as string);
		expect(reply).toMatchObject({
			ToUserName: FOLLOWER,
			FromUserName: ACCOUNT_ID,
			MsgType: 'text',
			Content: 'Today: 42 ¥ <b>&</b>',
		});
		expect(Number(reply.CreateTime)).toBeGreaterThan(Date.now() / 1000 - 60);
	});

	test.each([
		['image', { mediaId: 'MEDIA_IMG' }, { Image: { MediaId: 'MEDIA_IMG' } }],
		['voice', { mediaId: 'MEDIA_VOICE' }, { Voice: { MediaId: 'MEDIA_VOICE' } }],
		[
			'video',
			{ mediaId: 'MEDIA_VIDEO', title: 'Clip', description: 'Short' },
			{ Video: { MediaId: 'MEDIA_VIDEO', Title: 'Clip', Description: 'Short' } },
		],
		[
			'music',
			{
				title: 'Song',
				description: 'Demo',
				musicUrl: 'https://a/m.mp3',
				hqMusicUrl: 'https://a/hq.mp3',
				thumbMediaId: 'THUMB',
			},
			{
				Music: {
					Title: 'Song',
					Description: 'Demo',
					MusicUrl: 'https://a/m.mp3',
					HQMusicUrl: 'https://a/hq.mp3',
					ThumbMediaId: 'THUMB',
				},
			},
		],
	])('%s: follows the passive reply template', async (replyType, parameters, expected) => {
		const { output, error } = await buildReply({ replyType, ...parameters }, [triggerItem()]);
		expect(error).toBeUndefined();
		expect(fieldsOf(output[0].json.reply as string)).toMatchObject({
			MsgType: replyType,
			...expected,
		});
	});

	test('news: lists the articles as item entries with ArticleCount', async () => {
		const article = (n: number) => ({
			title: `T${n}`,
			description: `D${n}`,
			picUrl: `https://p/${n}.jpg`,
			url: `https://u/${n}`,
		});
		const { output } = await buildReply(
			{ replyType: 'news', articles: { article: [article(1), article(2)] } },
			[triggerItem()],
		);
		const reply = fieldsOf(output[0].json.reply as string);
		expect(reply.ArticleCount).toBe('2');
		expect(reply.Articles.item).toEqual([
			{ Title: 'T1', Description: 'D1', PicUrl: 'https://p/1.jpg', Url: 'https://u/1' },
			{ Title: 'T2', Description: 'D2', PicUrl: 'https://p/2.jpg', Url: 'https://u/2' },
		]);
	});

	test('builds one reply per item, each paired with its input', async () => {
		const items = [
			triggerItem({ FromUserName: 'o1' }),
			triggerItem({ FromUserName: 'o2' }),
			triggerItem({ FromUserName: 'o3' }),
		];
		const { output } = await buildReply(
			{ replyType: 'text', content: '={{ "hi " + $json.FromUserName }}' },
			items,
		);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output.map((item) => fieldsOf(item.json.reply as string).Content)).toEqual([
			'hi o1',
			'hi o2',
			'hi o3',
		]);
		expect(output.map((item) => fieldsOf(item.json.reply as string).ToUserName)).toEqual([
			'o1',
			'o2',
			'o3',
		]);
	});

	test('safe mode: the reply is encrypted and signed so that WeChat (wechat-crypto) opens it', async () => {
		const { output, error } = await buildReply(
			{ replyType: 'text', content: '加密回复' },
			[triggerItem()],
			{
				...SAFE,
				encryptionMode: 'safe',
			},
		);
		expect(error).toBeUndefined();
		const envelope = fieldsOf(output[0].json.reply as string);
		expect(Object.keys(envelope)).toEqual(['Encrypt', 'MsgSignature', 'TimeStamp', 'Nonce']);
		const wechat = new WeChatSimulator({ ...SAFE, mode: 'safe' });
		expect(envelope.MsgSignature).toBe(
			wechat.sign(SAFE.token, envelope.TimeStamp, envelope.Nonce, envelope.Encrypt),
		);
		const opened = new WXBizMsgCrypt(SAFE.token, SAFE.encodingAesKey, SAFE.appId).decrypt(
			envelope.Encrypt,
		);
		expect(opened.id).toBe(SAFE.appId);
		expect(fieldsOf(opened.message)).toMatchObject({ ToUserName: FOLLOWER, Content: '加密回复' });
	});

	test('safe mode: answers with the previous EncodingAESKey when that one opened the callback', async () => {
		const { output } = await buildReply(
			{ replyType: 'text', content: 'old key' },
			[triggerItem({ callback: { encryption: 'safe', aesKey: 'previous' } })],
			{ ...SAFE, previousEncodingAesKey: PREVIOUS_KEY, encryptionMode: 'safe' },
		);
		const envelope = fieldsOf(output[0].json.reply as string);
		const opened = new WXBizMsgCrypt(SAFE.token, PREVIOUS_KEY, SAFE.appId).decrypt(
			envelope.Encrypt,
		);
		expect(fieldsOf(opened.message).Content).toBe('old key');
	});

	test('compatible mode replies in plain XML, which WeChat accepts there', async () => {
		const { output } = await buildReply({ replyType: 'text', content: 'plain' }, [triggerItem()], {
			...SAFE,
			encryptionMode: 'compatible',
		});
		expect(fieldsOf(output[0].json.reply as string).Content).toBe('plain');
	});

	test('n8n itself refuses a missing required field before the node runs', async () => {
		const { error } = await buildReply({ replyType: 'image', mediaId: '' }, [triggerItem()]).catch(
			(thrown: Error) => ({ error: thrown }),
		);
		expect(error?.message).toContain('has issues');
	});

	test.each([
		[
			'an empty text',
			{ replyType: 'text', content: '={{ $json.missing }}' },
			'The reply text is empty',
		],
		[
			'an image without media_id',
			{ replyType: 'image', mediaId: '={{ $json.missing }}' },
			'media_id',
		],
		[
			'music without thumbnail',
			{ replyType: 'music', thumbMediaId: '={{ $json.missing }}' },
			'thumbnail',
		],
		['news without articles', { replyType: 'news' }, 'at least one article'],
		[
			'news with nine articles',
			{
				replyType: 'news',
				articles: { article: Array.from({ length: 9 }, () => ({ title: 't' })) },
			},
			'at most 8',
		],
		[
			'an item that did not come from the trigger',
			{ replyType: 'text', content: 'x' },
			'WeChat Trigger',
		],
	])('refuses %s with a message saying what to fix', async (name, parameters, fragment) => {
		const item = name.includes('trigger') ? { json: { Content: 'x' } } : triggerItem();
		const { error } = await buildReply(parameters, [item]);
		expect(error?.message).toContain(fragment);
	});

	test('with Continue On Fail, a bad item becomes an error item and the others still get replies', async () => {
		const items = [triggerItem(), triggerItem({ FromUserName: '' }), triggerItem()];
		const { output, error } = await buildReply(
			{ replyType: 'text', content: 'ok' },
			items,
			undefined,
			{
				onError: 'continueRegularOutput',
			},
		);
		expect(error).toBeUndefined();
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[1].json.error).toContain('WeChat Trigger');
		expect(output[0].json.reply).toContain('<Content><![CDATA[ok]]></Content>');
	});

	test('an unusable credential is reported without its values', async () => {
		const { error } = await buildReply({ replyType: 'text', content: 'x' }, [triggerItem()], {
			...SAFE,
			encodingAesKey: 'short-secret-value',
			encryptionMode: 'safe',
		});
		expect(error?.message).toContain('EncodingAESKey');
		expect(error?.message).not.toContain('short-secret-value');
		expect(error?.message).not.toContain(SAFE.token);
	});
});

describe('passive reply end to end: trigger → Build Passive Reply → Respond to Webhook', () => {
	let server: TriggerServer;
	afterEach(async () => await server.close());

	test('a safe-mode follower message gets an encrypted reply within the same HTTP exchange', async () => {
		const credential = { ...SAFE, encryptionMode: 'safe' };
		server = await startTriggerServer({
			credential,
			workflowId: 'passive-e2e',
			parameters: { respond: 'passiveReply', events: ['message:text'] },
			respondToWebhook: async (item) => {
				const { output } = await buildReply(
					{ replyType: 'text', content: '={{ "You said: " + $json.Content }}' },
					[item],
					credential,
				);
				return output[0].json.reply as string;
			},
		});
		const wechat = new WeChatSimulator({ ...SAFE, mode: 'safe' });
		const answer = await postCallback(server.url, wechat.push(textMessageXml('价格', '555001')));
		expect(answer.status).toBe(200);
		expect(fieldsOf(wechat.openReply(answer.body))).toMatchObject({
			ToUserName: FOLLOWER,
			FromUserName: ACCOUNT_ID,
			MsgType: 'text',
			Content: 'You said: 价格',
		});
	});
});
