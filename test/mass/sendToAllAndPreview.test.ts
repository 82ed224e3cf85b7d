/* eslint-disable @typescript-eslint/no-explicit-any -- assertions read the fake's loosely typed JSON */
import { FAST_RETRIES, startWeChatFixture } from '../support/wechatFixture';
import type { WeChatFixture } from '../support/wechatFixture';

const SENDALL = '/cgi-bin/message/mass/sendall';
const PREVIEW = '/cgi-bin/message/mass/preview';

describe('Send to All Followers', () => {
	let wechat: WeChatFixture;
	afterEach(async () => await wechat?.close());

	const toAll = (extra: Record<string, unknown> = {}) => ({
		resource: 'massMessage',
		operation: 'sendToAll',
		messageType: 'text',
		text: 'Store opening this Saturday',
		sendOptions: FAST_RETRIES,
		...extra,
	});

	test('sends is_to_all without a tag_id and every follower receives it once', async () => {
		wechat = await startWeChatFixture({ followers: 30 });

		const { output } = await wechat.run(toAll());

		expect(wechat.fake.requestsTo(SENDALL)[0].json).toMatchObject({ filter: { is_to_all: true }, msgtype: 'text' });
		expect((wechat.fake.requestsTo(SENDALL)[0].json as any).filter).not.toHaveProperty('tag_id');
		expect(output[0].json).toMatchObject({ status: 'sent', audience: 'all' });
		expect(wechat.account.followers.every((openId) => wechat.account.deliveries(openId) === 1)).toBe(true);
	});

	test.each([false, true])(
		'mpnews to all works whether or not WeChat demands an empty tag_id (40152 quirk %s)',
		async (quirk) => {
			wechat = await startWeChatFixture({ followers: 10, quirks: { mpnewsToAllNeedsTagId: quirk } });
			const draft = wechat.account.seedDraft();

			const { output, error } = await wechat.run(toAll({ messageType: 'mpnews', mpnewsMediaId: draft.mediaId }));

			expect(error).toBeUndefined();
			expect(output[0].json.status).toBe('sent');
			expect(wechat.fake.requestsTo(SENDALL)).toHaveLength(quirk ? 2 : 1);
			expect(wechat.account.followers.every((openId) => wechat.account.deliveries(openId) === 1)).toBe(true);
		},
	);

	test('a subscription account\'s second broadcast of the day is explained (45028)', async () => {
		wechat = await startWeChatFixture({ followers: 5, type: 'subscription' });
		await wechat.run(toAll());

		const { error } = await wechat.run(toAll({ text: 'Another one' }));

		expect(error?.message).toContain('No mass-message quota left');
		expect(error?.description).toContain('subscription account can mass-send once a day');
	});

	test.each([
		[45009, 'daily API quota'],
		[48001, 'not allowed to use this API'],
		[45011, 'Too many calls per minute'],
		[9500002, 'too many mass jobs'],
		[40008, 'Invalid message type'],
	])('WeChat error %i reads "%s"', async (errcode, text) => {
		wechat = await startWeChatFixture({ followers: 5 });
		wechat.fake.inject({ path: SENDALL, times: 20, action: { type: 'errcode', errcode } });

		const { error } = await wechat.run(toAll({ sendOptions: { ...FAST_RETRIES, maxRetries: 0 } }));

		expect(error?.message).toContain(text);
		expect(error?.message).toContain(`WeChat error ${errcode}`);
	});
});

describe('Preview', () => {
	let wechat: WeChatFixture;
	afterEach(async () => await wechat?.close());

	test('delivers the message to one OpenID and counts against no mass quota', async () => {
		wechat = await startWeChatFixture({ followers: 3 });
		const [openId] = wechat.account.followers;

		const { output } = await wechat.run({
			resource: 'massMessage',
			operation: 'preview',
			previewTo: 'openId',
			previewOpenId: openId,
			messageType: 'text',
			text: 'Draft of Friday\'s newsletter',
		});

		expect(wechat.fake.requestsTo(PREVIEW)[0].json).toMatchObject({ touser: openId, msgtype: 'text', text: { content: "Draft of Friday's newsletter" } });
		expect(output[0].json).toMatchObject({ status: 'sent', previewTo: { openId } });
		expect(wechat.fake.requestsTo(PREVIEW)[0].json).not.toHaveProperty('clientmsgid');
	});

	test('can target a WeChat ID (towxname)', async () => {
		wechat = await startWeChatFixture({ followers: 3 });

		const { error } = await wechat.run({
			resource: 'massMessage',
			operation: 'preview',
			previewTo: 'wxName',
			previewWxName: 'zhangsan_2024',
			messageType: 'text',
			text: 'hi',
		});

		expect(error).toBeUndefined();
		expect(wechat.fake.requestsTo(PREVIEW)[0].json).toMatchObject({ towxname: 'zhangsan_2024' });
	});
});
